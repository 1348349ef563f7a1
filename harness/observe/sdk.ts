import type { LambdaClient } from '@aws-sdk/client-lambda';
import { signingCredentials, signingRegion } from '../protocol/sigv4.ts';
import { epochNow } from './clock.ts';
import { sseCollector, type SseFrame } from './sse.ts';

/** What the AWS SDK for JavaScript surfaced for one call: the fields a user's code would read. */
export interface SdkObservation {
  operation: 'Invoke' | 'InvokeWithResponseStream';
  endpoint: string;
  functionName: string;
  requestStartedAt: number;
  /** When the SDK handed back the response (for a stream: its headers, before any event). */
  respondedAt?: number;
  endedAt: number;
  StatusCode?: number;
  FunctionError?: string;
  ExecutedVersion?: string;
  ResponseStreamContentType?: string;
  /** The payload's first bytes as text: Invoke's Payload, or the PayloadChunks joined. */
  payloadHead?: string;
  payloadBytes: number;
  /** Each PayloadChunk as the SDK yielded it. */
  chunks: Array<{ at: number; bytes: number }>;
  InvokeComplete?: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string };
  eventsAfterComplete: number;
  /** The SDK's own error, when it could not make sense of the answer: the evidence of such a failure. */
  sdkError?: { name: string; message: string; httpStatus?: number };
}

const ROUTES = {
  Invoke: /^(.*)\/2015-03-31\/functions\/([^/]+)\/invocations$/,
  InvokeWithResponseStream: /^(.*)\/2021-11-15\/functions\/([^/]+)\/response-streaming-invocations$/,
} as const;

/**
 * The SDK is given an endpoint and a function name, never a URL: both are read back from the URL the
 * target declared. A URL the SDK could not have produced is reported as such, not silently rewritten.
 */
export function sdkAddress(url: string, operation: SdkObservation['operation']): { endpoint: string; functionName: string } {
  const parsed = new URL(url);
  const match = ROUTES[operation].exec(parsed.pathname);
  if (!match || parsed.search)
    throw new Error(
      `the AWS SDK cannot address ${url}: ${operation} is ${operation === 'Invoke' ? '/2015-03-31/functions/{name}/invocations' : '/2021-11-15/functions/{name}/response-streaming-invocations'} under an endpoint`,
    );
  return { endpoint: `${parsed.origin}${match[1]}`, functionName: decodeURIComponent(match[2]!) };
}

// Loaded by the first SDK case, not by every worker that loads the spec files: a worker's start-up
// CPU is taken from the timing cases (and controls) running beside it on a small machine.
const sdk = () => import('@aws-sdk/client-lambda');

async function clientFor(endpoint: string): Promise<LambdaClient> {
  const { LambdaClient } = await sdk();
  // The pinned SDK runs on Node 20; its notice about future releases would fill every run's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new LambdaClient({
    endpoint,
    region: signingRegion(),
    credentials: signingCredentials,
    // One attempt: a retry would hide the answer being judged and invoke the function twice.
    maxAttempts: 1,
  });
}

function sdkErrorOf(error: unknown): SdkObservation['sdkError'] {
  // The SDK hangs what it got on its error: the status, and the body it could not parse.
  const failure = error as Error & {
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number };
    $responseBodyText?: string;
  };
  const httpStatus = failure.$response?.statusCode ?? failure.$metadata?.httpStatusCode;
  const body = failure.$responseBodyText;
  return {
    name: failure.name ?? 'Error',
    // Its own hint about inspecting $response is a second line: the first says what went wrong.
    message: `${String(failure.message ?? error).split('\n')[0]}${body !== undefined ? ` (body: ${JSON.stringify(body.slice(0, 120))})` : ''}`,
    ...(httpStatus ? { httpStatus } : {}),
  };
}

/** Our own deadline, not the SDK's failure: said as such, like the wire observer's 'timeout'. */
function abandoned(timeoutMs: number, observation: SdkObservation): NonNullable<SdkObservation['sdkError']> {
  const when = observation.respondedAt === undefined ? 'no answer' : 'the stream did not end';
  return { name: 'Timeout', message: `${when} within ${(timeoutMs / 1000).toFixed(0)} s, and the call was abandoned` };
}

type Sdk = Awaited<ReturnType<typeof sdk>>;

/**
 * One call through the SDK, observed: the request starts once the SDK is loaded and the credentials
 * resolved (the harness's time, not the target's), ends at our deadline at the latest, and whatever
 * the SDK raised is kept as evidence rather than thrown.
 */
