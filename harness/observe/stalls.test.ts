import { expect, test } from '@playwright/test';
import { createStallMeter } from './stalls.ts';

const now = () => performance.timeOrigin + performance.now();
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Blocks this process's event loop, as a busy observer would be. */
const block = (ms: number) => {
  const until = now() + ms;
  while (now() < until);
};

test('a stall of the event loop is recorded, and a stamp taken as it ends may have arrived at its start', async () => {
  const meter = createStallMeter();
  try {
    await tick(50);
    const blockedAt = now();
    block(200);
    const stampedAt = now();
    // Before the meter's closing tick has run, and after it.
    expect(meter.earliestArrival(stampedAt)).toBeLessThan(blockedAt + 15);
    await tick(30);
    expect(meter.stalls.length).toBeGreaterThanOrEqual(1);
    expect(meter.earliestArrival(stampedAt)).toBeLessThan(blockedAt + 15);
    // A stamp while the loop runs freely is its own arrival.
    await tick(100);
    const freeAt = now();
    expect(meter.earliestArrival(freeAt)).toBe(freeAt);
  } finally {
    meter.stop();
  }
});

test('the meter is self-contained, so the browser observer can run it serialized in a page', () => {
  const revived = new Function(`return (${createStallMeter.toString()})()`)() as ReturnType<typeof createStallMeter>;
  revived.stop();
  expect(revived.stalls).toEqual([]);
});
