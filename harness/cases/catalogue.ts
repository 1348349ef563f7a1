/**
 * The case catalogue: stable IDs (never reused), the docs/spec.md clauses each checks, the requirement in
 * one sentence, and where the requirement comes from. Specs implement these by ID; `lsc list` prints them.
 */
/** What an answer may show, in the words acceptance rules are written in; harness/verdict/answer.ts decides each. */
export const BEHAVIOURS = ['status 5xx', 'abnormal end', 'function error flag', 'status 200', 'status 429', 'status 403'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

import type { Language } from '../template/function-spec.ts';

export type Provenance = 'aws-doc' | 'aws-runtime-source' | 'observed-aws' | 'inferred';

export interface CaseMeta {
  id: string;
  title: string;
  /** Clause IDs of docs/spec.md the case checks; each resolves to an anchor there. */
  clauses: string[];
  requirement: string;
  provenance: Provenance;
  /**
   * The fixture behaviours the case needs (named as the Node functions); a target without them reports
   * the case UNSUPPORTED. In another runtime the case uses that runtime's function (`SseTickerGo`).
   */
  functions: string[];
  /** The runtimes whose fixtures express the case (node when absent); the case runs once per runtime. */
  runtimes?: Language[];
  /**
   * The case asks for a failure (an error, a refusal, a cut-off). It first proves the normal path on
   * the same target, so an emulator that fails everything earns INCONCLUSIVE, never PASS.
   */
  expectsFailure?: boolean;
  /** Where Lambda allows several answers: any of these behaviours passes (harness/verdict/answer.ts). */
  accepted?: Behaviour[];
}

export const cases: CaseMeta[] = [
  {
    id: 'CONTROL-001',
    title: 'a streaming origin classifies as streamed',
    clauses: ['LSC-CONTROL-01', 'LSC-TIMING-01'],
    requirement: 'The harness must judge a known streaming origin as streaming, on the wire and in Chromium.',
    provenance: 'inferred',
    functions: [],
  },
  {
    id: 'CONTROL-002',
    title: 'a buffering origin classifies as buffered',
    clauses: ['LSC-CONTROL-02', 'LSC-TIMING-01'],
    requirement: 'The harness must judge a known buffering origin as not streaming, on the wire and in Chromium.',
    provenance: 'inferred',
    functions: [],
  },
  {
    id: 'SSE-001',
    title: 'SSE frames arrive one by one on the wire',
    clauses: ['RS-TIMING-01', 'RS-RAPI-10', 'LSC-TIMING-01'],
    requirement:
      'A RESPONSE_STREAM URL forwards each write promptly: every frame arrives within tolerance of its emission, gaps preserved.',
    provenance: 'aws-runtime-source',
    functions: ['SseTicker'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'SSE-002',
    title: 'SSE frames arrive one by one in Chromium EventSource',
    clauses: ['RS-TIMING-01', 'RS-RAPI-10', 'LSC-TIMING-01'],
    requirement: 'A browser EventSource on a RESPONSE_STREAM URL receives each frame within tolerance of its emission.',
    provenance: 'aws-runtime-source',
    functions: ['SseTicker'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'SSE-003',
    title: 'SSE without a prelude streams in Chromium',
    clauses: ['RS-CTYPE-01', 'RS-RAPI-06', 'RS-FURL-03', 'LSC-TIMING-01'],
    requirement: 'A handler that only sets Content-Type text/event-stream streams to EventSource with that type and cadence.',
    provenance: 'inferred',
    functions: ['SseTicker'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'SSE-004',
    title: 'time to first frame is bounded by the first write (wire)',
    clauses: ['RS-FURL-02', 'LSC-TIMING-01'],
    requirement: 'The first bytes reach the client right after the first write, long before the handler ends.',
    provenance: 'aws-doc',
    functions: ['SseTicker'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'SSE-005',
    title: 'time to first frame is bounded by the first write (Chromium)',
    clauses: ['RS-FURL-02', 'LSC-TIMING-01'],
    requirement: 'EventSource opens and gets its first message right after the first write, long before the handler ends.',
    provenance: 'aws-doc',
    functions: ['SseTicker'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'MODE-001',
    title: 'a function that sends no response-mode header still streams behind a RESPONSE_STREAM URL',
    clauses: ['RS-MODE-02', 'RS-RAPI-02', 'RS-GO-01', 'LSC-TIMING-01'],
    requirement:
      "The URL's InvokeMode decides streaming, not a runtime header: the aws-lambda-go ticker (lambdaurl, no Lambda-Runtime-Function-Response-Mode) arrives frame by frame.",
    provenance: 'inferred',
    functions: ['SseTicker'],
    runtimes: ['go'],
  },
  {
    id: 'SSE-006',
    title: 'SSE frames arrive one by one behind a prelude that lists every field',
    clauses: ['RS-TIMING-01', 'RS-PRELUDE-12', 'RS-RAPI-10', 'LSC-TIMING-01'],
    requirement:
      'As SSE-001, with statusCode, headers and an empty cookies list all present, so cadence is judged apart from how the emulator reads optional prelude fields.',
    provenance: 'aws-runtime-source',
    functions: ['SseTicker'],
  },
  {
    id: 'PRELUDE-001',
    title: 'prelude statusCode becomes the HTTP status',
    clauses: ['RS-PRELUDE-02'],
    requirement: 'statusCode from the prelude (201) is the response status.',
    provenance: 'aws-runtime-source',
    functions: ['Prelude'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'PRELUDE-002',
    title: 'prelude headers become response headers',
    clauses: ['RS-PRELUDE-03'],
    requirement: 'Every entry of the prelude headers map is a response header.',
    provenance: 'aws-doc',
    functions: ['Prelude'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'PRELUDE-003',
    title: 'each prelude cookie is its own Set-Cookie',
    clauses: ['RS-PRELUDE-04'],
    requirement: 'Each cookies[] entry becomes a separate Set-Cookie header, in order, unchanged.',
    provenance: 'aws-runtime-source',
    functions: ['Prelude'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'PRELUDE-004',
    title: 'prelude and delimiter never reach the client',
    clauses: ['RS-PRELUDE-01'],
    requirement: 'The body is exactly what the handler wrote after the prelude: no JSON metadata, no 8 NUL delimiter.',
    provenance: 'aws-runtime-source',
    functions: ['Prelude'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'PRELUDE-005',
    title: 'prelude without cookies is accepted',
    clauses: ['RS-PRELUDE-05'],
    requirement: 'A prelude with statusCode and headers but no cookies gives that status and headers, and no Set-Cookie.',
    provenance: 'aws-doc',
    functions: ['Prelude'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'PRELUDE-006',
    title: 'prelude without headers is accepted',
    clauses: ['RS-PRELUDE-06'],
    requirement: 'A prelude with only a statusCode gives that status and the body.',
    provenance: 'aws-doc',
    functions: ['Prelude'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'PRELUDE-007',
    title: 'prelude without statusCode means 200',
    clauses: ['RS-PRELUDE-07'],
    requirement: 'A prelude with headers and cookies but no statusCode gives 200 with those headers and cookies.',
    provenance: 'observed-aws',
    functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-008',
    title: 'NUL bytes after the delimiter pass through',
    clauses: ['RS-PRELUDE-09'],
    requirement:
      'Only the first 8-NUL run is the delimiter; every later byte, NUL runs and a fake prelude included, reaches the client verbatim.',
    provenance: 'aws-runtime-source',
    functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-009',
    title: 'prelude, delimiter and body in one chunk',
    clauses: ['RS-RAPI-09'],
    requirement: 'A single runtime chunk holding prelude, delimiter and body is split correctly.',
    provenance: 'aws-runtime-source',
    functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-010',
    title: 'prelude split across many small chunks',
    clauses: ['RS-RAPI-09', 'RS-NODE-01'],
    requirement: 'A prelude and delimiter arriving three bytes at a time are reassembled whatever the chunk boundaries.',
    provenance: 'aws-runtime-source',
    functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-011',
    title: 'runtime-internal headers do not leak',
    clauses: ['RS-FURL-10'],
    requirement: 'Lambda-Runtime-Function-Response-Mode, Trailer and the error trailer names never appear in the client response.',
    provenance: 'inferred',
    functions: ['Prelude'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'FRAMING-001',
    title: 'streamed responses are chunked, without Content-Length',
    clauses: ['RS-FURL-01', 'RS-FURL-12'],
    requirement: 'A RESPONSE_STREAM URL answers with Transfer-Encoding: chunked and no Content-Length.',
    provenance: 'observed-aws',
    functions: ['Plain'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'FRAMING-002',
    title: 'default Content-Type is application/octet-stream',
    clauses: ['RS-CTYPE-02', 'RS-FURL-04', 'RS-FURL-12'],
    requirement: 'With no prelude and no content type set, the client gets Content-Type: application/octet-stream.',
    provenance: 'observed-aws',
    functions: ['Plain'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'FRAMING-003',
    title: "the runtime's Content-Type reaches the client",
    clauses: ['RS-CTYPE-01', 'RS-RAPI-06', 'RS-FURL-03'],
    requirement: 'A handler that sets text/plain without a prelude gets 200, Content-Type text/plain and its body verbatim.',
    provenance: 'inferred',
    functions: ['Plain'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'FRAMING-004',
    title: 'responses carry x-amzn-RequestId',
    clauses: ['RS-FURL-05', 'RS-FURL-12'],
    requirement: 'Function URL responses include an x-amzn-RequestId header.',
    provenance: 'observed-aws',
    functions: ['Plain'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'BUFFERED-001',
    title: 'a BUFFERED URL does not stream',
    clauses: ['RS-MODE-01', 'RS-FURL-07', 'RS-FURL-16'],
    requirement: 'Behind a BUFFERED URL a streaming handler’s frames all arrive after its last write, with a Content-Length.',
    provenance: 'aws-doc',
    functions: ['SseTickerBuffered'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'BUFFERED-002',
    title: "a BUFFERED URL applies the handler's result",
    clauses: ['RS-MODE-01', 'RS-FURL-16'],
    requirement: 'A buffered handler’s statusCode, headers and body are the response, sent with Content-Length.',
    provenance: 'observed-aws',
    functions: ['BufferedEcho'],
  },
  {
    id: 'TIMEOUT-001',
    title: 'a function timeout cuts the stream off',
    clauses: ['RS-TIMEOUT-01', 'RS-FURL-11'],
    requirement:
      'With Timeout 3 and a 10 s stream, no byte arrives after the deadline (+1 s), and the stream ends abnormally, not as a complete response.',
    provenance: 'inferred',
    functions: ['SseTickerTimeout'],
    runtimes: ['node', 'go', 'rust'],
    expectsFailure: true,
    accepted: ['abnormal end'],
  },
  {
    id: 'TIMEOUT-002',
    title: 'the next invocation after a timeout works',
    clauses: ['RS-TIMEOUT-02', 'RS-FURL-11'],
    requirement: 'After an invocation timed out, the same function streams the next request normally.',
    provenance: 'aws-runtime-source',
    functions: ['SseTickerTimeout'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'ERR-001',
    title: 'an error before the first write is not a clean response',
    clauses: ['RS-NODE-02', 'RS-ERR-08', 'RS-ERR-04'],
    requirement:
      'A streaming handler that throws before writing gives a 5xx or an abnormal end, never a complete-looking 2xx (AWS: likely 502; unverified).',
    provenance: 'inferred',
    functions: ['Faults'],
    runtimes: ['node', 'go', 'rust'],
    expectsFailure: true,
    accepted: ['status 5xx', 'abnormal end'],
  },
  {
    id: 'ERR-002',
    title: 'an error mid-stream keeps what was written and ends abnormally',
    clauses: ['RS-ERR-07', 'RS-FURL-08', 'RS-ERR-01'],
    requirement:
      'After a throw following two frames, both frames arrive, the status is the prelude’s, and the stream does not end as if complete.',
    provenance: 'inferred',
    functions: ['Faults'],
    runtimes: ['node', 'go'],
    expectsFailure: true,
    accepted: ['abnormal end'],
  },
  {
    id: 'ERR-003',
    title: 'responseStream.destroy(err) mid-stream keeps what was written and ends abnormally',
    clauses: ['RS-ERR-07', 'RS-FURL-08', 'RS-RAPI-08'],
    requirement: 'After destroy(err) following two frames, both frames arrive and the stream does not end as if complete.',
    provenance: 'inferred',
    functions: ['Faults'],
    expectsFailure: true,
    accepted: ['abnormal end'],
  },
  {
    id: 'ERR-004',
    title: 'the emulator records the error type and message',
    clauses: ['RS-ERR-11', 'RS-ERR-01', 'RS-ERR-02'],
    requirement:
      'A mid-stream error’s type (the runtime client’s: Error in Node, errorString in Go) and message reach the emulator: its logs name both.',
    provenance: 'aws-doc',
    functions: ['Faults'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'LIMIT-001',
    title: 'a buffered response of exactly 6291556 bytes succeeds',
    clauses: ['RS-LIM-01'],
    requirement: 'A buffered handler whose serialized result is 6291556 bytes is returned whole, byte for byte.',
    provenance: 'aws-runtime-source',
    functions: ['BigBuffered'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'LIMIT-002',
    title: 'a buffered response of 6291557 bytes is a function error',
    clauses: ['RS-LIM-01', 'RS-LIM-06', 'RS-ERR-12'],
    requirement:
      'One byte over the limit gives a 5xx (a BUFFERED URL maps function errors to 502), not a truncated or whole 200; the emulator records Function.ResponseSizeTooLarge.',
    provenance: 'inferred',
    functions: ['BigBuffered'],
    runtimes: ['node', 'go', 'rust'],
    expectsFailure: true,
    accepted: ['status 5xx'],
  },
  {
    id: 'LIMIT-003',
    title: 'a streaming handler behind a BUFFERED URL is capped at 6 MB',
    clauses: ['RS-MODE-03', 'RS-LIM-01', 'RS-LIM-06', 'RS-FURL-07'],
    requirement: 'A 7 MB stream through a BUFFERED URL gives a 5xx, not a 200 with the body.',
    provenance: 'inferred',
    functions: ['BigStreamBuffered'],
    expectsFailure: true,
    accepted: ['status 5xx'],
  },
  {
    id: 'LIMIT-004',
    title: 'a 25 MB stream arrives complete and byte-exact',
    clauses: ['RS-LIM-03', 'RS-FURL-06'],
    requirement:
      'RESPONSE_STREAM bodies past the 6 MB buffered limit arrive whole: same length, same SHA-256, every byte value and NUL runs included.',
    provenance: 'aws-doc',
    functions: ['BigStream'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'LIMIT-005',
    title: 'a 200 MB stream arrives complete and byte-exact',
    clauses: ['RS-LIM-03'],
    requirement: 'A stream at the 200 MB maximum arrives whole, byte-exact.',
    provenance: 'aws-doc',
    functions: ['BigStream'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'DISCONNECT-001',
    title: 'a client that walks away does not break the function',
    clauses: ['RS-DISCONNECT-01', 'LSC-TIMING-01'],
    requirement: 'After a browser closes its EventSource at the third frame, the next request to the same function streams normally.',
    provenance: 'aws-doc',
    functions: ['SseTicker'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'CONCURRENCY-001',
    title: 'concurrent streams keep their own cadence',
    clauses: ['RS-TIMING-01', 'RS-RAPI-10', 'RS-LIM-07', 'LSC-TIMING-01'],
    requirement: 'Four SSE streams to one function at once each arrive one frame at a time: no head-of-line blocking.',
    provenance: 'inferred',
    functions: ['SseTicker'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'SLOW-001',
    title: 'a slow first byte starts the response when it is written',
    clauses: ['RS-FURL-02', 'LSC-TIMING-01'],
    requirement:
      'A handler that waits 2 s before its only write gets its frame to the client promptly after the write, and the response then ends.',
    provenance: 'aws-doc',
    functions: ['Faults'],
    runtimes: ['node', 'go', 'rust'],
  },
  {
    id: 'EMPTY-001',
    title: 'a prelude with no write gives 200 with an empty body',
    clauses: ['RS-PRELUDE-13'],
    requirement:
      'HttpResponseStream.from(...).end() without a write reaches the client as 200, empty, without the prelude’s headers, and ends promptly.',
    provenance: 'observed-aws',
    functions: ['Faults'],
  },
  {
    id: 'EMPTY-002',
    title: 'an empty stream ends promptly',
    clauses: ['RS-EMPTY-01'],
    requirement: 'A handler that ends its stream without writing gives a complete, empty response, never a hang.',
    provenance: 'inferred',
    functions: ['Faults'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'MALFORMED-001',
    title: 'an invalid prelude is an error, and the function stays up',
    clauses: ['RS-PRELUDE-15', 'RS-PRELUDE-14'],
    requirement: 'Prelude bytes that are not JSON give a 5xx without the body, and the next invocation works.',
    provenance: 'inferred',
    functions: ['Faults', 'Prelude'],
    expectsFailure: true,
    accepted: ['status 5xx'],
  },
  {
    id: 'MALFORMED-002',
    title: 'an integration response without a delimiter is a 502',
    clauses: ['RS-PRELUDE-14'],
    requirement:
      'end("Not Found") after HttpResponseStream.from sends no delimiter: the client gets 502 with none of the prelude’s headers.',
    provenance: 'observed-aws',
    functions: ['Faults'],
    expectsFailure: true,
  },
  {
    id: 'MALFORMED-003',
    title: 'a response mode other than "streaming" fails the invoke, and the function stays up',
    clauses: ['RS-RAPI-03'],
    requirement:
      'A /response with Lambda-Runtime-Function-Response-Mode: Streaming is refused (the invoke fails, so the client gets a 5xx, not the body), and the next invocation works.',
    provenance: 'inferred',
    functions: ['Faults'],
    expectsFailure: true,
    accepted: ['status 5xx'],
  },
  {
    id: 'INVOKE-001',
    title: 'a direct invoke forwards a streaming function’s bytes as written',
    clauses: ['RS-MODE-02', 'RS-EMU-01', 'RS-EMU-06', 'RS-RAPI-10', 'LSC-TIMING-01'],
    requirement:
      'Through the emulator’s direct invoke route (RIE’s only one), SSE frames arrive within tolerance of their emission, as RAPID’s streaming direct invoke flushes every write.',
    provenance: 'inferred',
    functions: ['SseTicker'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'INVOKE-002',
    title: 'a direct invoke keeps the runtime’s Content-Type',
    clauses: ['RS-RAPI-06', 'RS-CTYPE-01'],
    requirement: 'The Content-Type the runtime posted (text/event-stream) is the Content-Type the invoker receives.',
    provenance: 'inferred',
    functions: ['SseTicker'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'INVOKE-003',
    title: 'a timed-out direct invoke is not a clean success',
    clauses: ['RS-TIMEOUT-02', 'RS-EMU-04', 'RS-EMU-06'],
    requirement: 'An invoke cut off by the function timeout ends abnormally or is flagged as a function error, never a clean 200.',
    provenance: 'inferred',
    functions: ['SseTickerTimeout'],
    runtimes: ['node', 'go'],
    expectsFailure: true,
    accepted: ['status 5xx', 'abnormal end', 'function error flag'],
  },
  {
    id: 'IWRS-001',
    title: 'InvokeWithResponseStream exists and speaks the event stream',
    clauses: ['RS-IWRS-01', 'RS-IWRS-02', 'RS-IWRS-04'],
    requirement:
      'POST /2021-11-15/functions/{name}/response-streaming-invocations answers 200 with valid event-stream messages ending in exactly one InvokeComplete.',
    provenance: 'aws-doc',
    functions: ['Plain'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'IWRS-002',
    title: 'InvokeWithResponseStream PayloadChunks arrive as written',
    clauses: ['RS-IWRS-06', 'LSC-TIMING-01'],
    requirement: 'PayloadChunk events reach the caller as the function writes, not all at InvokeComplete.',
    provenance: 'aws-doc',
    functions: ['SseTicker'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'IWRS-003',
    title: 'a mid-stream error surfaces in InvokeComplete',
    clauses: ['RS-IWRS-08'],
    requirement:
      'After a throw mid-stream, the HTTP status stays 200, the bytes written arrive, and InvokeComplete carries ErrorCode "Error" and ErrorDetails with the message.',
    provenance: 'observed-aws',
    functions: ['Faults'],
    expectsFailure: true,
  },
  {
    id: 'SDK-001',
    title: 'the AWS SDK’s Invoke returns the function’s result',
    clauses: ['RS-SDK-01'],
    requirement:
      '@aws-sdk/client-lambda InvokeCommand at the target’s invoke endpoint resolves with StatusCode 200, no FunctionError and the function’s bytes as Payload.',
    provenance: 'aws-doc',
    functions: ['Plain'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'SDK-002',
    title: 'the AWS SDK’s Invoke reports a timed-out function as failed',
    clauses: ['RS-SDK-01', 'RS-TIMEOUT-02'],
    requirement: 'InvokeCommand on a function cut off by its timeout resolves with FunctionError set or rejects; a clean result is wrong.',
    provenance: 'inferred',
    functions: ['SseTickerTimeout'],
    runtimes: ['node', 'go'],
    expectsFailure: true,
    accepted: ['status 5xx', 'abnormal end', 'function error flag'],
  },
  {
    id: 'SDK-003',
    title: 'the AWS SDK decodes InvokeWithResponseStream',
    clauses: ['RS-SDK-01', 'RS-IWRS-04', 'RS-IWRS-05'],
    requirement:
      'InvokeWithResponseStreamCommand resolves with StatusCode 200; its event stream yields PayloadChunks whose bytes are the function’s body and ends with one InvokeComplete without ErrorCode.',
    provenance: 'aws-doc',
    functions: ['Plain'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'SDK-004',
    title: 'the AWS SDK yields PayloadChunks as the function writes',
    clauses: ['RS-SDK-01', 'RS-IWRS-06', 'LSC-TIMING-01'],
    requirement: 'Through the SDK’s event stream, each SSE frame reaches the caller within tolerance of its emission.',
    provenance: 'aws-doc',
    functions: ['SseTicker'],
    runtimes: ['node', 'go'],
  },
  {
    id: 'SDK-005',
    title: 'the AWS SDK surfaces a mid-stream error in InvokeComplete',
    clauses: ['RS-SDK-01', 'RS-IWRS-08'],
    requirement:
      'After a throw mid-stream, the SDK yields the frames written and an InvokeComplete with ErrorCode "Error" and ErrorDetails naming the message, and does not reject.',
    provenance: 'observed-aws',
    functions: ['Faults'],
    expectsFailure: true,
  },
  {
    id: 'IAM-001',
    title: 'an unsigned request to an AWS_IAM Function URL is refused',
    clauses: ['RS-IAM-01', 'RS-IAM-02'],
    requirement: 'Once a signed request has streamed, the same request without a signature gets 403 and no stream.',
    provenance: 'inferred',
    functions: ['SseTickerIam'],
    expectsFailure: true,
    accepted: ['status 403'],
  },
  {
    id: 'IAM-002',
    title: 'a signed request to an AWS_IAM Function URL streams',
    clauses: ['RS-IAM-01', 'RS-FURL-02', 'LSC-TIMING-01'],
    requirement:
      'A SigV4-signed request streams SSE frames within tolerance of their emission, and the prelude fixture’s status and headers arrive as behind a NONE URL.',
    provenance: 'aws-doc',
    functions: ['SseTickerIam', 'PreludeIam'],
  },
  {
    id: 'IAM-003',
    title: 'a signature over another body or path is refused',
    clauses: ['RS-IAM-03'],
    requirement:
      'A request signed for one body but sent with another, or signed for one path but sent to another, gets 403, while the request as signed is served.',
    provenance: 'aws-doc',
    functions: ['PreludeIam'],
    expectsFailure: true,
  },
  {
    id: 'CONCURRENCY-002',
    title: 'concurrent invokes are served or throttled, never crash the emulator',
    clauses: ['RS-LIM-07'],
    requirement:
      'Three simultaneous invokes of one function, each held in flight for a second so that they overlap, each get a response (200, or 429 when throttled), and the function answers the next invoke.',
    provenance: 'inferred',
    functions: ['Plain'],
    // Node only: an emulator's concurrency handling does not depend on the runtime client.
    runtimes: ['node'],
    accepted: ['status 200', 'status 429'],
  },
];

/** The runtimes a case runs in. */
export const caseRuntimes = (meta: CaseMeta): Language[] => meta.runtimes ?? ['node'];

/**
 * A case in one runtime, as reports, manifests and titles name it: the ID alone for Node (so IDs and
 * manifests written before runtimes existed stay valid), `SSE-001 [go]` for the others.
 */
export function caseKey(id: string, language: Language = 'node'): string {
  return language === 'node' ? id : `${id} [${language}]`;
}

/** The case and runtime a key names, or undefined when the case does not exist in that runtime. */
export function parseCaseKey(key: string): { meta: CaseMeta; language: Language } | undefined {
  const match = /^(\S+)(?: \[(\w+)\])?$/.exec(key);
  const meta = match ? findCase(match[1]!) : undefined;
  const language = (match?.[2] ?? 'node') as Language;
  return meta && caseRuntimes(meta).includes(language) ? { meta, language } : undefined;
}

export function findCase(id: string): CaseMeta | undefined {
  return cases.find((candidate) => candidate.id === id);
}
