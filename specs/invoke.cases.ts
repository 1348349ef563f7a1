import { observeInvokeSse, observeStreamInvoke, urlEventFor } from '../harness/observe/invoke.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { header, statusLabel } from '../harness/observe/timeline.ts';
import { answerOf } from '../harness/verdict/answer.ts';
import { judgeCadence, toTimedFrames } from '../harness/verdict/cadence.ts';
import { schedules } from '../harness/verdict/schedules.ts';
import { expect, lscTest, perRuntime, test } from '../harness/playwright/fixtures.ts';
import {
  STREAM_TICKER_TIMEOUT_MS,
  STREAM_TIMEOUT_MS,
  sdkInvokeReportsTimeout,
  sdkInvokeReturnsResult,
  sdkStreamCadence,
  sdkStreamDecodes,
  sdkStreamSurfacesError,
} from './sdk-cases.ts';

// Cases of one function run one after another: an emulator with a single sandbox per function (RIE)
// must not be judged on concurrency here (CONCURRENCY-002 does that on purpose, last of its group).
// Different functions run side by side.

// The ticker without a prelude: on the invoke layer the bytes are the runtime's, verbatim.
const ticker = schedules.short;
const tickerPath = `/?count=${ticker.count}&interval=${ticker.intervalMs}&mode=content-type`;
const HELD = '/?hold=1000';

perRuntime('SseTicker', (language) => {
  test.describe.configure({ mode: 'default' });

  lscTest(
    'INVOKE-001',
    async ({ invokeUrl, toleranceFloorMs, evidence }) => {
      const { timeline, frames } = await observeInvokeSse(invokeUrl('SseTicker'), tickerPath, 30_000);
      await evidence.timeline('invoke', timeline);
      expect(timeline.status, statusLabel(timeline)).toBe(200);
      await evidence.judge(
        'cadence',
        judgeCadence(toTimedFrames(frames).timed, { ...ticker, toleranceFloorMs }, timeline.requestStartedAt),
      );
    },
    language,
  );
  lscTest(
    'INVOKE-002',
    async ({ invokeUrl, evidence }) => {
      const { timeline } = await observeInvokeSse(invokeUrl('SseTicker'), '/?count=1&interval=10&mode=content-type', 15_000);
      await evidence.timeline('invoke', timeline);
      expect(timeline.status, statusLabel(timeline)).toBe(200);
      expect(header(timeline, 'content-type'), 'content-type').toMatch(/^text\/event-stream/);
    },
    language,
  );
  lscTest(
    'IWRS-002',
    async ({ streamInvokeUrl, toleranceFloorMs, evidence }) => {
      const { timeline, frames, framingError } = await observeStreamInvoke(
        streamInvokeUrl('SseTicker'),
        tickerPath,
        STREAM_TICKER_TIMEOUT_MS,
      );
      await evidence.timeline('stream-invoke', timeline);
      expect(timeline.status, statusLabel(timeline)).toBe(200);
      expect(framingError, 'event-stream framing').toBeUndefined();
      await evidence.judge(
        'cadence',
        judgeCadence(toTimedFrames(frames).timed, { ...ticker, toleranceFloorMs }, timeline.requestStartedAt),
      );
    },
    language,
  );
  lscTest('SDK-004', sdkStreamCadence, language);
});

perRuntime('SseTickerTimeout', (language) => {
  test.describe.configure({ mode: 'default' });

  lscTest(
    'INVOKE-003',
    async ({ invokeUrl, evidence, precondition, accept }) => {
      // SseTickerTimeout has Timeout: 3 and would write for 10 s.
      const timeoutMs = 3000;
      await precondition('an invoke of the same function that ends within its timeout delivers its frames', async () => {
        const normal = await observeInvokeSse(invokeUrl('SseTickerTimeout'), '/?count=2&interval=200&mode=content-type', 15_000);
        await evidence.timeline('normal-path', normal.timeline);
        expect(normal.timeline.status, statusLabel(normal.timeline)).toBe(200);
        expect(
          toTimedFrames(normal.frames).timed.map((frame) => frame.seq),
          'frames',
        ).toEqual([0, 1]);
      });
      const { timeline, frames } = await observeInvokeSse(
        invokeUrl('SseTickerTimeout'),
        '/?count=10&interval=1000&mode=content-type',
        20_000,
      );
      await evidence.timeline('invoke', timeline);
      const chart = toTimedFrames(frames);
      await evidence.frames('frames', { startedAt: timeline.requestStartedAt, frames: chart.timed });
      evidence.observed(`body starts ${JSON.stringify(timeline.bodyHead.subarray(0, 60).toString('utf8'))}`);
      expect(timeline.ending, 'the invoke must end, not hang').not.toBe('timeout');
      await precondition('the function ran until its timeout (the answer ended no earlier)', async () => {
        // On the stamp, not on the earliest possible end: this precondition must not void the case
        // over a stall of the observer's own (the answer itself is judged by accept below).
        expect(timeline.endedAt - timeline.requestStartedAt, 'ms until the answer ended').toBeGreaterThanOrEqual(timeoutMs - 50);
      });
      accept(answerOf(timeline));
    },
    language,
  );
  lscTest('SDK-002', sdkInvokeReportsTimeout, language);
});

