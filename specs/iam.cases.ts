// AWS_IAM Function URLs: observers sign with SigV4 wherever the endpoint map says `auth: aws_iam`
// (harness/observe/signing.ts); these cases also send what a signer never would.
import { signedHeaders } from '../harness/protocol/sigv4.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { header, statusLabel, type Timeline } from '../harness/observe/timeline.ts';
import { observeHttp } from '../harness/observe/wire.ts';
import { answerOf } from '../harness/verdict/answer.ts';
import { judgeCadence, toTimedFrames } from '../harness/verdict/cadence.ts';
import { schedules } from '../harness/verdict/schedules.ts';
import { expect, lscTest, test, type CaseFixtures } from '../harness/playwright/fixtures.ts';

const ticker = schedules.short;
const PRELUDE_QUERY = '?variant=status-headers-cookies';

function expectRefused(timeline: Timeline, what: string): void {
  expect(
    timeline.status,
    `${statusLabel(timeline)} of ${what} (body: ${JSON.stringify(timeline.bodyHead.subarray(0, 120).toString('utf8'))})`,
  ).toBe(403);
}

async function signedPreludeServed(
  { functionUrl, evidence, precondition }: Pick<CaseFixtures, 'functionUrl' | 'evidence' | 'precondition'>,
  method = 'GET',
  body?: string,
) {
  await precondition(`a signed ${method} to the same URL is served`, async () => {
    const timeline = await observeHttp(functionUrl('PreludeIam') + PRELUDE_QUERY, { method, ...(body ? { body } : {}), timeoutMs: 15_000 });
    await evidence.timeline('signed', timeline);
    expect(timeline.status, statusLabel(timeline)).toBe(201);
  });
}

// One after another: two of these cases at once on one function would make the reference start a
// second instance of it (a Node process) while the timing cases beside them run.
test.describe(() => {
  test.describe.configure({ mode: 'default' });

  lscTest('IAM-001', async ({ functionUrl, evidence, precondition, accept }) => {
    const url = `${functionUrl('SseTickerIam')}?count=2&interval=100`;
    await precondition('a signed request to the same URL streams its frames', async () => {
      const { timeline, frames } = await observeSse(url, { timeoutMs: 15_000 });
      await evidence.timeline('signed', timeline);
      expect(timeline.status, statusLabel(timeline)).toBe(200);
      expect(frames.length, 'frames').toBe(2);
    });
    const unsigned = await observeHttp(url, { headers: { accept: 'text/event-stream' }, signing: 'as-given', timeoutMs: 15_000 });
    await evidence.timeline('unsigned', unsigned);
    evidence.observed(`unsigned: ${unsigned.status ?? unsigned.ending} ${unsigned.bodyHead.subarray(0, 120).toString('utf8')}`);
    accept(answerOf(unsigned));
  });

  lscTest('IAM-002', async ({ functionUrl, toleranceFloorMs, evidence }) => {
    const { timeline, frames } = await observeSse(`${functionUrl('SseTickerIam')}?count=${ticker.count}&interval=${ticker.intervalMs}`, {
      timeoutMs: ticker.count * ticker.intervalMs + 15_000,
    });
    await evidence.timeline('signed-ticker', timeline);
    expect(timeline.status, statusLabel(timeline)).toBe(200);
    await evidence.judge('cadence', judgeCadence(toTimedFrames(frames).timed, { ...ticker, toleranceFloorMs }, timeline.requestStartedAt));
    const prelude = await observeHttp(functionUrl('PreludeIam') + PRELUDE_QUERY, { timeoutMs: 15_000 });
    await evidence.timeline('signed-prelude', prelude);
    expect(prelude.status, statusLabel(prelude)).toBe(201);
    expect(header(prelude, 'x-lsc-fixture'), 'x-lsc-fixture').toBe('prelude');
  });

  lscTest('IAM-003', async ({ functionUrl, evidence, precondition }) => {
    await signedPreludeServed({ functionUrl, evidence, precondition }, 'POST', 'the body that was signed');
    const url = functionUrl('PreludeIam') + PRELUDE_QUERY;
    const forBody = await signedHeaders({ url, method: 'POST', headers: {}, body: 'the body that was signed' });
    const otherBody = await observeHttp(url, {
      method: 'POST',
      headers: forBody,
      body: 'another body',
      signing: 'as-given',
      timeoutMs: 15_000,
    });
    await evidence.timeline('other-body', otherBody);
    const forPath = await signedHeaders({ url, method: 'GET', headers: {} });
    const otherPath = await observeHttp(new URL(`other-path${PRELUDE_QUERY}`, url).toString(), {
      headers: forPath,
      signing: 'as-given',
      timeoutMs: 15_000,
    });
    await evidence.timeline('other-path', otherPath);
    evidence.observed(`another body: ${otherBody.status ?? otherBody.ending}; another path: ${otherPath.status ?? otherPath.ending}`);
    expectRefused(otherBody, 'a request whose body is not the one signed');
    expectRefused(otherPath, 'a request sent to another path than the one signed');
  });
});
