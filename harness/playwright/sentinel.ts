import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tiedPrefix } from '../runners/tied-process.ts';

const SENTINEL = fileURLToPath(new URL('../observe/machine-sentinel.mjs', import.meta.url));

/**
 * Starts the run's machine sentinel, recording into `file`. Started before the harness lowers its own
 * priority, so it runs at the target's: its freezes are the ones the target sat through.
 */
export function startMachineSentinel(file: string): { stop: () => Promise<void> } {
  const [program, ...args] = [...tiedPrefix(), process.execPath, SENTINEL, file];
  const child: ChildProcess = spawn(program!, args, { stdio: ['pipe', 'ignore', 'inherit'] });
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