async function observeCall(
  url: string,
  operation: SdkObservation['operation'],
  timeoutMs: number,
  exchange: (client: LambdaClient, commands: Sdk, observation: SdkObservation, signal: AbortSignal) => Promise<void>,
): Promise<SdkObservation> {
  const address = sdkAddress(url, operation);
  const observation: SdkObservation = {
    operation,
    ...address,
    requestStartedAt: 0,
    endedAt: 0,
    payloadBytes: 0,
    chunks: [],
    eventsAfterComplete: 0,
  };
  const commands = await sdk();
  const client = await clientFor(address.endpoint);
  await signingCredentials();
  observation.requestStartedAt = epochNow();
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    await exchange(client, commands, observation, deadline);
  } catch (error) {
    observation.sdkError = deadline.aborted ? abandoned(timeoutMs, observation) : sdkErrorOf(error);
  } finally {
    observation.endedAt = epochNow();
    client.destroy();
  }
  return observation;
}

/** The Invoke API through the SDK: it buffers the payload whole, so only the result is observed. */
export function observeSdkInvoke(invokeUrl: string, payload: Uint8Array, timeoutMs: number): Promise<SdkObservation> {
  return observeCall(invokeUrl, 'Invoke', timeoutMs, async (client, { InvokeCommand }, observation, abortSignal) => {
    const response = await client.send(new InvokeCommand({ FunctionName: observation.functionName, Payload: payload }), { abortSignal });
    observation.respondedAt = epochNow();
    observation.StatusCode = response.StatusCode;
    if (response.FunctionError !== undefined) observation.FunctionError = response.FunctionError;
    if (response.ExecutedVersion !== undefined) observation.ExecutedVersion = response.ExecutedVersion;
    const body = response.Payload ?? new Uint8Array();
    observation.payloadBytes = body.length;
    observation.payloadHead = Buffer.from(body.subarray(0, 4096)).toString('utf8');
  });
}

/**
 * InvokeWithResponseStream through the SDK: each PayloadChunk stamped as the SDK yields it, SSE frames
 * parsed from the payloads, and the InvokeComplete the SDK decoded. Nothing beyond the frames is kept.
 */
export async function observeSdkStream(
  streamInvokeUrl: string,
  payload: Uint8Array,
  timeoutMs: number,
): Promise<{ observation: SdkObservation; frames: SseFrame[]; body: Buffer }> {
  const { frames, feed } = sseCollector();
  const head: Buffer[] = [];
  let headBytes = 0;
  const observation = await observeCall(
    streamInvokeUrl,
    'InvokeWithResponseStream',
    timeoutMs,
    async (client, { InvokeWithResponseStreamCommand }, observation, abortSignal) => {
      const command = new InvokeWithResponseStreamCommand({ FunctionName: observation.functionName, Payload: payload });
      const response = await client.send(command, { abortSignal });
      observation.respondedAt = epochNow();
      observation.StatusCode = response.StatusCode;
      if (response.ExecutedVersion !== undefined) observation.ExecutedVersion = response.ExecutedVersion;
      if (response.ResponseStreamContentType !== undefined) observation.ResponseStreamContentType = response.ResponseStreamContentType;
      for await (const event of response.EventStream ?? []) {
        const at = epochNow();
        if (observation.InvokeComplete) observation.eventsAfterComplete += 1;
        if (event.PayloadChunk?.Payload) {
          const bytes = event.PayloadChunk.Payload;
          observation.chunks.push({ at, bytes: bytes.length });
          observation.payloadBytes += bytes.length;
          if (headBytes < 64 * 1024) {
            head.push(Buffer.from(bytes));
            headBytes += bytes.length;
          }
          feed(bytes, at);
        } else if (event.InvokeComplete) {
          const { ErrorCode, ErrorDetails, LogResult } = event.InvokeComplete;
          observation.InvokeComplete = {
            ...(ErrorCode !== undefined ? { ErrorCode } : {}),
            ...(ErrorDetails !== undefined ? { ErrorDetails } : {}),
            ...(LogResult !== undefined ? { LogResult } : {}),
          };
        }
      }
    },
  );
  const body = Buffer.concat(head);
  observation.payloadHead = body.subarray(0, 4096).toString('utf8');
  return { observation, frames, body };
}

/** The one line a failed expectation shows when the SDK itself gave up. */
export const sdkErrorLine = (observation: SdkObservation) =>
  observation.sdkError
    ? `the SDK failed: ${observation.sdkError.name}: ${observation.sdkError.message.slice(0, 200)}${observation.sdkError.httpStatus ? ` (HTTP ${observation.sdkError.httpStatus})` : ''}`
    : 'the SDK raised no error';
