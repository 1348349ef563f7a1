import { statusLabel } from '../harness/observe/timeline.ts';
import { createHash } from 'node:crypto';
import { observeHttp, type WireOptions } from '../harness/observe/wire.ts';
import { takeBurstTurn } from '../harness/playwright/burst-token.ts';
import { runEnv } from '../harness/core/run-environment.ts';
import { answerOf } from '../harness/verdict/answer.ts';
import { emulatorLines } from '../harness/verdict/emulator-log.ts';
import { expect, lscTest, test, type CaseFixtures } from '../harness/playwright/fixtures.ts';

const MAX_BUFFERED = 6 * 1024 * 1024 + 100;
const MiB = 1024 * 1024;
// What the cases below judge is completeness, not speed; at full speed they took both cores.
const BIG_STREAM_READ_RATE = 100 * MiB;

const streamDigests = new Map<number, string>();

/**
 * The BigStream pattern, stated independently: period 65536, 16 NULs at the start of each period.
 * Computed once per length in a worker: the runtimes of LIMIT-004 and LIMIT-005 run one after another
 * in one worker, and each hashed the same 25 or 200 MB again.
 */
function expectedStreamDigest(total: number): string {
  const known = streamDigests.get(total);
  if (known) return known;
  const period = Buffer.alloc(65536);
  for (let position = 0; position < 65536; position++) {
    period[position] = position < 16 ? 0 : (position * 31 + (position >>> 8)) & 0xff;
  }
  const hash = createHash('sha256');
  let remaining = total;
  while (remaining > 0) {
    const length = Math.min(remaining, period.length);
    hash.update(period.subarray(0, length));
    remaining -= length;
  }
  const digest = hash.digest('hex');
  streamDigests.set(total, digest);
  return digest;
}

/**
 * A request whose answer the target produces in one multi-megabyte burst: the target and its functions
 * run above every observer, so such cases take turns for the burst (harness/playwright/burst-token.ts).
 */
async function observeBurst(url: string, options: WireOptions) {
  const turn = await takeBurstTurn(process.env[runEnv.burstToken]);
  try {
    return await observeHttp(url, { ...options, onStatus: () => turn.answering() });
  } finally {
    turn.release();
  }
}

/** BigBuffered returns a JSON string of `size` bytes: the quotes and size − 2 letters. */
async function expectBufferedDelivered(
  { functionUrl, answerDeadlineMs, evidence }: Pick<CaseFixtures, 'functionUrl' | 'answerDeadlineMs' | 'evidence'>,
  name: string,
): Promise<void> {
  const timeline = await observeBurst(`${functionUrl('BigBuffered')}?size=${MAX_BUFFERED}`, {
    timeoutMs: answerDeadlineMs('BigBuffered'),
    keepBytes: 64,
  });
  await evidence.timeline(name, timeline);
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(timeline.totalBytes, 'body length').toBe(MAX_BUFFERED);
  const expected = createHash('sha256')
    .update(`"${'a'.repeat(MAX_BUFFERED - 2)}"`)
    .digest('hex');
  expect(timeline.bodySha256, 'body SHA-256').toBe(expected);
}

// The buffered cases below each pass 6 MB or more through the target in one burst and take turns
// for it; the streams after them are read at a bounded rate, one runtime at a time.
lscTest('LIMIT-001', async ({ functionUrl, answerDeadlineMs, evidence }) =>
  expectBufferedDelivered({ functionUrl, answerDeadlineMs, evidence }, 'wire'),
);

lscTest('LIMIT-002', async ({ functionUrl, answerDeadlineMs, evidence, targetLogs, precondition, accept }) => {
  await precondition(`a result of exactly ${MAX_BUFFERED} bytes is delivered`, () =>
    expectBufferedDelivered({ functionUrl, answerDeadlineMs, evidence }, 'at-the-limit'),
  );
  const timeline = await observeBurst(`${functionUrl('BigBuffered')}?size=${MAX_BUFFERED + 1}`, {
    timeoutMs: answerDeadlineMs('BigBuffered'),
    keepBytes: 256,
  });
  await evidence.timeline('wire', timeline);
  accept(answerOf(timeline));
  expect(timeline.totalBytes, 'body bytes (the oversized payload must not be delivered)').toBeLessThan(MAX_BUFFERED);
  const logs = await targetLogs();
  if (logs !== undefined)
    expect(emulatorLines(logs).join('\n'), 'the emulator records the error type').toContain('Function.ResponseSizeTooLarge');
});

lscTest('LIMIT-003', async ({ functionUrl, answerDeadlineMs, evidence, precondition, accept }) => {
  await precondition('a 1 MB stream through the same BUFFERED URL answers 200 with the whole body', async () => {
    const small = await observeHttp(`${functionUrl('BigStreamBuffered')}?bytes=${MiB}`, {
      timeoutMs: answerDeadlineMs('BigStreamBuffered'),
      keepBytes: 256,
    });
    await evidence.timeline('one-megabyte', small);
    expect(small.status, statusLabel(small)).toBe(200);
    expect(small.totalBytes, 'body length').toBe(MiB);
    expect(small.bodySha256, 'body SHA-256').toBe(expectedStreamDigest(MiB));
  });
  const timeline = await observeBurst(`${functionUrl('BigStreamBuffered')}?bytes=${7 * MiB}`, {
    timeoutMs: answerDeadlineMs('BigStreamBuffered'),
    keepBytes: 256,
  });
  await evidence.timeline('wire', timeline);
  accept(answerOf(timeline));
  expect(timeline.totalBytes, 'body bytes').toBeLessThan(MAX_BUFFERED);
});

for (const [id, megabytes] of [
  ['LIMIT-004', 25],
  ['LIMIT-005', 200],
] as const) {
  lscTest(
    id,
    async ({ functionUrl, evidence }) => {
      test.setTimeout(180_000);
      const total = megabytes * MiB;
      const started = performance.now();
      const timeline = await observeHttp(`${functionUrl('BigStream')}?bytes=${total}`, {
        timeoutMs: 150_000,
        keepBytes: 4096,
        maxBytesPerSecond: BIG_STREAM_READ_RATE,
      });
      const seconds = (performance.now() - started) / 1000;
      evidence.observed(
        `${megabytes} MB in ${seconds.toFixed(2)} s (${(megabytes / seconds).toFixed(0)} MB/s, read at most ${BIG_STREAM_READ_RATE / MiB} MB/s), ${timeline.chunks.length} chunks`,
      );
      await evidence.json('summary.json', {
        status: timeline.status,
        totalBytes: timeline.totalBytes,
        chunks: timeline.chunks.length,
        ending: timeline.ending,
        seconds,
      });
      expect(timeline.status, statusLabel(timeline)).toBe(200);
      expect(timeline.ending, 'how the stream ended').toBe('complete');
      expect(timeline.totalBytes, 'body length').toBe(total);
      expect(timeline.bodySha256, 'body SHA-256').toBe(expectedStreamDigest(total));
    },
    { oneRuntimeAtATime: true },
  );
}
