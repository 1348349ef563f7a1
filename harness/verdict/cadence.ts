import { isCalibrated, scheduleName, type Schedule } from './schedules.ts';
import { machineFrozenMs } from '../observe/machine-stalls.ts';

/**
 * Judges timed frames: each carries the moment the function wrote it, so arrival is compared with
 * emission. Tolerances are relations (DESIGN §6): a frame may lag its emission by at most
 * max(floor, ratio × interval), and arrival gaps must track emission gaps within the same bound.
 */
export interface TimedFrame {
  seq: number;
  emittedAt: number;
  arrivedAt: number;
  /** Before arrivedAt when the observer was stalled as the frame came in (harness/observe/stalls.ts). */
  earliestArrivalAt?: number;
  /** How long the whole machine was frozen while the frame was in flight (harness/observe/machine-stalls.ts). */
  frozenMs?: number;
}

/** The stamp, or, when the observer itself was stalled as the frame came in, the start of that stall. */
function observedArrival(frame: TimedFrame): number {
  const earliest = frame.earliestArrivalAt;
  return earliest !== undefined && earliest < frame.arrivedAt ? Math.max(frame.emittedAt, earliest) : frame.arrivedAt;
}

/**
 * The arrival a judge holds the target to: the observed arrival less the time the whole machine was
 * frozen while the frame was in flight, never before the write. The observer's hiccup is the
 * harness's and the machine's freeze is nobody's; neither is the target's.
 */
export function judgedArrival(frame: TimedFrame): number {
  return Math.max(frame.emittedAt, observedArrival(frame) - (frame.frozenMs ?? 0));
}

/** How long the frame was in flight, as judged. */
export const judgedLag = (frame: TimedFrame) => judgedArrival(frame) - frame.emittedAt;

/** One line per frame whose judged arrival is not its stamp, and why, for a judgement's details. */
function stallNotes(frames: TimedFrame[]): string[] {
  return frames.flatMap((frame) => [
    ...(observedArrival(frame) < frame.arrivedAt
      ? [
          `the observer was stalled as frame ${frame.seq} came in: judged at the stall's start, ${Math.round(frame.arrivedAt - observedArrival(frame))} ms before its stamp`,
        ]
      : []),
    ...(frame.frozenMs
      ? [
          `the machine was frozen for ${Math.round(frame.frozenMs)} ms while frame ${frame.seq} was in flight (the run's sentinel could not run): taken off its lag`,
        ]
      : []),
  ]);
}

/**
 * For each frame judged late, where its time in flight went as far as the harness can tell: what the
 * observer's stall and the machine's freezes account for, and what is left for the path between.
 */
function lateFrameAccounts(frames: TimedFrame[], tolerance: number): string[] {
  return frames
    .filter((frame) => judgedLag(frame) > tolerance)
    .map(
      (frame) =>
        `frame ${frame.seq}: ${Math.round(frame.arrivedAt - frame.emittedAt)} ms from write to stamp; the observer's stall accounts for ${Math.round(frame.arrivedAt - observedArrival(frame))} ms, the machine's freezes for ${Math.round(frame.frozenMs ?? 0)} ms, ${Math.round(judgedLag(frame))} ms are the path's`,
    );
}

export interface Judgement {
  ok: boolean;
  /**
   * Set when the judge cannot judge at all: a schedule the controls did not calibrate, or a tolerance
   * so wide that a buffered stream would pass. The case is then a harness ERROR, never a PASS.
   */
  error?: boolean;
  /** One line a maintainer can act on: "10 frames arrived within 3 ms at t=10.02 s". */
  summary: string;
  details: string[];
  /** The frames judged, for the report's emission-vs-arrival chart. */
  chart?: FrameChart;
}

export interface FrameChart {
  startedAt: number;
  frames: TimedFrame[];
}

export interface CadenceExpectation extends Schedule {
  /** Overrides the tolerance floor (--timing-tolerance). */
  toleranceFloorMs?: number;
}

