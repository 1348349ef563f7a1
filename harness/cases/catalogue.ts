/**
 * The case catalogue: stable IDs (never reused), the SPEC.md clause each checks, the requirement in
 * one sentence, and where the requirement comes from. Specs implement these by ID; `lsc list` prints them.
 */
export type Provenance = 'aws-doc' | 'aws-runtime-source' | 'observed-aws' | 'inferred';

export interface CaseMeta {
  id: string;
  title: string;
  clause: string;
  requirement: string;
  provenance: Provenance;
  /** The fixture functions the case needs; a target without them reports the case UNSUPPORTED. */
  functions: string[];
}

export const cases: CaseMeta[] = [
  {
    id: 'CONTROL-001', title: 'a streaming origin classifies as streamed', clause: 'DESIGN §5 controls',
    requirement: 'The harness must judge a known streaming origin as streaming, on the wire and in Chromium.',
    provenance: 'inferred', functions: [],
  },
  {
    id: 'CONTROL-002', title: 'a buffering origin classifies as buffered', clause: 'DESIGN §5 controls',
    requirement: 'The harness must judge a known buffering origin as not streaming, on the wire and in Chromium.',
    provenance: 'inferred', functions: [],
  },
  {
    id: 'SSE-001', title: 'SSE frames arrive one by one on the wire', clause: 'SPEC §3 (chunk timing), RS-RAPI-10',
    requirement: 'A RESPONSE_STREAM URL forwards each write promptly: every frame arrives within tolerance of its emission, gaps preserved.',
    provenance: 'aws-runtime-source', functions: ['SseTicker'],
  },
  {
    id: 'SSE-002', title: 'SSE frames arrive one by one in Chromium EventSource', clause: 'SPEC §3 (chunk timing), RS-RAPI-10',
    requirement: 'A browser EventSource on a RESPONSE_STREAM URL receives each frame within tolerance of its emission.',
    provenance: 'aws-runtime-source', functions: ['SseTicker'],
  },
  {
    id: 'SSE-003', title: 'SSE without a prelude streams in Chromium', clause: 'SPEC §1.4, RS-RAPI-06, RS-FURL-03',
    requirement: 'A handler that only sets Content-Type text/event-stream streams to EventSource with that type and cadence.',
    provenance: 'inferred', functions: ['SseTicker'],
  },
  {
    id: 'SSE-004', title: 'time to first frame is bounded by the first write (wire)', clause: 'SPEC RS-FURL-02',
    requirement: 'The first bytes reach the client right after the first write, long before the handler ends.',
    provenance: 'aws-doc', functions: ['SseTicker'],
  },
  {
    id: 'SSE-005', title: 'time to first frame is bounded by the first write (Chromium)', clause: 'SPEC RS-FURL-02',
    requirement: 'EventSource opens and gets its first message right after the first write, long before the handler ends.',
    provenance: 'aws-doc', functions: ['SseTicker'],
  },
  {
    id: 'PRELUDE-001', title: 'prelude statusCode becomes the HTTP status', clause: 'SPEC §2, RS-PRELUDE-02',
    requirement: 'statusCode from the prelude (201) is the response status.',
    provenance: 'aws-runtime-source', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-002', title: 'prelude headers become response headers', clause: 'SPEC §2, RS-PRELUDE-03',
    requirement: 'Every entry of the prelude headers map is a response header.',
    provenance: 'aws-doc', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-003', title: 'each prelude cookie is its own Set-Cookie', clause: 'SPEC §2, RS-PRELUDE-04',
    requirement: 'Each cookies[] entry becomes a separate Set-Cookie header, in order, unchanged.',
    provenance: 'aws-runtime-source', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-004', title: 'prelude and delimiter never reach the client', clause: 'SPEC §2, RS-PRELUDE-01',
    requirement: 'The body is exactly what the handler wrote after the prelude: no JSON metadata, no 8 NUL delimiter.',
    provenance: 'aws-runtime-source', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-005', title: 'prelude without cookies is accepted', clause: 'SPEC §2, RS-PRELUDE-05',
    requirement: 'A prelude with statusCode and headers but no cookies gives that status and headers, and no Set-Cookie.',
    provenance: 'aws-doc', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-006', title: 'prelude without headers is accepted', clause: 'SPEC §2, RS-PRELUDE-06',
    requirement: 'A prelude with only a statusCode gives that status and the body.',
    provenance: 'aws-doc', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-007', title: 'prelude without statusCode means 200', clause: 'SPEC §10.6, RS-PRELUDE-07',
    requirement: 'A prelude with headers and cookies but no statusCode gives 200 with those headers and cookies.',
    provenance: 'observed-aws', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-008', title: 'NUL bytes after the delimiter pass through', clause: 'SPEC §2, RS-PRELUDE-09',
    requirement: 'Only the first 8-NUL run is the delimiter; every later byte, NUL runs and a fake prelude included, reaches the client verbatim.',
    provenance: 'aws-runtime-source', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-009', title: 'prelude, delimiter and body in one chunk', clause: 'SPEC RS-RAPI-09',
    requirement: 'A single runtime chunk holding prelude, delimiter and body is split correctly.',
    provenance: 'aws-runtime-source', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-010', title: 'prelude split across many small chunks', clause: 'SPEC RS-RAPI-09, §1.6 (no chunk fidelity)',
    requirement: 'A prelude and delimiter arriving three bytes at a time are reassembled whatever the chunk boundaries.',
    provenance: 'aws-runtime-source', functions: ['Prelude'],
  },
  {
    id: 'PRELUDE-011', title: 'runtime-internal headers do not leak', clause: 'SPEC RS-FURL-10',
    requirement: 'Lambda-Runtime-Function-Response-Mode, Trailer and the error trailer names never appear in the client response.',
    provenance: 'inferred', functions: ['Prelude'],
  },
  {
    id: 'FRAMING-001', title: 'streamed responses are chunked, without Content-Length', clause: 'SPEC §3, §10.8, RS-FURL-01',
    requirement: 'A RESPONSE_STREAM URL answers with Transfer-Encoding: chunked and no Content-Length.',
    provenance: 'observed-aws', functions: ['Plain'],
  },
  {
    id: 'FRAMING-002', title: 'default Content-Type is application/octet-stream', clause: 'SPEC §1.4, §10.8, RS-FURL-04',
    requirement: 'With no prelude and no content type set, the client gets Content-Type: application/octet-stream.',
    provenance: 'observed-aws', functions: ['Plain'],
  },
  {
    id: 'FRAMING-003', title: "the runtime's Content-Type reaches the client", clause: 'SPEC §1.4, RS-RAPI-06, RS-FURL-03',
    requirement: 'A handler that sets text/plain without a prelude gets 200, Content-Type text/plain and its body verbatim.',
    provenance: 'inferred', functions: ['Plain'],
  },
  {
    id: 'FRAMING-004', title: 'responses carry x-amzn-RequestId', clause: 'SPEC §10.8, RS-FURL-05',
    requirement: 'Function URL responses include an x-amzn-RequestId header.',
    provenance: 'observed-aws', functions: ['Plain'],
  },
  {
    id: 'BUFFERED-001', title: 'a BUFFERED URL does not stream', clause: 'SPEC §3, RS-FURL-07',
    requirement: 'Behind a BUFFERED URL a streaming handler’s frames all arrive after its last write, with a Content-Length.',
    provenance: 'aws-doc', functions: ['SseTickerBuffered'],
  },
  {
    id: 'BUFFERED-002', title: "a BUFFERED URL applies the handler's result", clause: 'SPEC §3, §10.8',
    requirement: 'A buffered handler’s statusCode, headers and body are the response, sent with Content-Length.',
    provenance: 'observed-aws', functions: ['BufferedEcho'],
  },
];

export function findCase(id: string): CaseMeta | undefined {
  return cases.find((candidate) => candidate.id === id);
}
