import { judgedEnd, statusLabel } from '../harness/observe/timeline.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { toTimedFrames } from '../harness/verdict/cadence.ts';
import { answerOf } from '../harness/verdict/answer.ts';
import { expect, lscTest } from '../harness/playwright/fixtures.ts';

// SseTickerTimeout has Timeout: 3 in the template and would stream for 10 s.
const timeoutMs = 3000;
// A6 of the catalogue: nothing after Timeout + 1 s.
const graceMs = 1000;

lscTest('TIMEOUT-001', async ({ functionUrl, evidence, accept }) => {
  const { timeline, frames } = await observeSse(`${functionUrl('SseTickerTimeout')}?count=10&interval=1000`, { timeoutMs: 20_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  const cutOff = timeline.requestStartedAt + timeoutMs + graceMs;
  const late = timeline.chunks.filter((chunk) => chunk.at > cutOff);
  expect(
    late.length,
    `chunks after the deadline: ${late.map((c) => `+${((c.at - timeline.requestStartedAt) / 1000).toFixed(2)} s`).join(', ')}`,
  ).toBe(0);
  const { timed } = toTimedFrames(frames);
  expect(timed.length, 'frames written before the deadline that arrived').toBeGreaterThanOrEqual(3);
  expect(timed.length, 'frames that arrived').toBeLessThan(10);
  expect(judgedEnd(timeline), 'the stream ended by the deadline plus grace').toBeLessThanOrEqual(cutOff);
  evidence.observed(`ended ${timeline.ending} at +${((timeline.endedAt - timeline.requestStartedAt) / 1000).toFixed(2)} s`);
  accept(answerOf(timeline));
});

lscTest('TIMEOUT-002', async ({ functionUrl, evidence }) => {
  const url = functionUrl('SseTickerTimeout');
  const first = await observeSse(`${url}?count=10&interval=1000`, { timeoutMs: 20_000 });
  await evidence.timeline('timed-out', first.timeline);
  const next = await observeSse(`${url}?count=2&interval=200`, { timeoutMs: 10_000 });
  await evidence.timeline('next', next.timeline);
  expect(next.timeline.status, 'status of the next invocation').toBe(200);
  expect(
    toTimedFrames(next.frames).timed.map((frame) => frame.seq),
    'frames of the next invocation',
  ).toEqual([0, 1]);
  expect(next.timeline.ending, 'how the next invocation ended').toBe('complete');
});
