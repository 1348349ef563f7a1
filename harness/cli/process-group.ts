import { existsSync, readdirSync, readFileSync } from 'node:fs';

const POLL_MS = 50;

/**
 * Whether a process of group `pgid` still runs. A zombie does not count: it holds nothing and is
 * its new parent's to reap. Read from /proc where there is one; elsewhere signal 0 answers for the
 * group, zombies included (launchd reaps orphans at once).
 */
export function groupRunning(pgid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the command's closing parenthesis: state, ppid, pgrp.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    } catch {
      // it ended while we looked
    }
  }
  return false;
}

/** Resolves true once no process of the group runs, false if one still does after `withinMs`. */
export async function groupEnded(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  // Polled: the kernel tells a parent of its children's exits, not anyone of a group's.
  while (groupRunning(pgid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

/** Sends `signal` to every process of the group that is still there; a group already gone is fine. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  if (!groupRunning(pgid)) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    // the last of them ended in between
  }
}

/**
 * Waits up to `graceMs` for the group to end by itself, then kills what is left and waits for that.
 * Playwright's runner can exit before its workers, which then tear down their fixtures for up to
 * 30 s; the run is not over, nor its work dir free to remove, until they are gone too.
 */
export async function endGroup(pgid: number, graceMs: number): Promise<void> {
  if (await groupEnded(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  await groupEnded(pgid, 5_000);
}
