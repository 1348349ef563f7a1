import { expect, test } from '@playwright/test';
import { runJudgedLsc } from './cli-process.ts';

// A tolerance as wide as the controls' schedule makes them unable to tell streaming from buffering,
// every time: the run is void and says why, and a self-test's one second take is void as well.
test('a run whose controls fail is void (exit 2, saying why); a self-test takes it once more, then fails', async () => {
  test.setTimeout(120_000);
  const run = await runJudgedLsc(['run', '--grep', 'PRELUDE-001 ', '--timing-tolerance', '5000'], {
    timeoutMs: 50_000,
    env: { LSC_SCHEDULES: '5x1000' },
  });
  expect(run.code, run.output).toBe(2);
  expect(run.output).toMatch(/^error: the controls failed \(.*\): the harness could not tell streaming from buffering/m);
  const retaken = test.info().annotations.filter((a) => a.type === 'run taken again');
  expect(retaken).toHaveLength(1);
  expect(retaken[0]!.description).toContain('the controls failed');
});
