/**
 * When the whole machine could not run. The run's sentinel (machine-sentinel.mjs) records every
 * interval in which an idle process at the target's priority got no CPU; a frame in flight during
 * such an interval was delayed by it wherever it was (function, emulator, socket, observer), and no
 * target can be blamed for it. The judges take that time off a frame's lag, no more: a freeze of
 * 0.6 s cannot excuse a stream held back for seconds.
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { runEnv } from '../core/run-environment.ts';
import type { Stall } from './stalls.ts';

/** Milliseconds of `stalls` that fall within [from, to]. */
export function overlapMs(stalls: readonly Stall[], from: number, to: number): number {
  let total = 0;
  for (const stall of stalls) total += Math.max(0, Math.min(stall.to, to) - Math.max(stall.from, from));
  return total;
}

function parseMachineStalls(text: string): Stall[] {
  const stalls: Stall[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const { from, to } = JSON.parse(line) as Stall;
    if (typeof from === 'number' && typeof to === 'number' && to > from) stalls.push({ from, to });
  }
  return stalls;
}

let read = { file: '', bytes: 0, stalls: [] as Stall[] };

/** The sentinel's record so far; empty when the run has no sentinel (unit tests, a bench). */
export function machineStalls(file = process.env[runEnv.machineStalls]): Stall[] {
  if (!file) return [];
  if (read.file !== file) read = { file, bytes: 0, stalls: [] };
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return read.stalls; // no stall recorded yet
  }
  try {
    const size = fstatSync(fd).size;
    if (size > read.bytes) {
      const fresh = Buffer.alloc(size - read.bytes);
      readSync(fd, fresh, 0, fresh.length, read.bytes);
      // Only whole lines: the sentinel may be mid-append.
      const complete = fresh.lastIndexOf(0x0a) + 1;
      read.stalls.push(...parseMachineStalls(fresh.subarray(0, complete).toString('utf8')));
      read.bytes += complete;
    }
  } finally {
    closeSync(fd);
  }
  return read.stalls;
}

/** How long the machine was frozen within [from, to], by the run's sentinel. */
export const machineFrozenMs = (from: number, to: number): number => overlapMs(machineStalls(), from, to);
