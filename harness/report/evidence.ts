import type { SdkObservation } from '../observe/sdk.ts';
import type { Timeline } from '../observe/timeline.ts';
import type { TimedFrame } from '../verdict/cadence.ts';

/** Attachments of this type are evidence the lsc reporter reads into report.json and the HTML page. */
export const EVIDENCE_CONTENT_TYPE = 'application/vnd.lsc.evidence+json';

const MAX_CHUNKS = 2000;
const BODY_HEAD_BYTES = 512;

export interface TimelineEvidence {
  kind: 'timeline';
  name: string;
  url: string;
  status?: number;
  headers: Array<[string, string]>;
  trailers: Array<[string, string]>;
  requestStartedAt: number;
  responseAt?: number;
  endedAt: number;
  ending: Timeline['ending'];
  error?: string;
  totalBytes: number;
  bodySha256: string;
  /** The first bytes of the body, base64. */
  bodyHead: string;
  chunks: Timeline['chunks'];
  chunksOmitted: number;
}

export interface FramesEvidence {
  kind: 'frames';
  name: string;
  startedAt: number;
  frames: TimedFrame[];
}

/** What the AWS SDK surfaced for one call (harness/observe/sdk.ts), PayloadChunks capped like chunks. */
export type SdkEvidence = { kind: 'sdk'; name: string; chunksOmitted: number } & SdkObservation;

export type Evidence = TimelineEvidence | FramesEvidence | SdkEvidence;

export function sdkEvidence(name: string, observation: SdkObservation): SdkEvidence {
  return {
    kind: 'sdk',
    name,
    ...observation,
    chunks: observation.chunks.slice(0, MAX_CHUNKS),
    chunksOmitted: Math.max(0, observation.chunks.length - MAX_CHUNKS),
  };
}

/** A timeline trimmed for a report: every chunk up to a cap, the first bytes of the body. */
export function timelineEvidence(name: string, timeline: Timeline): TimelineEvidence {
  return {
    kind: 'timeline',
    name,
    url: timeline.url,
    status: timeline.status,
    headers: timeline.headers,
    trailers: timeline.trailers,
    requestStartedAt: timeline.requestStartedAt,
    responseAt: timeline.responseAt,
    endedAt: timeline.endedAt,
    ending: timeline.ending,
    error: timeline.error,
    totalBytes: timeline.totalBytes,
    bodySha256: timeline.bodySha256,
    bodyHead: timeline.bodyHead.subarray(0, BODY_HEAD_BYTES).toString('base64'),
    chunks: timeline.chunks.slice(0, MAX_CHUNKS),
    chunksOmitted: Math.max(0, timeline.chunks.length - MAX_CHUNKS),
  };
}
