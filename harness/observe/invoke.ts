import { randomUUID } from 'node:crypto';
import type { EventMessage } from '../protocol/event-stream.ts';
import { buildUrlEvent } from '../protocol/url-event.ts';
import { sseCollector, type SseFrame } from './sse.ts';
import type { Timeline } from './timeline.ts';
import { observeHttp } from './wire.ts';

/**
 * The fixtures read their parameters from a Function URL event, so invoke-layer observations send one:
 * a GET of `pathAndQuery`, as the URL front door would have built it.
 */
export function urlEventFor(pathAndQuery: string): Buffer {
  return buildUrlEvent({
    method: 'GET',
    url: pathAndQuery,
    headers: { host: 'lsc.invoke' },
    requestId: randomUUID(),
    sourceIp: '127.0.0.1',
    urlId: 'invoke',
  });
}

/** A direct invoke, observed on the wire, with SSE frames parsed from the raw bytes as they arrive. */
export async function observeInvokeSse(
  invokeUrl: string,
  pathAndQuery: string,
  timeoutMs: number,
): Promise<{ timeline: Timeline; frames: SseFrame[] }> {
  const { frames, feed } = sseCollector();
  const timeline = await observeHttp(invokeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: urlEventFor(pathAndQuery),
    timeoutMs,
    onChunk: (chunk, at) => feed(chunk, at),
  });
  return { timeline, frames };
}

export interface ArrivedEvent extends EventMessage {
  arrivedAt: number;
}

/**
 * InvokeWithResponseStream observed at the wire: each event stamped when its last byte arrived, SSE
 * frames parsed from the PayloadChunk payloads, and any framing error recorded rather than thrown.
 */
export async function observeStreamInvoke(
  streamInvokeUrl: string,
  pathAndQuery: string,
  timeoutMs: number,
): Promise<{ timeline: Timeline; events: ArrivedEvent[]; frames: SseFrame[]; framingError?: string }> {
  const events: ArrivedEvent[] = [];
  const { frames, feed } = sseCollector();
  let decoding = false;
  // Loaded here, not with the module: the AWS codec is for these cases only, and every worker that
  // starts would pay for it (README, "Where the time goes").
  const { EventStreamReader } = await import('../protocol/event-stream.ts');
  const reader = new EventStreamReader((message, at) => {
    events.push({ ...message, arrivedAt: at });
    if (message.headers[':event-type'] === 'PayloadChunk') feed(message.payload, at);
  });
  const timeline = await observeHttp(streamInvokeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: urlEventFor(pathAndQuery),
    timeoutMs,
    // An error answer is a JSON document, not an event stream: the status says what went wrong.
    onStatus: (status) => (decoding = status === 200),
    onChunk: (chunk, at) => {
      if (decoding) reader.push(chunk, at);
    },
  });
  const framingError = await reader.end();
  return { timeline, events, frames, ...(framingError ? { framingError } : {}) };
}
