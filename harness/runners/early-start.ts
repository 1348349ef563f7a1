import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tiedPrefix } from './tied-process.ts';

/** What ./early-start.mjs leaves in the runner, and reads from the file the command line names. */
interface EarlyStart {
  command: string[];
  input: string;
  child: ChildProcess;
  failed: boolean;
}

const EARLY = Symbol.for('lsc.early-start');
export const EARLY_START_ENV = 'LSC_EARLY_START';
export const EARLY_START_PRELOAD = new URL('./early-start.mjs', import.meta.url).href;

/** The command line's side: the file the runner's preload reads, in the run's work dir; the process is tied to the runner. */
export function prepareEarlyStart(workDir: string, launch: { command: string[]; input: string }): string {
  const file = join(workDir, 'early-start.json');
  writeFileSync(file, JSON.stringify({ command: [...tiedPrefix(), ...launch.command], input: launch.input }));
  return file;
}

/**
 * The process the runner's preload started, if it runs the very command and input asked for; one
 * that differs or already ended is stopped, and the caller starts its own.
 */
export function takeEarlyStart(command: string[], input: string): ChildProcess | undefined {
  const holder = globalThis as { [EARLY]?: EarlyStart };
  const early = holder[EARLY];
  delete holder[EARLY];
  if (!early) return undefined;
  if (early.failed || JSON.stringify(early.command) !== JSON.stringify([...tiedPrefix(), ...command]) || early.input !== input) {
    early.child.kill('SIGKILL');
    return undefined;
  }
  return early.child;
}
