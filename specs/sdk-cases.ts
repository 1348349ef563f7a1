import { urlEventFor } from '../harness/observe/invoke.ts';
import { observeSdkInvoke, observeSdkStream, sdkErrorLine, type SdkObservation } from '../harness/observe/sdk.ts';
import { answerOfSdk } from '../harness/verdict/answer.ts';
import { toTimedFrames, judgeCadence } from '../harness/verdict/cadence.ts';
import { schedules } from '../harness/verdict/schedules.ts';
import { expect, type CaseFixtures, type Evidence } from '../harness/playwright/fixtures.ts';

// The invoke cases seen through @aws-sdk/client-lambda, as most callers see the invoke layer. They
// are declared in invoke.cases.ts, inside the group of their function, so one function's invocations
// still run one after another.

const ticker = schedules.short;
const tickerPath = `/?count=${ticker.count}&interval=${ticker.intervalMs}&mode=content-type`;
const PLAIN_BODY = 'plain streamed body\n';

/**
 * How long an InvokeWithResponseStream may take to end: the fixtures end within a second (the ticker
 * within five), and an emulator that never answers (cargo-lambda's path) costs this much per case.
 */
export const STREAM_TIMEOUT_MS = 10_000;
export const STREAM_TICKER_TIMEOUT_MS = 15_000;

async function record(evidence: Evidence, name: string, observation: SdkObservation): Promise<void> {
  await evidence.sdk(name, observation);
  const seen = observation.sdkError
    ? sdkErrorLine(observation)
    : `StatusCode ${observation.StatusCode}, FunctionError ${observation.FunctionError ?? '-'}, ExecutedVersion ${observation.ExecutedVersion ?? '-'}` +
      (observation.operation === 'InvokeWithResponseStream'
        ? `, ResponseStreamContentType ${observation.ResponseStreamContentType ?? '-'}, ${observation.chunks.length} PayloadChunks, InvokeComplete ${JSON.stringify(observation.InvokeComplete ?? null).slice(0, 160)}`
        : '');
  evidence.observed(`${name}: ${seen}`);
}

type Args = Pick<CaseFixtures, 'invokeUrl' | 'streamInvokeUrl' | 'evidence' | 'toleranceFloorMs' | 'precondition' | 'accept'>;

export async function sdkInvokeReturnsResult({ invokeUrl, evidence }: Args): Promise<void> {
  const observation = await observeSdkInvoke(invokeUrl('Plain'), urlEventFor('/'), 15_000);
  await record(evidence, 'sdk-invoke', observation);
  expect(observation.sdkError, sdkErrorLine(observation)).toBeUndefined();
  expect(observation.StatusCode, 'StatusCode').toBe(200);
  expect(observation.FunctionError, 'FunctionError').toBeUndefined();
  expect(observation.payloadHead, 'Payload').toBe(PLAIN_BODY);
}

export async function sdkInvokeReportsTimeout({ invokeUrl, evidence, precondition, accept }: Args): Promise<void> {
  const url = invokeUrl('SseTickerTimeout');
  await precondition('an SDK Invoke of the same function that ends within its timeout returns its frames', async () => {
    const normal = await observeSdkInvoke(url, urlEventFor('/?count=2&interval=200&mode=content-type'), 15_000);
    await record(evidence, 'normal-path', normal);
    expect(normal.sdkError, sdkErrorLine(normal)).toBeUndefined();
    expect(normal.FunctionError, 'FunctionError').toBeUndefined();
    expect(normal.payloadHead ?? '', 'Payload').toMatch(/data: .*\n\n[^]*data: .*\n\n/);
  });
  // SseTickerTimeout has Timeout: 3 and would write for 10 s.
  const observation = await observeSdkInvoke(url, urlEventFor('/?count=10&interval=1000&mode=content-type'), 20_000);
  await record(evidence, 'sdk-invoke', observation);
  expect(observation.sdkError?.name, 'the invoke must end, not hang').not.toBe('Timeout');
  await precondition('the function ran until its timeout (the call ended no earlier)', async () => {
    expect(observation.endedAt - observation.requestStartedAt, 'ms until the call ended').toBeGreaterThanOrEqual(3000 - 50);
  });
  accept(answerOfSdk(observation));
}

export async function sdkStreamDecodes({ streamInvokeUrl, evidence }: Args): Promise<void> {
  const { observation, body } = await observeSdkStream(streamInvokeUrl('Plain'), urlEventFor('/'), STREAM_TIMEOUT_MS);
  await record(evidence, 'sdk-stream', observation);
  expect(observation.sdkError, sdkErrorLine(observation)).toBeUndefined();
  expect(observation.StatusCode, 'StatusCode').toBe(200);
  expect(body.toString('utf8'), 'PayloadChunk bytes').toBe(PLAIN_BODY);
  expect(observation.InvokeComplete, 'an InvokeComplete event').toBeDefined();
  expect(observation.InvokeComplete?.ErrorCode, 'InvokeComplete ErrorCode').toBeUndefined();
  expect(observation.eventsAfterComplete, 'events after InvokeComplete').toBe(0);
}

export async function sdkStreamCadence({ streamInvokeUrl, evidence, toleranceFloorMs }: Args): Promise<void> {
  const { observation, frames } = await observeSdkStream(streamInvokeUrl('SseTicker'), urlEventFor(tickerPath), STREAM_TICKER_TIMEOUT_MS);
  await record(evidence, 'sdk-stream', observation);
  expect(observation.sdkError, sdkErrorLine(observation)).toBeUndefined();
  expect(observation.StatusCode, 'StatusCode').toBe(200);
  await evidence.judge('cadence', judgeCadence(toTimedFrames(frames).timed, { ...ticker, toleranceFloorMs }, observation.requestStartedAt));
}

export async function sdkStreamSurfacesError({ streamInvokeUrl, evidence }: Args): Promise<void> {
  const { observation, frames } = await observeSdkStream(
    streamInvokeUrl('Faults'),
    urlEventFor('/?mode=throw-mid-stream&interval=300'),
    STREAM_TIMEOUT_MS,
  );
  await record(evidence, 'sdk-stream', observation);
  expect(observation.sdkError, sdkErrorLine(observation)).toBeUndefined();
  expect(
    toTimedFrames(frames).timed.map((frame) => frame.seq),
    'frames written before the error',
  ).toEqual([0, 1]);
  expect(observation.InvokeComplete, 'an InvokeComplete event').toBeDefined();
  expect(observation.InvokeComplete?.ErrorCode, 'ErrorCode').toBe('Error');
  expect(observation.InvokeComplete?.ErrorDetails ?? '', 'ErrorDetails').toContain('fixture failure after two frames');
}
