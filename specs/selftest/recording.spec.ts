import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runJudgedLsc, runLsc } from './cli-process.ts';
import { behindProxy } from './proxies.ts';

// What a user does with a recording of AWS, done with the reference: record a run, then hold other
// runs against it. A second run of the same target is alike; the same target behind a buffering
// proxy differs where buffering shows (frames late), and says so case by case.
const cases = 'SSE-001 |PRELUDE-001 |IAM-001 ';
// The cadence is not the question here, and the buffering proxy delays frames by seconds: a wider
// floor keeps a frame late on a busy CI machine from failing the recorded run.
const tolerance = ['--timing-tolerance', '1000'];

test('lsc run --record and lsc compare: a run of the same target is alike, a buffered one differs', async () => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-recording-'));
  try {
    const recording = join(dir, 'recording');
    const recorded = await runJudgedLsc(['run', '--grep', cases, ...tolerance, '--report', join(dir, 'first'), '--record', recording], {
      timeoutMs: 120_000,
    });
    expect(recorded.code, recorded.output).toBe(0);
    expect(readdirSync(recording).sort()).toEqual(['IAM-001.yaml', 'PRELUDE-001.yaml', 'SSE-001.yaml']);
    const again = await runJudgedLsc(['run', '--grep', cases, ...tolerance, '--report', join(dir, 'second')], { timeoutMs: 120_000 });
    expect(again.code, again.output).toBe(0);
    const alike = await runLsc(['compare', recording, '--report', join(dir, 'second')], { timeoutMs: 30_000 });
    expect(alike.code, alike.output).toBe(0);
    expect(alike.output).toContain('3 cases alike, 0 differ, 0 recorded but not judged in this run');

    const buffered = await behindProxy('buffer', async (proxyDir, endpoints) => {
      await runJudgedLsc(
        ['run', '--target', 'external', '--endpoints', endpoints, '--grep', cases, ...tolerance, '--report', join(proxyDir, 'report')],
        {
          timeoutMs: 120_000,
        },
      );
      return runLsc(['compare', recording, '--report', join(proxyDir, 'report')], { timeoutMs: 30_000 });
    });
    expect(buffered.code, buffered.output).toBe(1);
    expect(buffered.output).toMatch(/SSE-001:\n(\s+.*\n)*?\s+frames cadence\.frames: 0: as written \| .* → 0: late/);
    expect(buffered.output).toMatch(/http wire\.headers: .*transfer-encoding: chunked → .*content-length/);
    const missing = await runLsc(['compare', join(dir, 'absent')], { timeoutMs: 30_000 });
    expect(missing.code, missing.output).toBe(3);
    expect(missing.output).toMatch(/no such recording directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
