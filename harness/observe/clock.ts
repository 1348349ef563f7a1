/**
 * Epoch milliseconds with sub-millisecond resolution. Fixtures stamp frames with the same expression,
 * and a page uses it too, so emission and arrival are comparable across processes on one machine.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
