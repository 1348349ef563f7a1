import { startControlOrigin, type ControlKind } from '../harness/controls/control-origins.ts';
import { observeEventSource } from '../harness/observe/browser.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { judgeCadence, toTimedFrames, type Judgement } from '../harness/verdict/cadence.ts';
import { expect, lscCase, test } from '../harness/playwright/fixtures.ts';
import type { Page } from '@playwright/test';

// Short enough to keep the gate cheap, long enough that buffering is unmistakable.
const schedule = { count: 6, intervalMs: 500 };
const timeoutMs = schedule.count * schedule.intervalMs + 10_000;

test.describe.configure({ mode: 'parallel' });

async function judgeOrigin(kind: ControlKind, page: Page, toleranceFloorMs: number | undefined): Promise<{ wire: Judgement; browser: Judgement }> {
  const origin = await startControlOrigin(kind, schedule);
  try {
    const [wire, browser] = await Promise.all([
      observeSse(origin.url, { timeoutMs }),
      observeEventSource(page, origin.url, { timeoutMs }),
    ]);
    const expectation = { ...schedule, toleranceFloorMs };
    return {
      wire: judgeCadence(toTimedFrames(wire.frames).timed, expectation, wire.timeline.requestStartedAt),
      browser: judgeCadence(toTimedFrames(browser.frames).timed, expectation, browser.requestStartedAt),
    };
  } finally {
    await origin.close();
  }
}

test(...lscCase('CONTROL-001'), async ({ page, toleranceFloorMs, evidence }) => {
  const { wire, browser } = await judgeOrigin('streaming', page, toleranceFloorMs);
  await evidence.json('judgements.json', { wire, browser });
  expect(wire.ok, `the streaming control was judged not streaming on the wire: ${wire.summary}`).toBe(true);
  expect(browser.ok, `the streaming control was judged not streaming in Chromium: ${browser.summary}`).toBe(true);
});

test(...lscCase('CONTROL-002'), async ({ page, toleranceFloorMs, evidence }) => {
  const { wire, browser } = await judgeOrigin('buffering', page, toleranceFloorMs);
  await evidence.json('judgements.json', { wire, browser });
  expect(wire.ok, `the buffering control was judged streaming on the wire: ${wire.summary}`).toBe(false);
  expect(wire.summary).toContain('buffered');
  expect(browser.ok, `the buffering control was judged streaming in Chromium: ${browser.summary}`).toBe(false);
  expect(browser.summary).toContain('buffered');
});