// Chosen so the reference target never flakes on a loaded 2-core machine (observed lag there: < 100 ms
// typical, 270 ms once with both cores busy), while buffering shows up as seconds.
const DEFAULT_FLOOR_MS = 400;
const TOLERANCE_RATIO = 0.35;

export function toleranceFor(intervalMs: number, floorMs = DEFAULT_FLOOR_MS): number {
  return Math.max(floorMs, TOLERANCE_RATIO * intervalMs);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Why a schedule cannot be judged, if it cannot: buffering delays the first frame by (count − 1) ×
 * interval, so a tolerance that wide would let a buffered stream pass; and only schedules the controls
 * ran are known to discriminate.
 */
export function unjudgeable(expected: CadenceExpectation): string | undefined {
  const tolerance = toleranceFor(expected.intervalMs, expected.toleranceFloorMs);
  const span = (expected.count - 1) * expected.intervalMs;
  if (tolerance >= span) {
    return `cannot judge ${scheduleName(expected)}: the tolerance (${Math.round(tolerance)} ms) is at least (count − 1) × interval = ${span} ms, so buffering would be invisible; lower --timing-tolerance`;
  }
  if (!isCalibrated(expected))
    return `cannot judge ${scheduleName(expected)}: the controls never ran this schedule (add it to harness/verdict/schedules.ts)`;
  return undefined;
}

function errorJudgement(reason: string, frames: TimedFrame[], startedAt: number): Judgement {
  return { ok: false, error: true, summary: reason, details: [reason], chart: { startedAt, frames } };
}

/**
 * Reads `{"seq":n,"emittedAt":ms}` frames; anything else is reported, not silently dropped. Each frame
 * carries how long the machine was frozen while it was in flight, by `frozenWithin`.
 */
export function toTimedFrames(
  frames: Array<{ data: string; arrivedAt: number; earliestArrivalAt?: number }>,
  frozenWithin: (from: number, to: number) => number = machineFrozenMs,
): {
  timed: TimedFrame[];
  malformed: string[];
} {
  const timed: TimedFrame[] = [];
  const malformed: string[] = [];
  for (const frame of frames) {
    try {
      const parsed = JSON.parse(frame.data) as { seq?: unknown; emittedAt?: unknown };
      if (typeof parsed.seq === 'number' && typeof parsed.emittedAt === 'number') {
        const { arrivedAt, earliestArrivalAt } = frame;
        const timedFrame: TimedFrame = {
          seq: parsed.seq,
          emittedAt: parsed.emittedAt,
          arrivedAt,
          ...(earliestArrivalAt !== undefined ? { earliestArrivalAt } : {}),
        };
        const frozenMs = frozenWithin(timedFrame.emittedAt, observedArrival(timedFrame));
        timed.push(frozenMs > 0 ? { ...timedFrame, frozenMs } : timedFrame);
        continue;
      }
    } catch {
      // falls through to malformed
    }
    malformed.push(frame.data.slice(0, 120));
  }
  return { timed, malformed };
}

/** Says what the arrival pattern looks like, so buffering is obvious from one line. */
export function describeArrivals(frames: TimedFrame[], startedAt: number): string {
  if (frames.length === 0) return 'no frames arrived';
  const first = frames[0]!;
  const last = frames[frames.length - 1]!;
  const spread = last.arrivedAt - first.arrivedAt;
  const emittedSpread = last.emittedAt - first.emittedAt;
  if (frames.length > 1 && spread < Math.max(50, emittedSpread * 0.05)) {
    return `${frames.length} frames arrived within ${Math.round(spread)} ms at t=${seconds(last.arrivedAt - startedAt)}, though written over ${seconds(emittedSpread)}`;
  }
  return `${frames.length} frames arrived over ${seconds(spread)} (written over ${seconds(emittedSpread)}), first at t=${seconds(first.arrivedAt - startedAt)}`;
}

export function judgeCadence(frames: TimedFrame[], expected: CadenceExpectation, startedAt: number): Judgement {
  const reason = unjudgeable(expected);
  if (reason) return errorJudgement(reason, frames, startedAt);
  const tolerance = toleranceFor(expected.intervalMs, expected.toleranceFloorMs);
  const details: string[] = [`tolerance ${Math.round(tolerance)} ms`, describeArrivals(frames, startedAt), ...stallNotes(frames)];
  const countProblems: string[] = [];
  const lagProblems: string[] = [];
  const gapProblems: string[] = [];
  if (frames.length !== expected.count) countProblems.push(`expected ${expected.count} frames, got ${frames.length}`);
  frames.forEach((frame, index) => {
    if (frame.seq !== index) countProblems.push(`frame ${index} has seq ${frame.seq}: frames lost or reordered`);
    const lag = judgedLag(frame);
    if (lag > tolerance) lagProblems.push(`frame ${frame.seq} arrived ${seconds(lag)} after it was written`);
    const next = frames[index + 1];
    if (next) {
      const drift = judgedArrival(next) - judgedArrival(frame) - (next.emittedAt - frame.emittedAt);
      if (Math.abs(drift) > tolerance) {
        gapProblems.push(
          `gap ${frame.seq}→${next.seq} arrived ${seconds(next.arrivedAt - frame.arrivedAt)} apart, written ${seconds(next.emittedAt - frame.emittedAt)} apart`,
        );
      }
    }
  });
  // Most telling first: lost frames, then a frame held back, then a distorted rhythm.
  const problems = [...countProblems, ...lagProblems, ...gapProblems];
  // Each late frame's account next to it: a CI log shows only a judgement's first lines.
  details.push(...countProblems, ...lagProblems, ...lateFrameAccounts(frames, tolerance), ...gapProblems);
  const chart = { startedAt, frames };
  if (problems.length === 0) return { ok: true, summary: details[1]!, details, chart };
  // Nothing arrived before the last write: the whole response was held back somewhere. Within the
  // tolerance, because writer and observer read different processes' clocks: a buffered stream's
  // first frame may seem to arrive a few ms before the last write. The tolerance is always less than
  // the span of the writes (unjudgeable refuses more), so a streamed frame 0 is never taken for it.
  const buffered = frames.length > 1 && frames[0]!.arrivedAt >= frames[frames.length - 1]!.emittedAt - tolerance;
  const summary = buffered
    ? `${describeArrivals(frames, startedAt)}: the stream was buffered`
    : `${problems[0]} (${describeArrivals(frames, startedAt)})`;
  return { ok: false, summary, details, chart };
}

/** Time to first frame is bounded by the first write, not by the end of the handler. */
export function judgeFirstFrame(frames: TimedFrame[], expected: CadenceExpectation, startedAt: number): Judgement {
  const reason = unjudgeable(expected);
  if (reason) return errorJudgement(reason, frames, startedAt);
  const tolerance = toleranceFor(expected.intervalMs, expected.toleranceFloorMs);
  const first = frames[0];
  const chart = { startedAt, frames };
  if (!first) return { ok: false, summary: 'no frame arrived', details: [], chart };
  const lastWrite = frames[frames.length - 1]!.emittedAt;
  const lag = judgedLag(first);
  const details = [
    `first frame written at t=${seconds(first.emittedAt - startedAt)}, arrived at t=${seconds(first.arrivedAt - startedAt)}`,
    `last frame written at t=${seconds(lastWrite - startedAt)}`,
    `tolerance ${Math.round(tolerance)} ms`,
    ...stallNotes([first]),
  ];
  if (lag <= tolerance && (frames.length === 1 || judgedArrival(first) < lastWrite)) {
    return { ok: true, summary: `first frame arrived ${Math.round(lag)} ms after it was written`, details, chart };
  }
  return {
    ok: false,
    summary: `first frame arrived at t=${seconds(first.arrivedAt - startedAt)}, ${seconds(lag)} after it was written; the handler's last write was at t=${seconds(lastWrite - startedAt)}`,
    details,
    chart,
  };
}
