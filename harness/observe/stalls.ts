/**
 * Stalls of the observer itself. An observer stamps a frame when its event loop gets to it; if the
 * process could not run (both cores busy, a collection, a burst of work in the same loop), the stamp
 * is late by the stall, and a timing judge would blame the target for the harness's own hiccup. The
 * meter (after jHiccup) ticks a timer and records every interval in which the loop did not run; a
 * frame seen right after a stall may have arrived at any moment of it, so the judges take the
 * stall's start as its earliest possible arrival. That benefit of the doubt is bounded by what was
 * measured: a stall of 0.3 s cannot excuse a stream held back for seconds.
 */
export interface Stall {
  from: number;
  to: number;
}

export interface StallMeter {
  stalls: Stall[];
  /** The earliest moment bytes stamped at `at` can have arrived: `at`, or the start of the stall it ended. */
  earliestArrival: (at: number) => number;
  stop: () => void;
}

/**
 * Self-contained (no imports, no outer names) so the same code runs in Node and, serialized, in a
 * page, where the browser observer stamps its frames.
 */
export function createStallMeter(resolutionMs = 10, slackMs = 15): StallMeter {
  const now = () => performance.timeOrigin + performance.now();
  const stalls: Stall[] = [];
  let last = now();
  const timer = setInterval(() => {
    const at = now();
    if (at - last > resolutionMs + slackMs) {
      stalls.push({ from: last + resolutionMs, to: at });
      if (stalls.length > 10_000) stalls.shift();
    }
    last = at;
  }, resolutionMs);
  (timer as { unref?: () => void }).unref?.();
  // Stalls back to back (the tick that closed one was the only thing the loop ran before the next
  // began, so it never reached its I/O on time in between) are one stall: a frame read after the
  // second may have arrived during the first. One on-time tick between them breaks the chain.
  const chainStart = (index: number) => {
    let i = index;
    while (i > 0 && stalls[i]!.from - stalls[i - 1]!.to <= resolutionMs + 0.5) i--;
    return stalls[i]!.from;
  };
  return {
    stalls,
    earliestArrival: (at) => {
      // Asked right after a stall whose closing tick has not run yet.
      if (at > last + resolutionMs + slackMs && at <= now()) {
        const closedByLast = stalls.length > 0 && stalls[stalls.length - 1]!.to === last;
        return closedByLast ? chainStart(stalls.length - 1) : last + resolutionMs;
      }
      // The loop may stamp a frame before or after the tick that records the stall it ran late from.
      for (let i = stalls.length - 1; i >= 0; i--) {
        const stall = stalls[i]!;
        if (stall.from < at && at <= stall.to + resolutionMs + slackMs) return chainStart(i);
        if (stall.to < at) break;
      }
      return at;
    },
    stop: () => clearInterval(timer),
  };
}

let processMeter: StallMeter | undefined;

/** The meter of this process, started on first use and running until the process ends. */
export function observerStalls(): StallMeter {
  processMeter ??= createStallMeter();
  return processMeter;
}
