import { expect, test } from '@playwright/test';
import { judgeCadence, judgeFirstFrame, judgedLag, toTimedFrames, type TimedFrame } from './cadence.ts';

const start = 1_000_000;
const schedule = { count: 10, intervalMs: 1000 };
const emitted = (seq: number) => start + 10 + seq * 1000;
const frames = (arrival: (seq: number) => number): TimedFrame[] =>
  Array.from({ length: 10 }, (_, seq) => ({ seq, emittedAt: emitted(seq), arrivedAt: arrival(seq) }));

test('frames that arrive as they are written pass', () => {
  const judgement = judgeCadence(
    frames((seq) => emitted(seq) + 3),
    schedule,
    start,
  );
  expect(judgement.ok).toBe(true);
});

test('frames held until the end fail, and the summary says so in one line', () => {
  const judgement = judgeCadence(
    frames((seq) => emitted(9) + 12 + seq * 0.2),
    schedule,
    start,
  );
  expect(judgement.ok).toBe(false);
  expect(judgement.summary).toBe('10 frames arrived within 2 ms at t=9.02 s, though written over 9.00 s: the stream was buffered');
});

test('a buffered stream is called buffered even when the observer clock runs a few ms behind the writer clock', () => {
  const judgement = judgeCadence(
    frames((seq) => emitted(9) - 4 + seq * 0.2),
    schedule,
    start,
  );
  expect(judgement.ok).toBe(false);
  expect(judgement.summary).toBe('10 frames arrived within 2 ms at t=9.01 s, though written over 9.00 s: the stream was buffered');
});

test('a single late frame in an otherwise streamed response is named', () => {
  const judgement = judgeCadence(
    frames((seq) => emitted(seq) + (seq === 4 ? 2300 : 5)),
    schedule,
    start,
  );
  expect(judgement.ok).toBe(false);
  expect(judgement.summary).toMatch(/^frame 4 arrived 2\.30 s after it was written/);
});

test('frames delivered in pairs (each even frame held for the next) fail', () => {
  const coalesced = judgeCadence(
    frames((seq) => emitted(seq % 2 === 0 ? seq + 1 : seq) + 5),
    schedule,
    start,
  );
  expect(coalesced.ok).toBe(false);
  expect(coalesced.summary).toMatch(/^frame 0 arrived 1\.00 s after it was written/);
});

test('missing frames and a slow machine tolerance', () => {
  const short = frames((seq) => emitted(seq) + 5).slice(0, 7);
  expect(judgeCadence(short, schedule, start).summary).toMatch(/^expected 10 frames, got 7/);
  const lagging = frames((seq) => emitted(seq) + 600);
  expect(judgeCadence(lagging, schedule, start).ok).toBe(false);
  expect(judgeCadence(lagging, { ...schedule, toleranceFloorMs: 800 }, start).ok).toBe(true);
});

test('time to first frame is judged against the first write, not the end', () => {
  expect(
    judgeFirstFrame(
      frames((seq) => emitted(seq) + 4),
      schedule,
      start,
    ).ok,
  ).toBe(true);
  const late = judgeFirstFrame(
    frames(() => emitted(9) + 20),
    schedule,
    start,
  );
  expect(late.ok).toBe(false);
  expect(late.summary).toBe("first frame arrived at t=9.03 s, 9.02 s after it was written; the handler's last write was at t=9.01 s");
});

test('non-ticker frames are reported, not dropped', () => {
  const { timed, malformed } = toTimedFrames([
    { data: '{"seq":0,"emittedAt":5}', arrivedAt: 6 },
    { data: 'hello', arrivedAt: 7 },
  ]);
  expect(timed).toEqual([{ seq: 0, emittedAt: 5, arrivedAt: 6 }]);
  expect(malformed).toEqual(['hello']);
});

test('a tolerance as wide as the schedule cannot judge: an error, never a pass', () => {
  const buffered = frames((seq) => emitted(9) + 12 + seq * 0.2);
  const wide = judgeCadence(buffered, { ...schedule, toleranceFloorMs: 9000 }, start);
  expect(wide.ok).toBe(false);
  expect(wide.error).toBe(true);
  expect(wide.summary).toMatch(/tolerance \(9000 ms\) is at least \(count − 1\) × interval = 9000 ms/);
  expect(judgeFirstFrame(buffered, { ...schedule, toleranceFloorMs: 9500 }, start).error).toBe(true);
  // Just below the span it still judges, and the buffered stream fails.
  const narrow = judgeCadence(buffered, { ...schedule, toleranceFloorMs: 8999 }, start);
  expect(narrow.error).toBeUndefined();
});

test('a schedule the controls never ran is refused', () => {
  const uncalibrated = judgeCadence(frames((seq) => emitted(seq) + 3).slice(0, 7), { count: 7, intervalMs: 1000 }, start);
  expect(uncalibrated.error).toBe(true);
  expect(uncalibrated.summary).toMatch(/the controls never ran this schedule/);
});

