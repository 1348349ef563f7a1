import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { machineStalls, overlapMs } from './machine-stalls.ts';

test('only the part of a freeze inside the window counts', () => {
  const stalls = [
    { from: 100, to: 200 },
    { from: 300, to: 700 },
  ];
  expect(overlapMs(stalls, 150, 400)).toBe(150);
  expect(overlapMs(stalls, 200, 300)).toBe(0);
  expect(overlapMs(stalls, 0, 1000)).toBe(500);
});

test("the sentinel's record is read as it grows, whole lines only", () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsc-machine-stalls-'));
  try {
    const file = join(dir, 'machine-stalls.jsonl');
    expect(machineStalls(file), 'nothing recorded yet').toEqual([]);
    appendFileSync(file, '{"from":1,"to":2}\n{"from":5,');
    expect(machineStalls(file)).toEqual([{ from: 1, to: 2 }]);
    appendFileSync(file, '"to":9}\n');
    expect(machineStalls(file)).toEqual([
      { from: 1, to: 2 },
      { from: 5, to: 9 },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the sentinel records an interval in which it could not run, and ends when its stdin closes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsc-sentinel-'));
  const file = join(dir, 'machine-stalls.jsonl');
  const sentinel = spawn(process.execPath, [fileURLToPath(new URL('./machine-sentinel.mjs', import.meta.url)), file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => sentinel.once('exit', resolve));
  try {
    await new Promise((resolve) => sentinel.stdout!.once('data', resolve)); // its record has begun
    // Stopped as the machine stops it: it cannot run until continued.
    const stoppedAt = performance.timeOrigin + performance.now();
    sentinel.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 400));
    sentinel.kill('SIGCONT');
    const continuedAt = performance.timeOrigin + performance.now();
    // Its record covers the time it was stopped (less a tick at either end), however the machine ran meanwhile.
    const stopped = continuedAt - stoppedAt;
    await expect.poll(() => overlapMs(machineStalls(file), stoppedAt, continuedAt), { timeout: 5000 }).toBeGreaterThan(0.8 * stopped);
    sentinel.stdin!.end();
    expect(await exited).toBe(0);
  } finally {
    sentinel.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
