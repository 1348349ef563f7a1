import { createParser } from 'eventsource-parser';
import { observeHttp, type WireOptions } from './wire.ts';
import type { Timeline } from './timeline.ts';
import { observerStalls } from './stalls.ts';

export interface SseFrame {
  id?: string;
  event?: string;
  data: string;
  /** When the byte that completed this frame arrived. */
  arrivedAt: number;
  /** Earlier than arrivedAt when this process was stalled as the frame came in (see stalls.ts). */
  readonly earliestArrivalAt: number;
}

/**
 * Collects SSE frames from bytes fed as they arrive; each frame takes the arrival time of its last
 * byte. Its earliest possible arrival is read later, when the stall it may have ended is on record.
 */
export function sseCollector(): { frames: SseFrame[]; feed: (bytes: Uint8Array, at: number) => void } {
  const frames: SseFrame[] = [];
  const decoder = new TextDecoder();
  const stalls = observerStalls();
  let arrival = 0;
  const parser = createParser({
    onEvent: (event) => {
      const arrivedAt = arrival;
      frames.push({
        id: event.id,
        event: event.event,
        data: event.data,
        arrivedAt,
        get earliestArrivalAt() {
          return stalls.earliestArrival(arrivedAt);
        },
      });
    },
  });
  return {
    frames,
    feed: (bytes, at) => {
      arrival = at;
      parser.feed(decoder.decode(bytes, { stream: true }));
    },
  };
}

/** Parses SSE frames as the bytes arrive, so each frame's arrival time is that of its last byte. */
export async function observeSse(
  url: string,
  options: WireOptions & { closeAfterFrames?: number } = {},
): Promise<{ timeline: Timeline; frames: SseFrame[] }> {
  const { frames, feed } = sseCollector();
  const timeline = await observeHttp(url, {
    ...options,
    headers: { accept: 'text/event-stream', ...options.headers },
    onChunk: (chunk, at) => {
      feed(chunk, at);
      if (options.onChunk?.(chunk, at) === true) return true;
      return options.closeAfterFrames !== undefined && frames.length >= options.closeAfterFrames;
    },
  });
  return { timeline, frames };
}
