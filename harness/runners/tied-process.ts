import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { HarnessError } from '../core/errors.ts';
import type { LogBuffer } from '../core/log-buffer.ts';
import { findSetpriv } from '../core/tools.ts';

/** `setpriv --pdeathsig SIGKILL --`: the kernel kills what follows when its parent dies, so a crash of the harness orphans nothing. */
export function tiedPrefix(): string[] {
  const setpriv = findSetpriv();
  if (!setpriv.path) throw new HarnessError(setpriv.missing!);
  return [setpriv.path, '--pdeathsig', 'SIGKILL', '--'];
}

/** How an emulator process's output reaches the target's logs, or its protocol handler. */
export interface TiedOutput {
  logs: LogBuffer;
  source: string;
  origin?: 'emulator' | 'function';
  onLine?: (line: string) => void;
}

/**
 * Starts an emulator process tied to the harness, its output going to the target's logs under
 * `source`. A process that speaks a protocol on stdout (the reference emulator's JSON lines) gets
 * `input` on stdin and hands its stdout lines to `onLine` instead.
 */
export function spawnTied(command: string[], options: TiedOutput & { cwd?: string; env: NodeJS.ProcessEnv; input?: string }): ChildProcess {
  const [program, ...args] = [...tiedPrefix(), ...command];
  const stdin = options.input === undefined ? 'ignore' : 'pipe';
  const child = spawn(program!, args, { cwd: options.cwd, env: options.env, stdio: [stdin, 'pipe', 'pipe'] });
  if (options.input !== undefined) child.stdin!.end(options.input);
  attachTied(child, command[0]!, options);
  return child;
}

/** Wires a tied process's output to the target, whoever started it (a process started early is taken over so). */
export function attachTied(child: ChildProcess, program: string, options: TiedOutput): void {
  if (options.onLine) createInterface({ input: child.stdout! }).on('line', options.onLine);
  else child.stdout?.on('data', (data: Buffer) => options.logs.add(options.source, data.toString('utf8'), options.origin));
  child.stderr?.on('data', (data: Buffer) => options.logs.add(options.source, data.toString('utf8'), options.origin));
  child.on('exit', (code, signal) => options.logs.add(options.source, `exited (code ${code}, signal ${signal})`));
  // Without a listener a failed spawn (a missing working directory) would crash the harness.
  child.on('error', (error) => options.logs.add(options.source, `could not run ${program}: ${error.message}`));
}

/** Kills and waits for each process; already-exited ones are fine. */
export async function killAll(children: ChildProcess[], signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill(signal);
        }),
    ),
  );
}

/**
 * Rejects as soon as one of the processes exits (a taken port, a bad flag), so a boot fails at once
 * with the cause in the logs instead of waiting out its readiness timeout; `cancel` then stops the
 * readiness polls still running. Dispose once booted.
 */
export function failOnExit(children: Array<{ child: ChildProcess; name: string; lastWords?: () => string }>): {
  failed: Promise<never>;
  cancel: AbortSignal;
  dispose: () => void;
} {
  const listeners: Array<() => void> = [];
  const controller = new AbortController();
  const failed = new Promise<never>((_resolve, reject) => {
    for (const { child, name, lastWords } of children) {
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        controller.abort();
        const said = lastWords?.();
        reject(
          new HarnessError(`${name} exited while booting (code ${code}, signal ${signal})${said ? `; its last lines:\n${said}` : ''}`),
        );
      };
      const onError = (error: Error) => {
        controller.abort();
        reject(new HarnessError(`${name} could not start: ${error.message}`));
      };
      child.once('exit', onExit);
      child.once('error', onError);
      listeners.push(
        () => child.off('exit', onExit),
        () => child.off('error', onError),
      );
    }
  });
  failed.catch(() => undefined); // observed through Promise.race; never an unhandled rejection
  return { failed, cancel: controller.signal, dispose: () => listeners.forEach((remove) => remove()) };
}
