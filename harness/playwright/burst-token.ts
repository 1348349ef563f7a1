import http from 'node:http';

/**
 * One token, passed between workers, for the cases that make the target produce a multi-megabyte
 * answer in one burst. Three such bursts at once, beside Chromium's SSE tickers, made those tickers'
 * frames 0.4-0.6 s late on a 2-core machine (README, "Where the time goes"), so the cases take turns
 * for the burst itself, while every other case, and their own waiting, runs side by side.
 *
 * Served by global setup on loopback, beside the target's logs: a worker's GET is answered when the
 * token is its own, and it gives the token back by closing that request, which a worker that dies
 * does too, so the token is never lost.
 */
export function burstTokenHandler(): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  const waiting: http.ServerResponse[] = [];
  let holder: http.ServerResponse | undefined;
  const grantNext = () => {
    while (!holder && waiting.length > 0) {
      const next = waiting.shift()!;
      if (next.destroyed) continue;
      holder = next;
      next.writeHead(200, { 'content-type': 'text/plain' });
      next.flushHeaders();
    }
  };
  return (_request, response) => {
    response.on('close', () => {
      const index = waiting.indexOf(response);
      if (index >= 0) waiting.splice(index, 1);
      if (holder === response) {
        holder = undefined;
        grantNext();
      }
    });
    waiting.push(response);
    grantNext();
  };
}

/**
 * How long a holder keeps the token while the target has not begun to answer. A target that answers
 * at all bursts within about a second; one that never answers (it may wait out the function's
 * Timeout) must not keep the others waiting with it, and its late burst, if any, is its own.
 */
export const QUIET_HOLD_MS = 5_000;

/** How long a case waits for the token before it goes ahead without it: the token orders, it never blocks a verdict. */
export const MAX_WAIT_MS = 20_000;

export interface BurstTurn {
  /** Call when the target has begun to answer: the token is then held until `release`. */
  answering(): void;
  release(): void;
}

/** Waits for the token (when the run has one) and holds it until released or the target stays quiet. */
export async function takeBurstTurn(
  tokenUrl: string | undefined,
  { quietHoldMs = QUIET_HOLD_MS, maxWaitMs = MAX_WAIT_MS } = {},
): Promise<BurstTurn> {
  if (!tokenUrl) return { answering: () => undefined, release: () => undefined };
  const request = http.get(tokenUrl, { agent: false });
  await new Promise<void>((resolve) => {
    const gaveUp = setTimeout(() => {
      // Not ours in time: go ahead, and give up our place in the queue.
      request.destroy();
      resolve();
    }, maxWaitMs);
    request.on('response', () => {
      clearTimeout(gaveUp);
      resolve();
    });
    request.on('error', () => {
      clearTimeout(gaveUp);
      resolve();
    });
  });
  const release = () => {
    clearTimeout(quiet);
    request.destroy();
  };
  const quiet = setTimeout(release, quietHoldMs);
  return { answering: () => clearTimeout(quiet), release };
}
