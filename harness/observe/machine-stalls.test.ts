import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
