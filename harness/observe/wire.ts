import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { epochNow } from './clock.ts';
import type { ChunkRecord, Ending, Timeline } from './timeline.ts';
import { observerStalls } from './stalls.ts';
import { headersFor } from './signing.ts';

export interface WireOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Give up after this long; the timeline then ends as 'timeout'. */
  timeoutMs?: number;
  /** How many leading body bytes to keep for inspection. */
  keepBytes?: number;
  /**
   * Reads no faster than this: a case streaming hundreds of MB at full speed takes both cores of a
   * small machine, and the timing cases running beside it would pay for it. The stream slows by
   * backpressure, end to end, as it would for any slow client.
   */
  maxBytesPerSecond?: number;
  /** Sees each chunk as it arrives; return true to close the connection (a client walking away). */
  onChunk?: (chunk: Buffer, at: number) => boolean | void;
  /** Sees the status before the first chunk. */
  onStatus?: (status: number | undefined) => void;
  /**
   * 'as-endpoint' (the default) signs when the endpoint is an AWS_IAM one (./signing.ts); 'as-given'
   * sends the headers untouched, for a case that sends an unsigned or a wrongly signed request.
   */
  signing?: 'as-endpoint' | 'as-given';
}

/**
 * An HTTP/1.1 client at the lowest layer that sees bytes: each socket read is timestamped as it is
 * delivered, nothing is buffered beyond `keepBytes`, and how the response ended is recorded exactly.
 */
export async function observeHttp(url: string, options: WireOptions = {}): Promise<Timeline> {
  const method = options.method ?? 'GET';
  const headers = options.signing === 'as-given' ? options.headers : await headersFor(url, method, options.headers, options.body);
  return observeExchange(url, { ...options, method, ...(headers ? { headers } : {}) });
}

function observeExchange(url: string, options: WireOptions): Promise<Timeline> {
  const keepBytes = options.keepBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve) => {
    const started = epochNow();
    const chunks: ChunkRecord[] = [];
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let totalBytes = 0;
    const hash = createHash('sha256');
    const timeline: Timeline = {
      url,
      requestStartedAt: started,
      headers: [],
      chunks,
      totalBytes: 0,
      bodyHead: Buffer.alloc(0),
      bodySha256: '',
      trailers: [],
      ending: 'connect-error',
      endedAt: started,
    };
    let settled = false;
    let paced: NodeJS.Timeout | undefined;
    const stalls = observerStalls();
    const finish = (ending: Ending, error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(paced);
      timeline.ending = ending;
      timeline.endedAt = epochNow();
      const earliestEnd = stalls.earliestArrival(timeline.endedAt);
      if (earliestEnd < timeline.endedAt) timeline.earliestEndAt = earliestEnd;
      const during = stalls.stalls.filter((stall) => stall.to >= started && stall.from <= timeline.endedAt);
      if (during.length > 0) timeline.observerStalls = during;
      timeline.totalBytes = totalBytes;
      timeline.bodyHead = Buffer.concat(kept);
      timeline.bodySha256 = hash.digest('hex');
      if (error) timeline.error = error;
      request.destroy();
      resolve(timeline);
    };
    const request = (url.startsWith('https:') ? https : http).request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        timeline.responseAt = epochNow();
        timeline.status = response.statusCode;
        options.onStatus?.(response.statusCode);
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          timeline.headers.push([response.rawHeaders[i]!.toLowerCase(), response.rawHeaders[i + 1]!]);
        }
        response.on('data', (chunk: Buffer) => {
          const at = epochNow();
          chunks.push({ offset: totalBytes, length: chunk.length, at });
          totalBytes += chunk.length;
          hash.update(chunk);
          if (keptBytes < keepBytes) {
            const slice = chunk.subarray(0, keepBytes - keptBytes);
            kept.push(slice);
            keptBytes += slice.length;
          }
          if (options.onChunk?.(chunk, at) === true) finish('closed-by-client');
          const rate = options.maxBytesPerSecond;
          const aheadMs = rate ? (totalBytes / rate) * 1000 - (at - started) : 0;
          if (aheadMs > 5 && !settled) {
            response.pause();
            paced = setTimeout(() => response.resume(), aheadMs);
          }
        });
        response.on('end', () => {
          for (let i = 0; i < response.rawTrailers.length; i += 2) {
            timeline.trailers.push([response.rawTrailers[i]!.toLowerCase(), response.rawTrailers[i + 1]!]);
          }
          finish(response.complete ? 'complete' : 'aborted');
        });
        response.on('error', (error) => finish('aborted', error.message));
        response.on('close', () => finish(response.complete ? 'complete' : 'aborted'));
      },
    );
    request.on('error', (error) => finish(timeline.status === undefined ? 'connect-error' : 'aborted', error.message));
    const timer = setTimeout(() => finish('timeout', `no end after ${timeoutMs} ms`), timeoutMs);
    request.end(options.body);
  });
}
