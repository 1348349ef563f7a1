import { header, statusLabel } from '../harness/observe/timeline.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { toTimedFrames } from '../harness/verdict/cadence.ts';
import { expect, lscTest } from '../harness/playwright/fixtures.ts';

lscTest('BUFFERED-001', async ({ functionUrl, evidence }) => {
  const schedule = { count: 3, intervalMs: 500 };
  const { timeline, frames } = await observeSse(
    `${functionUrl('SseTickerBuffered')}?count=${schedule.count}&interval=${schedule.intervalMs}`,
    { timeoutMs: 15_000 },
  );
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(header(timeline, 'content-length'), 'content-length').toBe(String(timeline.totalBytes));
  const { timed } = toTimedFrames(frames);
  expect(timed.length, 'frames received').toBe(schedule.count);
  const lastWrite = Math.max(...timed.map((frame) => frame.emittedAt));
  const early = timed.filter((frame) => frame.arrivedAt < lastWrite);
  expect(
    early.map((frame) => frame.seq),
    'frames that arrived before the handler’s last write',
  ).toEqual([]);
});

lscTest('BUFFERED-002', async ({ functionUrl, evidence }) => {
  const timeline = await observeHttp(`${functionUrl('BufferedEcho')}some/path?x=1`, { timeoutMs: 15_000 });
  await evidence.timeline('wire', timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(header(timeline, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('buffered-echo');
  expect(header(timeline, 'content-length'), 'content-length').toBe(String(timeline.totalBytes));
  expect(JSON.parse(timeline.bodyHead.toString('utf8')), 'echoed request').toEqual({ method: 'GET', path: '/some/path', query: 'x=1' });
});
