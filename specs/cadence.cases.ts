// The SSE cadence cases: the ten-second ticker of the original bug report, on the wire and in Chromium.
// Files run in name order, and these are the longest cases, so the file is named to start first.
import { observeEventSource } from '../harness/observe/browser.ts';
import { header, type Timeline } from '../harness/observe/timeline.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { judgeCadence, judgeFirstFrame, toTimedFrames } from '../harness/verdict/cadence.ts';
import { schedules } from '../harness/verdict/schedules.ts';
import { expect, lscTest, type CaseFixtures } from '../harness/playwright/fixtures.ts';

const ticker = schedules.ticker;
const shortTicker = schedules.short;
const timeoutFor = (schedule: { count: number; intervalMs: number }) => schedule.count * schedule.intervalMs + 15_000;
// When the status is wrong there are no frames to judge, but when the answer came still tells buffering
// from streaming: the handler writes its prelude at once and its last frame (count - 1) intervals later.
const began = (timeline: Timeline, schedule: { count: number; intervalMs: number }) =>
  `status (the response began at t=${(((timeline.responseAt ?? timeline.endedAt) - timeline.requestStartedAt) / 1000).toFixed(2)} s; the handler writes from t=0 to t=${((schedule.count - 1) * schedule.intervalMs) / 1000} s)`;
const query = (schedule: { count: number; intervalMs: number }, extra = '') =>
  `?count=${schedule.count}&interval=${schedule.intervalMs}${extra}`;

async function wireCadence(
  { functionUrl, toleranceFloorMs, evidence }: Pick<CaseFixtures, 'functionUrl' | 'toleranceFloorMs' | 'evidence'>,
  extraQuery = '',
): Promise<void> {
  const { timeline, frames } = await observeSse(functionUrl('SseTicker') + query(ticker, extraQuery), { timeoutMs: timeoutFor(ticker) });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, began(timeline, ticker)).toBe(200);
  expect(header(timeline, 'content-type'), 'content type').toMatch(/^text\/event-stream/);
  const { timed, malformed } = toTimedFrames(frames);
  expect(malformed, 'frames that are not ticker frames').toEqual([]);
  await evidence.judge('cadence', judgeCadence(timed, { ...ticker, toleranceFloorMs }, timeline.requestStartedAt));
  expect(timeline.ending, 'how the stream ended').toBe('complete');
}

lscTest('SSE-001', async ({ functionUrl, toleranceFloorMs, evidence }) => wireCadence({ functionUrl, toleranceFloorMs, evidence }));

// The same wire judgement on the aws-lambda-go ticker, which never sends the response-mode header.
lscTest('MODE-001', async ({ functionUrl, toleranceFloorMs, evidence }) => wireCadence({ functionUrl, toleranceFloorMs, evidence }));

lscTest('SSE-006', async ({ functionUrl, toleranceFloorMs, evidence }) =>
  wireCadence({ functionUrl, toleranceFloorMs, evidence }, '&mode=full-prelude'),
);

lscTest('SSE-002', async ({ page, functionUrl, toleranceFloorMs, evidence }) => {
  const result = await observeEventSource(page, functionUrl('SseTicker') + query(ticker), { timeoutMs: timeoutFor(ticker) });
  await evidence.json('eventsource.json', result);
  expect(result.ending, 'EventSource outcome').not.toBe('failed');
  const { timed, malformed } = toTimedFrames(result.frames);
  expect(malformed, 'frames that are not ticker frames').toEqual([]);
  await evidence.judge('cadence', judgeCadence(timed, { ...ticker, toleranceFloorMs }, result.requestStartedAt));
});

lscTest('SSE-003', async ({ page, functionUrl, toleranceFloorMs, evidence }) => {
  const result = await observeEventSource(page, functionUrl('SseTicker') + query(ticker, '&mode=content-type'), {
    timeoutMs: timeoutFor(ticker),
  });
  await evidence.json('eventsource.json', result);
  expect(result.ending, 'EventSource outcome (it fails to open unless Content-Type is text/event-stream)').not.toBe('failed');
  const { timed } = toTimedFrames(result.frames);
  await evidence.judge('cadence', judgeCadence(timed, { ...ticker, toleranceFloorMs }, result.requestStartedAt));
});

lscTest('SSE-004', async ({ functionUrl, toleranceFloorMs, evidence }) => {
  const { timeline, frames } = await observeSse(functionUrl('SseTicker') + query(shortTicker), { timeoutMs: timeoutFor(shortTicker) });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, began(timeline, shortTicker)).toBe(200);
  const { timed } = toTimedFrames(frames);
  expect(timed.length, 'frames received').toBe(shortTicker.count);
  await evidence.judge('first-frame', judgeFirstFrame(timed, { ...shortTicker, toleranceFloorMs }, timeline.requestStartedAt));
});

lscTest('SSE-005', async ({ page, functionUrl, toleranceFloorMs, evidence }) => {
  const result = await observeEventSource(page, functionUrl('SseTicker') + query(shortTicker), { timeoutMs: timeoutFor(shortTicker) });
  await evidence.json('eventsource.json', result);
  const { timed } = toTimedFrames(result.frames);
  expect(timed.length, 'frames received').toBe(shortTicker.count);
  await evidence.judge('first-frame', judgeFirstFrame(timed, { ...shortTicker, toleranceFloorMs }, result.requestStartedAt));
});