perRuntime('Plain', (language) => {
  test.describe.configure({ mode: 'default' });

  lscTest(
    'IWRS-001',
    async ({ streamInvokeUrl, evidence }) => {
      const { timeline, events, framingError } = await observeStreamInvoke(streamInvokeUrl('Plain'), '/', STREAM_TIMEOUT_MS);
      await evidence.timeline('stream-invoke', timeline);
      const statusShown =
        timeline.status === undefined
          ? statusLabel(timeline)
          : `status (body: ${JSON.stringify(timeline.bodyHead.subarray(0, 80).toString('utf8'))})`;
      expect(timeline.status, statusShown).toBe(200);
      expect(framingError, 'event-stream framing').toBeUndefined();
      const types = events.map((event) => event.headers[':event-type']);
      expect(types.at(-1), 'last event').toBe('InvokeComplete');
      expect(
        types.filter((type) => type === 'InvokeComplete'),
        'InvokeComplete events',
      ).toHaveLength(1);
      for (const event of events.filter((e) => e.headers[':event-type'] === 'PayloadChunk')) {
        expect(event.headers[':content-type'], 'PayloadChunk content type').toBe('application/octet-stream');
        expect(event.headers[':message-type'], 'PayloadChunk message type').toBe('event');
      }
      const body = Buffer.concat(events.filter((e) => e.headers[':event-type'] === 'PayloadChunk').map((e) => e.payload)).toString('utf8');
      expect(body, 'concatenated PayloadChunks').toBe('plain streamed body\n');
    },
    language,
  );
  lscTest('SDK-001', sdkInvokeReturnsResult, language);
  lscTest('SDK-003', sdkStreamDecodes, language);
  lscTest(
    'CONCURRENCY-002',
    async ({ invokeUrl, evidence, accept }) => {
      const url = invokeUrl('Plain');
      const invoke = (path = '/') => observeHttp(url, { method: 'POST', body: urlEventFor(path), timeoutMs: 15_000 });
      // Each held for a second: the three overlap for certain, instead of racing a 1 ms handler.
      const concurrent = await Promise.all([invoke(HELD), invoke(HELD), invoke(HELD)]);
      for (const [index, timeline] of concurrent.entries()) await evidence.timeline(`concurrent-${index + 1}`, timeline);
      evidence.observed(`concurrent statuses: ${concurrent.map((t) => t.status ?? t.error ?? t.ending).join(', ')}`);
      for (const timeline of concurrent) accept(answerOf(timeline));
      const after = await invoke();
      await evidence.timeline('after', after);
      expect(after.status, 'an invoke after the burst').toBe(200);
      expect(after.bodyHead.toString('utf8'), 'its body').toBe('plain streamed body\n');
    },
    language,
  );
});

perRuntime('Faults', (language) => {
  test.describe.configure({ mode: 'default' });

  lscTest(
    'IWRS-003',
    async ({ streamInvokeUrl, evidence }) => {
      const { timeline, events, frames, framingError } = await observeStreamInvoke(
        streamInvokeUrl('Faults'),
        '/?mode=throw-mid-stream&interval=300',
        STREAM_TIMEOUT_MS,
      );
      await evidence.timeline('stream-invoke', timeline);
      expect(timeline.status, statusLabel(timeline)).toBe(200);
      expect(framingError, 'event-stream framing').toBeUndefined();
      expect(
        toTimedFrames(frames).timed.map((f) => f.seq),
        'frames written before the error',
      ).toEqual([0, 1]);
      const complete = events.find((e) => e.headers[':event-type'] === 'InvokeComplete');
      expect(complete, 'an InvokeComplete event').toBeDefined();
      const body = JSON.parse(complete!.payload.toString('utf8')) as { ErrorCode?: string; ErrorDetails?: string };
      evidence.observed(`InvokeComplete ${JSON.stringify(body).slice(0, 300)}`);
      expect(body.ErrorCode, 'ErrorCode').toBe('Error');
      expect(body.ErrorDetails ?? '', 'ErrorDetails').toContain('fixture failure after two frames');
    },
    language,
  );
  lscTest('SDK-005', sdkStreamSurfacesError, language);
});
