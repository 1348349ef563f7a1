import { observeEventSource } from '../harness/observe/browser.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { judgeCadence, toTimedFrames } from '../harness/verdict/cadence.ts';
import { expect, lscTest } from '../harness/playwright/fixtures.ts';
import { schedules } from '../harness/verdict/schedules.ts';

// Many connections at once, and one dropped half-way. Each case loads the target, so its runtime
// variants run one after another; and they come first in the run (conformance.spec.ts) so those
// chains are not what the run waits for at its end.

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
