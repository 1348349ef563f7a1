import { observeEventSource } from '../harness/observe/browser.ts';
import { header, headerAll, statusLabel } from '../harness/observe/timeline.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { judgeCadence, toTimedFrames, toleranceFor } from '../harness/verdict/cadence.ts';
import { expect, lscTest, test } from '../harness/playwright/fixtures.ts';
import { schedules } from '../harness/verdict/schedules.ts';
import { faultsWellFormed } from './normal-paths.ts';

test.describe.configure({ mode: 'parallel' });

lscTest(
  'DISCONNECT-001',
  async ({ page, functionUrl, toleranceFloorMs, evidence }) => {
    const url = functionUrl('SseTicker');
    const walkedAway = await observeEventSource(page, `${url}?count=10&interval=500`, { timeoutMs: 15_000, closeAfterFrames: 3 });
    await evidence.json('walked-away.json', walkedAway);
    expect(walkedAway.ending, 'the browser closed the stream itself').toBe('closed-by-client');
    const schedule = schedules.short;
    const { timeline, frames } = await observeSse(`${url}?count=${schedule.count}&interval=${schedule.intervalMs}`, { timeoutMs: 15_000 });
    await evidence.timeline('next', timeline);
    expect(timeline.status, 'status of the next request').toBe(200);
    await evidence.judge(
      'next-cadence',
      judgeCadence(toTimedFrames(frames).timed, { ...schedule, toleranceFloorMs }, timeline.requestStartedAt),
    );
  },
  { oneRuntimeAtATime: true },
);

lscTest(
  'CONCURRENCY-001',
  async ({ functionUrl, toleranceFloorMs, evidence }) => {
    const schedule = schedules.short;
    const url = `${functionUrl('SseTicker')}?count=${schedule.count}&interval=${schedule.intervalMs}`;
    const streams = await Promise.all(Array.from({ length: 4 }, () => observeSse(url, { timeoutMs: 30_000 })));
    const judgements = streams.map(({ timeline, frames }) =>
      judgeCadence(toTimedFrames(frames).timed, { ...schedule, toleranceFloorMs }, timeline.requestStartedAt),
    );
    await evidence.json('judgements.json', judgements);
    judgements.forEach((judgement, index) => expect(judgement.ok, `stream ${index + 1}: ${judgement.summary}`).toBe(true));
  },
  { oneRuntimeAtATime: true },
);

lscTest('SLOW-001', async ({ functionUrl, toleranceFloorMs, evidence }) => {
  const waitMs = 2000;
  const { timeline, frames } = await observeSse(`${functionUrl('Faults')}?mode=slow-first-byte&interval=${waitMs}`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  const [frame] = toTimedFrames(frames).timed;
  expect(frame, 'the one frame').toBeDefined();
  const tolerance = toleranceFor(waitMs, toleranceFloorMs);
  expect(frame!.arrivedAt - frame!.emittedAt, 'frame arrival after its write (ms)').toBeLessThanOrEqual(tolerance);
  expect(timeline.ending, 'how the response ended').toBe('complete');
  expect(timeline.endedAt - frame!.emittedAt, 'end after the write (ms)').toBeLessThanOrEqual(tolerance);
});

lscTest('EMPTY-001', async ({ functionUrl, evidence, precondition }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=prelude-only`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.ending, 'the response ends').toBe('complete');
  expect(timeline.endedAt - timeline.requestStartedAt, 'time to end (ms)').toBeLessThan(5000);
  expect(timeline.status, 'status: the prelude was never written').toBe(200);
  expect(timeline.totalBytes, 'body bytes').toBe(0);
  expect(header(timeline, 'x-lsc-fixture'), 'headers of the unwritten prelude').toBeUndefined();
});

lscTest('EMPTY-002', async ({ functionUrl, evidence, precondition }) => {
  await faultsWellFormed({ functionUrl, evidence, precondition });
  const timeline = await observeHttp(`${functionUrl('Faults')}?mode=empty`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.ending, 'the response ends').toBe('complete');
  expect(timeline.endedAt - timeline.requestStartedAt, 'time to end (ms)').toBeLessThan(5000);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(timeline.totalBytes, 'body bytes').toBe(0);
  expect(headerAll(timeline, 'set-cookie'), 'cookies').toEqual([]);
});
