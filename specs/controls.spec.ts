import { startControlOrigin, type ControlKind } from '../harness/controls/control-origins.ts';
import { observeEventSource } from '../harness/observe/browser.ts';
import { observeSse } from '../harness/observe/sse.ts';
import { judgeCadence, judgeFirstFrame, toTimedFrames, type Judgement, type TimedFrame } from '../harness/verdict/cadence.ts';
import { calibratedSchedules, scheduleName, type Schedule } from '../harness/verdict/schedules.ts';
import { expect, lscCase, test } from '../harness/playwright/fixtures.ts';
import type { Page } from '@playwright/test';

test.describe.configure({ mode: 'parallel' });

interface Classified {
  observer: 'wire' | 'Chromium';
  judge: 'cadence' | 'first frame';
  judgement: Judgement;
}

/** One origin of known behaviour on one schedule, observed on the wire and in Chromium, judged by both judges the cases use. */
async function classify(kind: ControlKind, schedule: Schedule, page: Page, toleranceFloorMs: number | undefined): Promise<Classified[]> {
  const origin = await startControlOrigin(kind, schedule);
  try {
    const timeoutMs = schedule.count * schedule.intervalMs + 10_000;
    const [wire, browser] = await Promise.all([observeSse(origin.url, { timeoutMs }), observeEventSource(page, origin.url, { timeoutMs })]);
    const expectation = { ...schedule, toleranceFloorMs };
    const judged = (observer: Classified['observer'], frames: TimedFrame[], startedAt: number): Classified[] => [
      { observer, judge: 'cadence', judgement: judgeCadence(frames, expectation, startedAt) },
      { observer, judge: 'first frame', judgement: judgeFirstFrame(frames, expectation, startedAt) },
    ];
    return [
      ...judged('wire', toTimedFrames(wire.frames).timed, wire.timeline.requestStartedAt),
      ...judged('Chromium', toTimedFrames(browser.frames).timed, browser.requestStartedAt),
    ];
  } finally {
    await origin.close();
  }
}

const label = (c: Classified) => `${c.observer}, ${c.judge}: ${c.judgement.summary}`;
// A failed control voids a run, often a nested one whose report is gone by the time anyone reads
// the log: its message carries the judgement's whole account (stalls credited, where each late
// frame's time went), not only the summary.
const account = (c: Classified) => [label(c), ...c.judgement.details].join('\n  ');

// Every schedule a case may be judged on (harness/verdict/schedules.ts): a cadence verdict on a
// schedule these did not prove discriminating is refused by the judges.
for (const schedule of calibratedSchedules()) {
  const [title, details] = lscCase('CONTROL-001');
  test(`${title} (${scheduleName(schedule)})`, details, async ({ page, toleranceFloorMs, evidence }) => {
    const classified = await classify('streaming', schedule, page, toleranceFloorMs);
    await evidence.json('judgements.json', classified);
    for (const c of classified) {
      if (c.judgement.error) await evidence.judge('uncalibrated', c.judgement);
      expect(c.judgement.ok, `the streaming control was judged not streaming: ${account(c)}`).toBe(true);
    }
  });
}

for (const schedule of calibratedSchedules()) {
  const [title, details] = lscCase('CONTROL-002');
  test(`${title} (${scheduleName(schedule)})`, details, async ({ page, toleranceFloorMs, evidence }) => {
    const classified = await classify('buffering', schedule, page, toleranceFloorMs);
    await evidence.json('judgements.json', classified);
    for (const c of classified) {
      if (c.judgement.error) await evidence.judge('uncalibrated', c.judgement);
      expect(c.judgement.ok, `the buffering control was judged streaming: ${account(c)}`).toBe(false);
      if (c.judge === 'cadence') expect(c.judgement.summary, label(c)).toContain('buffered');
    }
  });
}
