import { join } from 'node:path';
import { observeInvokeSse, observeStreamInvoke } from '../../harness/observe/invoke.ts';
import { header, headerAll, type Timeline, statusLabel } from '../../harness/observe/timeline.ts';
import { observeSse } from '../../harness/observe/sse.ts';
import type { SseFrame } from '../../harness/observe/sse.ts';
import { readCaseFile } from '../../harness/repro/case-file.ts';
import { answerOf, FAILURE_SIGNALS, judgeAccepted } from '../../harness/verdict/answer.ts';
import { judgeCadence, toTimedFrames } from '../../harness/verdict/cadence.ts';
import { expect, test } from '../../harness/playwright/fixtures.ts';

// One reproduction, described by its case file (lsc repro run sets LSC_REPRO_DIR).
const dir = process.env.LSC_REPRO_DIR;
test.skip(!dir, 'runs only under `lsc repro run`');
const spec = dir ? readCaseFile(join(dir, 'case.yaml')) : undefined;

const details = spec
  ? {
      annotation: [
        { type: 'case', description: spec.id },
        { type: 'clause', description: spec.report ?? 'reproduction' },
        { type: 'requirement', description: spec.title },
        { type: 'provenance', description: spec.provenance },
      ],
    }
  : {};

test(
  `${spec?.id ?? 'REPRO'} ${spec?.title ?? ''}`.trim(),
  details,
  async ({ functionUrl, invokeUrl, streamInvokeUrl, toleranceFloorMs, evidence, precondition }) => {
    const c = spec!;
    const observe = async (path: string): Promise<{ timeline: Timeline; frames: SseFrame[] }> => {
      if (c.via === 'url') {
        return observeSse(functionUrl(c.function).replace(/\/$/, '') + path, {
          method: c.request.method,
          headers: c.request.headers,
          body: c.request.body,
          timeoutMs: c.timeoutMs,
        });
      }
      if (c.via === 'invoke') return observeInvokeSse(invokeUrl(c.function), path, c.timeoutMs);
      return observeStreamInvoke(streamInvokeUrl(c.function), path, c.timeoutMs);
    };
    if (c.normal) {
      const normal = c.normal;
      await precondition(`${normal.path} answers ${normal.status}`, async () => {
        const { timeline } = await observe(normal.path);
        await evidence.timeline('normal-path', timeline);
        expect(timeline.status, statusLabel(timeline)).toBe(normal.status);
        expect(timeline.ending, 'how it ended').toBe('complete');
      });
    }
    const { timeline, frames } = await observe(c.request.path);
    await evidence.timeline(c.via, timeline);
    const timed = toTimedFrames(frames).timed;
    if (timed.length > 0) await evidence.frames('frames', { startedAt: timeline.requestStartedAt, frames: timed });
    const at = (when: number) => `${((when - timeline.requestStartedAt) / 1000).toFixed(2)} s`;
    evidence.observed(
      `status ${timeline.status ?? timeline.error}, ${timeline.totalBytes} bytes, ended ${timeline.ending} at ${at(timeline.endedAt)}`,
    );

    const expected = c.expect;
    if (expected.failure) {
      const judgement = judgeAccepted(FAILURE_SIGNALS, answerOf(timeline));
      expect(judgement.ok, judgement.summary).toBe(true);
    }
    if (expected.status !== undefined) expect(timeline.status, statusLabel(timeline)).toBe(expected.status);
    for (const [name, want] of Object.entries(expected.headers ?? {})) {
      const got = header(timeline, name);
      if (typeof want === 'string') expect(got, `header ${name}`).toBe(want);
      else if ('absent' in want) expect(got, `header ${name}`).toBeUndefined();
      else expect(got ?? '', `header ${name}`).toMatch(new RegExp(want.matches));
    }
    if (expected.cookies) expect(headerAll(timeline, 'set-cookie'), 'Set-Cookie headers').toEqual(expected.cookies);
    if (expected.body?.bytes !== undefined) expect(timeline.totalBytes, 'body bytes').toBe(expected.body.bytes);
    if (expected.body?.equals !== undefined) expect(timeline.bodyHead.toString('utf8'), 'body').toBe(expected.body.equals);
    if (expected.body?.contains !== undefined) expect(timeline.bodyHead.toString('utf8'), 'body').toContain(expected.body.contains);
    if (expected.frames)
      await evidence.judge('cadence', judgeCadence(timed, { ...expected.frames, toleranceFloorMs }, timeline.requestStartedAt));
    if (expected.firstByteWithinMs !== undefined) {
      const first = timeline.chunks[0]?.at;
      expect(
        first === undefined ? Number.POSITIVE_INFINITY : first - timeline.requestStartedAt,
        'time to the first byte (ms)',
      ).toBeLessThanOrEqual(expected.firstByteWithinMs);
    }
    if (expected.endsWithinMs !== undefined)
      expect(timeline.endedAt - timeline.requestStartedAt, 'time to the end (ms)').toBeLessThanOrEqual(expected.endsWithinMs);
    if (expected.ending === 'complete') expect(timeline.ending, 'how the response ended').toBe('complete');
    if (expected.ending === 'abnormal') expect(timeline.ending, 'how the response ended').not.toBe('complete');
  },
);
