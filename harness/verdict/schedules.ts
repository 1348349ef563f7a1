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

/** Extra schedules of this run (a reproduction's case file), as `COUNTxINTERVAL` separated by commas. */
export const EXTRA_SCHEDULES_ENV = 'LSC_EXTRA_SCHEDULES';

export const scheduleName = (schedule: Schedule) => `${schedule.count}×${schedule.intervalMs} ms`;

export function calibratedSchedules(): Schedule[] {
  const extra = (process.env[EXTRA_SCHEDULES_ENV] ?? '')
    .split(',')
    .map((text) => /^(\d+)x(\d+(?:\.\d+)?)$/.exec(text.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ count: Number(match[1]), intervalMs: Number(match[2]) }));
  const all = [...Object.values(schedules), ...extra];
  return all.filter((schedule, index) => all.findIndex((other) => scheduleName(other) === scheduleName(schedule)) === index);
}

export function isCalibrated(schedule: Schedule): boolean {
  return calibratedSchedules().some((known) => scheduleName(known) === scheduleName(schedule));
}
