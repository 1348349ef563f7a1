import type { Stall } from './stalls.ts';

/** Everything the wire showed about one response, with arrival times in epoch ms. */
export interface ChunkRecord {
  offset: number;
  length: number;
  at: number;
}

export type Ending =
  | 'complete' // the body ended as its framing says (terminating chunk, or Content-Length reached)
  | 'aborted' // the connection closed before the framing said the body was over
  | 'timeout' // the observer gave up waiting
  | 'closed-by-client' // the observer closed it on purpose
  | 'connect-error'; // no response at all

export interface Timeline {
  url: string;
  requestStartedAt: number;
  responseAt?: number;
  status?: number;
  /** Header names lower-cased, repeated headers (Set-Cookie) kept apart. */
  headers: Array<[string, string]>;
  chunks: ChunkRecord[];
  totalBytes: number;
  /** The first bytes of the body only: streams are never held whole in memory. */
  bodyHead: Buffer;
  bodySha256: string;
  trailers: Array<[string, string]>;
  ending: Ending;
  endedAt: number;
  /** Before endedAt when this process was stalled as the end came in (harness/observe/stalls.ts). */
  earliestEndAt?: number;
  /** When the observer itself could not run during the exchange: evidence, so a late stamp is never a mystery. */
  observerStalls?: Stall[];
  error?: string;
}

/** The end a judge holds the target to: the stamp, or the start of an observer stall it ended. */
export const judgedEnd = (timeline: Timeline) => timeline.earliestEndAt ?? timeline.endedAt;

export function header(timeline: Timeline, name: string): string | undefined {
  return timeline.headers.find(([key]) => key === name.toLowerCase())?.[1];
}

export function headerAll(timeline: Timeline, name: string): string[] {
  return timeline.headers.filter(([key]) => key === name.toLowerCase()).map(([, value]) => value);
}

/** A compact, human-readable summary for attachments and failure messages. */
export function describeTimeline(timeline: Timeline): string {
  const t = (at: number) => `${((at - timeline.requestStartedAt) / 1000).toFixed(3)}s`;
  const lines = [
    `GET ${timeline.url}`,
    `status ${timeline.status ?? '-'} at ${timeline.responseAt ? t(timeline.responseAt) : '-'}`,
    ...timeline.headers.map(([k, v]) => `  ${k}: ${v}`),
    `${timeline.chunks.length} chunks, ${timeline.totalBytes} bytes, ended ${timeline.ending} at ${t(timeline.endedAt)}${timeline.error ? ` (${timeline.error})` : ''}`,
    ...timeline.chunks.slice(0, 200).map((c) => `  +${t(c.at)} offset ${c.offset} length ${c.length}`),
    ...(timeline.chunks.length > 200 ? [`  … ${timeline.chunks.length - 200} more chunks`] : []),
    ...timeline.trailers.map(([k, v]) => `trailer ${k}: ${v}`),
    ...(timeline.observerStalls ?? []).map(
      (stall) => `observer stalled from ${t(stall.from)} to ${t(stall.to)} (stamps in that span may be late)`,
    ),
  ];
  return lines.join('\n');
}

/**
 * The label of a status assertion: when no answer came at all, "received undefined" alone would hide
 * that the target never answered, so the label says how the request ended and when.
 */
export function statusLabel(timeline: Timeline): string {
  if (timeline.status !== undefined) return 'status';
  const seconds = ((timeline.endedAt - timeline.requestStartedAt) / 1000).toFixed(1);
  const how = timeline.ending === 'timeout' ? `no answer within ${seconds} s` : `no answer: ${timeline.ending} after ${seconds} s`;
  const error = timeline.ending !== 'timeout' && timeline.error ? `, ${timeline.error}` : '';
  return `status (${how}${error})`;
}