test('a frame the observer stamped late because it was itself stalled is judged at the stall start', () => {
  const late = frames((seq) => emitted(seq) + (seq === 0 ? 410 : 3));
  expect(judgeCadence(late, schedule, start).ok, 'without the stall on record').toBe(false);
  late[0]!.earliestArrivalAt = emitted(0) + 60;
  const judgement = judgeCadence(late, schedule, start);
  expect(judgement.ok).toBe(true);
  expect(judgement.details.join('\n')).toContain(
    "the observer was stalled as frame 0 came in: judged at the stall's start, 350 ms before its stamp",
  );
  expect(judgeFirstFrame(late, schedule, start).ok).toBe(true);
});

test('a stall of the observer never excuses more than its own length', () => {
  // Held for the whole stream; the observer stalled for 300 ms just before the frames came in.
  const held = frames((seq) => emitted(9) + 12 + seq * 0.2).map((frame) => ({ ...frame, earliestArrivalAt: frame.arrivedAt - 300 }));
  const judgement = judgeCadence(held, schedule, start);
  expect(judgement.ok).toBe(false);
  expect(judgement.summary).toContain('the stream was buffered');
  expect(judgeFirstFrame(held, schedule, start).ok).toBe(false);
});

test('a stall is never taken to put an arrival before the write', () => {
  const [frame] = frames((seq) => emitted(seq) + 500);
  expect(judgedLag({ ...frame!, earliestArrivalAt: emitted(0) - 200 })).toBe(0);
});

// The 625 ms freeze one CI run logged while SSE-003 [go]'s first frame was in flight, 0.42 s late.
const freeze = { from: emitted(0) + 5, to: emitted(0) + 630 };
const asData = (list: TimedFrame[]) =>
  list.map((f) => ({ data: JSON.stringify({ seq: f.seq, emittedAt: f.emittedAt }), arrivedAt: f.arrivedAt }));
const frozenBy =
  (...stalls: Array<{ from: number; to: number }>) =>
  (from: number, to: number) =>
    stalls.reduce((total, stall) => total + Math.max(0, Math.min(stall.to, to) - Math.max(stall.from, from)), 0);

test('the time the whole machine was frozen while a frame was in flight is taken off its lag, and said', () => {
  const late = frames((seq) => emitted(seq) + (seq === 0 ? 650 : 3));
  expect(judgeCadence(late, schedule, start).ok, 'without the freeze on record').toBe(false);
  const { timed } = toTimedFrames(asData(late), frozenBy(freeze));
  expect(timed[0]!.frozenMs).toBe(625);
  expect(timed[1]!.frozenMs, 'a freeze before its write is not its').toBeUndefined();
  const judgement = judgeCadence(timed, schedule, start);
  expect(judgement.ok, judgement.summary).toBe(true);
  expect(judgement.details.join('\n')).toContain('the machine was frozen for 625 ms while frame 0 was in flight');
  expect(judgeFirstFrame(timed, schedule, start).ok).toBe(true);
});

test('a freeze never excuses more than its own length: a held-back stream stays buffered', () => {
  const held = frames((seq) => emitted(9) + 12 + seq * 0.2);
  const { timed } = toTimedFrames(asData(held), frozenBy(freeze, { from: emitted(4), to: emitted(4) + 900 }));
  expect(timed[0]!.frozenMs).toBe(1525);
  const judgement = judgeCadence(timed, schedule, start);
  expect(judgement.ok).toBe(false);
  expect(judgement.summary).toContain('the stream was buffered');
  expect(judgeFirstFrame(timed, schedule, start).ok).toBe(false);
});

test('a freeze is not counted twice when the observer was stalled by it too', () => {
  // The observer stamped frame 0 as the freeze ended: judged at its start, and no more credit.
  const late = frames((seq) => emitted(seq) + (seq === 0 ? 640 : 3)).map((f) =>
    f.seq === 0 ? { ...f, earliestArrivalAt: freeze.from } : f,
  );
  const data = late.map((f) => ({ ...asData([f])[0]!, ...(f.earliestArrivalAt ? { earliestArrivalAt: f.earliestArrivalAt } : {}) }));
  const { timed } = toTimedFrames(data, frozenBy(freeze));
  expect(timed[0]!.frozenMs).toBeUndefined();
  expect(judgedLag(timed[0]!)).toBe(5);
});

test('a late frame is accounted for: what the observer and the machine explain, and what is left', () => {
  const late = frames((seq) => emitted(seq) + (seq === 2 ? 900 : 3));
  const { timed } = toTimedFrames(asData(late), frozenBy({ from: emitted(2) + 100, to: emitted(2) + 300 }));
  const judgement = judgeCadence(timed, schedule, start);
  expect(judgement.ok).toBe(false);
  expect(judgement.details).toContain(
    "frame 2: 900 ms from write to stamp; the observer's stall accounts for 0 ms, the machine's freezes for 200 ms, 700 ms are the path's",
  );
});
