// Preloaded (--import) into Playwright's runner by `lsc run`: starts, as the runner's first act, the
// process the command line prepared (the reference emulator, with its input), while the runner loads
// Playwright and collects the cases, about a second on one core. The target that would have started
// it in global setup takes it over (./early-start.ts). It is still the runner's child, in the run's
// process group, at the priority the target always had, and tied to the runner like any other.
// Workers inherit the preload but not the variable, gone by the time they start: for them it does
// nothing. Plain JavaScript: no TypeScript loader runs yet.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const EARLY = Symbol.for('lsc.early-start');
const file = process.env.LSC_EARLY_START;

if (file) {
  delete process.env.LSC_EARLY_START;
  const { command, input } = JSON.parse(readFileSync(file, 'utf8'));
  const child = spawn(command[0], command.slice(1), { env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const started = { command, input, child, failed: false };
  // The taker starts its own instead, which then fails in the open, with its logs.
  child.on('error', () => (started.failed = true));
  child.on('exit', () => (started.failed = true));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  globalThis[EARLY] = started;
}
