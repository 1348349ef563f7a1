/**
 * Every SSE schedule a timed case may be judged on. The controls run each one against a known
 * streaming and a known buffering origin before any target is judged, so a case's cadence verdict is
 * only ever given on a schedule the controls proved can tell the two apart; the judges refuse others.
 */
export interface Schedule {
  count: number;
  intervalMs: number;
}

export const schedules = {
  /** The original bug report: ten frames, one a second (SSE-001/002/003/006). */
  ticker: { count: 10, intervalMs: 1000 },
  /** Everything else that is timed: first frame, the invoke layer, concurrency, after a disconnect. */
  short: { count: 5, intervalMs: 1000 },
} as const satisfies Record<string, Schedule>;

/**
 * The schedules of a run that judges its own cases (a reproduction: its case file's, or the short one
 * when it times nothing), as `COUNTxINTERVAL` separated by commas. Unset, a run calibrates every
 * schedule the catalogue uses. Calibrating only what a run judges spares a one-case run the ten-second
 * controls of a schedule none of its cases use.
 */
export const SCHEDULES_ENV = 'LSC_SCHEDULES';

export const scheduleName = (schedule: Schedule) => `${schedule.count}×${schedule.intervalMs} ms`;
export const scheduleArgument = (schedule: Schedule) => `${schedule.count}x${schedule.intervalMs}`;

export function calibratedSchedules(): Schedule[] {
  const own = (process.env[SCHEDULES_ENV] ?? '')
    .split(',')
    .map((text) => /^(\d+)x(\d+(?:\.\d+)?)$/.exec(text.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ count: Number(match[1]), intervalMs: Number(match[2]) }));
  const all = own.length > 0 ? own : Object.values(schedules);
  return all.filter((schedule, index) => all.findIndex((other) => scheduleName(other) === scheduleName(schedule)) === index);
}

export function isCalibrated(schedule: Schedule): boolean {
  return calibratedSchedules().some((known) => scheduleName(known) === scheduleName(schedule));
}
