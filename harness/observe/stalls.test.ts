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

test('stalls back to back are one: a frame read after the second may have arrived during the first', async () => {
  const meter = createStallMeter();
  try {
    await tick(50);
    const blockedAt = now();
    block(200);
    // Only the meter's overdue tick runs before the loop is busy again, as when a burst of other
    // callbacks comes before the socket's turn.
    await tick(1);
    block(150);
    const stampedAt = now();
    expect(meter.earliestArrival(stampedAt)).toBeLessThan(blockedAt + 15);
    await tick(30);
    expect(meter.stalls.length).toBeGreaterThanOrEqual(2);
    expect(meter.earliestArrival(stampedAt)).toBeLessThan(blockedAt + 15);

    // The loop ran freely in between: the second stall alone is the benefit of the doubt.
    const firstAt = now();
    block(200);
    await tick(60);
    const secondAt = now();
    block(150);
    const laterStamp = now();
    await tick(30);
    expect(meter.earliestArrival(laterStamp)).toBeGreaterThanOrEqual(firstAt + 200);
    expect(meter.earliestArrival(laterStamp)).toBeLessThan(secondAt + 15);
  } finally {
    meter.stop();
  }
});

test('the meter is self-contained, so the browser observer can run it serialized in a page', () => {
  const revived = new Function(`return (${createStallMeter.toString()})()`)() as ReturnType<typeof createStallMeter>;
  revived.stop();
  expect(revived.stalls).toEqual([]);
});
