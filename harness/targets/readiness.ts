import { HarnessError } from '../core/errors.ts';
import type { EndpointMap } from './endpoint-map.ts';

export const PROBE_FUNCTION = 'Probe';

/**
 * Repeats `attempt` until it reports success (undefined) with a pause growing to 1 s between tries,
 * bounded in time and count and cut short by `cancel`; a throw counts as a problem. Returns undefined
 * once ready, else the last problem seen. Every readiness wait of the targets goes through here.
 */
export async function retryUntilReady(
  attempt: (signal: AbortSignal) => Promise<string | undefined>,
  options: { timeoutMs: number; cancel?: AbortSignal; maxAttempts?: number },
): Promise<string | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = 'no attempt made';
  for (let count = 1; Date.now() < deadline && count <= (options.maxAttempts ?? 200) && !options.cancel?.aborted; count++) {
    const timeout = AbortSignal.timeout(Math.max(1000, deadline - Date.now()));
    try {
      const problem = await attempt(options.cancel ? AbortSignal.any([timeout, options.cancel]) : timeout);
      if (problem === undefined) return undefined;
      lastProblem = problem;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * count, 1000)));
  }
  return lastProblem;
}

/**
 * A target is ready when the probe function answers through its front door. Retried for a bounded
 * time because emulators that build containers take a while to accept connections.
 */
export async function probeEndpoints(
  map: EndpointMap,
  options: { timeoutMs?: number; via?: 'url' | 'invoke'; cancel?: AbortSignal } = {},
): Promise<void> {
  const probe = map.functions[PROBE_FUNCTION];
  if (!probe) return;
  // Through the Function URL when there is one, else a direct invoke, as RIE offers.
  const viaUrl = options.via ? options.via === 'url' : Boolean(probe.url);
  const problem = await retryUntilReady(
    async (signal) => {
      try {
        const response = viaUrl
          ? await fetch(probe.url!, { signal })
          : await fetch(probe.invokeUrl!, { method: 'POST', body: '{}', signal });
        const body = await response.text();
        return response.ok && body === 'ready' ? undefined : `probe answered ${response.status} ${JSON.stringify(body.slice(0, 100))}`;
      } catch (error) {
        return `probe failed: ${(error as Error).message}`;
      }
    },
    { timeoutMs: options.timeoutMs ?? 30_000, cancel: options.cancel },
  );
  if (problem !== undefined) throw new HarnessError(`${map.target} is not ready at ${probe.url ?? probe.invokeUrl}: ${problem}`);
}
