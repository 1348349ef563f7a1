import { header, headerAll, type Timeline, statusLabel } from '../harness/observe/timeline.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { expect, lscTest, type CaseFixtures } from '../harness/playwright/fixtures.ts';

/** What the Prelude fixture writes after its prelude; stated here independently as the oracle. */
const textBody = (variant: string) => Buffer.from(`prelude variant ${variant}\n`);

function binaryBody(): Buffer {
  const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  return Buffer.concat([allBytes, Buffer.alloc(16), Buffer.from('{"statusCode":500}'), Buffer.alloc(8), Buffer.from('end')]);
}

async function fetchVariant({ functionUrl, evidence }: Pick<CaseFixtures, 'functionUrl' | 'evidence'>, variant: string): Promise<Timeline> {
  const timeline = await observeHttp(`${functionUrl('Prelude')}?variant=${variant}`, { timeoutMs: 15_000 });
  await evidence.timeline(variant, timeline);
  expect(timeline.ending, 'how the response ended').toBe('complete');
  return timeline;
}

function expectBody(timeline: Timeline, expected: Buffer): void {
  expect(timeline.totalBytes, 'body length').toBe(expected.length);
  expect(
    timeline.bodyHead.equals(expected),
    `body bytes: got ${JSON.stringify(timeline.bodyHead.subarray(0, 120).toString('latin1'))}`,
  ).toBe(true);
}

lscTest('PRELUDE-001', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'status-headers-cookies');
  expect(timeline.status, statusLabel(timeline)).toBe(201);
});

lscTest('PRELUDE-002', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'status-headers-cookies');
  expect(header(timeline, 'content-type'), 'content-type').toBe('text/plain; charset=utf-8');
  expect(header(timeline, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('prelude');
});

lscTest('PRELUDE-003', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'status-headers-cookies');
  expect(headerAll(timeline, 'set-cookie'), 'Set-Cookie headers').toEqual([
    'session=abc123; Path=/; HttpOnly',
    'theme=dark',
    'lang=en-GB; Max-Age=60',
  ]);
});

lscTest('PRELUDE-004', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'status-headers-cookies');
  expectBody(timeline, textBody('status-headers-cookies'));
});

lscTest('PRELUDE-005', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'no-cookies');
  expect(timeline.status, statusLabel(timeline)).toBe(202);
  expect(header(timeline, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('no-cookies');
  expect(headerAll(timeline, 'set-cookie'), 'Set-Cookie headers').toEqual([]);
  expectBody(timeline, textBody('no-cookies'));
});

lscTest('PRELUDE-006', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'no-headers');
  expect(timeline.status, statusLabel(timeline)).toBe(418);
  expectBody(timeline, textBody('no-headers'));
});

lscTest('PRELUDE-007', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'no-status');
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expect(header(timeline, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('no-status');
  expect(headerAll(timeline, 'set-cookie'), 'Set-Cookie headers').toEqual(['only=one']);
  expectBody(timeline, textBody('no-status'));
});

lscTest('PRELUDE-008', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'nul-body');
  expect(timeline.status, statusLabel(timeline)).toBe(200);
  expectBody(timeline, binaryBody());
});

lscTest('PRELUDE-009', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'single-write');
  expect(timeline.status, statusLabel(timeline)).toBe(203);
  expect(header(timeline, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('single-write');
  expectBody(timeline, textBody('single-write'));
});

lscTest('PRELUDE-010', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'trickle');
  expect(timeline.status, statusLabel(timeline)).toBe(206);
  expect(header(timeline, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('trickle');
  expectBody(timeline, textBody('trickle'));
});

lscTest('PRELUDE-011', async ({ functionUrl, evidence }) => {
  const timeline = await fetchVariant({ functionUrl, evidence }, 'status-headers-cookies');
  // Judged on the function's own answer: its status and body arrived.
  expect(timeline.status, statusLabel(timeline)).toBe(201);
  expectBody(timeline, textBody('status-headers-cookies'));
  const internal = [
    'lambda-runtime-function-response-mode',
    'trailer',
    'lambda-runtime-function-error-type',
    'lambda-runtime-function-error-body',
  ];
  expect(
    timeline.headers.filter(([name]) => internal.includes(name)),
    'runtime-internal headers in the response',
  ).toEqual([]);
  expect(timeline.trailers, 'trailers sent to the client').toEqual([]);
});
