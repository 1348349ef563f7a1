import { HarnessError } from '../cli/errors.ts';
import type { EndpointMap } from './endpoint-map.ts';

export const PROBE_FUNCTION = 'Probe';

/**
 * A target is ready when the probe function answers through its front door. Retried for a bounded
 * time because emulators that build containers take a while to accept connections.
 */
export async function probeEndpoints(map: EndpointMap, options: { timeoutMs?: number; via?: 'url' | 'invoke'; cancel?: AbortSignal } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const probe = map.functions[PROBE_FUNCTION];
  if (!probe) return;
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no attempt made';
  for (let attempt = 1; Date.now() < deadline && attempt <= 200 && !options.cancel?.aborted; attempt++) {
    try {
      const timeout = AbortSignal.timeout(Math.max(1000, deadline - Date.now()));
      const signal = options.cancel ? AbortSignal.any([timeout, options.cancel]) : timeout;
      // Through the Function URL when there is one, else a direct invoke, as RIE offers.
      const viaUrl = options.via ? options.via === 'url' : Boolean(probe.url);
      const response = viaUrl ? await fetch(probe.url!, { signal }) : await fetch(probe.invokeUrl!, { method: 'POST', body: '{}', signal });
      const body = await response.text();
      if (response.ok && body === 'ready') return;
      lastProblem = `probe answered ${response.status} ${JSON.stringify(body.slice(0, 100))}`;
    } catch (error) {
      lastProblem = `probe failed: ${(error as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 1000)));
  }
  throw new HarnessError(`${map.target} is not ready at ${probe.url ?? probe.invokeUrl}: ${lastProblem}`);
}
