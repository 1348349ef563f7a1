import { header, headerAll, judgedEnd, statusLabel } from '../harness/observe/timeline.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { judgedLag, toTimedFrames, toleranceFor } from '../harness/verdict/cadence.ts';
import { expect, lscTest } from '../harness/playwright/fixtures.ts';
import { faultsWellFormed } from './normal-paths.ts';

lscTest('SLOW-001', async ({ functionUrl, toleranceFloorMs, evidence }) => {
  const waitMs = 2000;
  const { timeline, frames } = await observeSse(`${functionUrl('Faults')}?mode=slow-first-byte&interval=${waitMs}`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  const [frame] = toTimedFrames(frames).timed;
  expect(frame, 'the one frame').toBeDefined();
  const tolerance = toleranceFor(waitMs, toleranceFloorMs);
  expect(judgedLag(frame!), 'frame arrival after its write (ms)').toBeLessThanOrEqual(tolerance);
  expect(timeline.ending, 'how the response ended').toBe('complete');
  expect(judgedEnd(timeline) - frame!.emittedAt, 'end after the write (ms)').toBeLessThanOrEqual(tolerance);
});

lscTest('EMPTY-001', async ({ functionUrl, evidence, precondition }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=prelude-only`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.ending, 'the response ends').toBe('complete');
  expect(judgedEnd(timeline) - timeline.requestStartedAt, 'time to end (ms)').toBeLessThan(5000);
  expect(timeline.status, 'status: the prelude was never written').toBe(200);
  expect(timeline.totalBytes, 'body bytes').toBe(0);
  expect(header(timeline, 'x-lsc-fixture'), 'headers of the unwritten prelude').toBeUndefined();
});

lscTest('EMPTY-002', async ({ functionUrl, evidence, precondition }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=empty`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.ending, 'the response ends').toBe('complete');
  expect(judgedEnd(timeline) - timeline.requestStartedAt, 'time to end (ms)').toBeLessThan(5000);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(timeline.totalBytes, 'body bytes').toBe(0);
  expect(headerAll(timeline, 'set-cookie'), 'cookies').toEqual([]);
});
