import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SENTINEL = fileURLToPath(new URL('../observe/machine-sentinel.mjs', import.meta.url));

/**
 * Starts the run's machine sentinel, recording into `file`. Started before the harness lowers its own
 * priority, so it runs at the target's: its freezes are the ones the target sat through. It holds
 * this process's end of a pipe as its stdin and exits when that closes, so it cannot outlive the run,
 * however the run ends.
 */
export function startMachineSentinel(file: string): { stop: () => Promise<void> } {
  const child = spawn(process.execPath, [SENTINEL, file], { stdio: ['pipe', 'ignore', 'inherit'] });
  child.on('error', () => undefined); // a sentinel that cannot start leaves the record empty: no credit
  return {
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
