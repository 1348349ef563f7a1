import type { Page } from '@playwright/test';
import { createStallMeter } from './stalls.ts';
import { refuseIfSigned } from './signing.ts';

export interface BrowserFrame {
  data: string;
  lastEventId: string;
  arrivedAt: number;
  /** Earlier than arrivedAt when the page could not run as the frame came in (see stalls.ts). */
  earliestArrivalAt: number;
}

export interface BrowserSseResult {
  requestStartedAt: number;
  openedAt?: number;
  frames: BrowserFrame[];
  /** How the EventSource ended: the server closed it, it failed to open, we closed it, or time ran out. */
  ending: 'server-closed' | 'failed' | 'closed-by-client' | 'timeout';
  endedAt: number;
}

/**
 * Opens an EventSource in a real page on the target's own origin and timestamps every message in the
 * page, with the same clock expression the fixtures use. Only the blank document is served by route
 * interception; the stream itself goes over the network untouched.
 */
export async function observeEventSource(
  page: Page,
  url: string,
  options: { timeoutMs: number; closeAfterFrames?: number },
): Promise<BrowserSseResult> {
  refuseIfSigned('EventSource', url);
  const blank = new URL('/__lsc_blank__', url).toString();
  await page.route(blank, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>lsc</title>' }));
  // Chromium asks the origin for /favicon.ico, which on a Function URL is one more invocation of the
  // function under test: a ten-second stream nobody reads, holding an instance the case then lacks.
  await page.route(new URL('/favicon.ico', url).toString(), (route) => route.fulfill({ status: 404 }));
  await page.goto(blank);
  await page.unroute(blank);
  // The page's own stall meter: the same function, serialized, since a page stamps its own frames.
  // Functions reach the page as their source text. Compiled by tsx (lsc installed as a package, where
  // Playwright does not compile) that text calls esbuild's __name helper, which the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.evaluate(`globalThis.__lscStalls = (${createStallMeter.toString()})()`);
  return page.evaluate(
    ({ url, timeoutMs, closeAfterFrames }) =>
      new Promise<BrowserSseResult>((resolve) => {
        const stalls = (globalThis as unknown as { __lscStalls: ReturnType<typeof createStallMeter> }).__lscStalls;
        const now = () => performance.timeOrigin + performance.now();
        const requestStartedAt = now();
        const frames: BrowserFrame[] = [];
        let openedAt: number | undefined;
        const source = new EventSource(url);
        const finish = (ending: BrowserSseResult['ending']) => {
          source.close();
          clearTimeout(timer);
          for (const frame of frames) frame.earliestArrivalAt = stalls.earliestArrival(frame.arrivedAt);
          stalls.stop();
          resolve({ requestStartedAt, openedAt, frames, ending, endedAt: now() });
        };
        const timer = setTimeout(() => finish('timeout'), timeoutMs);
        source.onopen = () => {
          openedAt ??= now();
        };
        source.onmessage = (event) => {
          const arrivedAt = now();
          frames.push({ data: event.data as string, lastEventId: event.lastEventId, arrivedAt, earliestArrivalAt: arrivedAt });
          if (closeAfterFrames !== undefined && frames.length >= closeAfterFrames) finish('closed-by-client');
        };
        // After a clean end the browser would reconnect (CONNECTING); a failed open is CLOSED.
        source.onerror = () => finish(source.readyState === EventSource.CLOSED || openedAt === undefined ? 'failed' : 'server-closed');
      }),
    { url, timeoutMs: options.timeoutMs, closeAfterFrames: options.closeAfterFrames },
  );
}
