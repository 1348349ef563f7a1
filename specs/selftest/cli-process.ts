import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';

export const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const lsc = join(root, 'bin', 'lsc.mjs');

/** The environment of the outer run, minus what would leak its own booted target into a nested one. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(LSC_|PW_|PLAYWRIGHT_|TEST_)/.test(key)) delete env[key];
  // The self-tests judge the harness, which the Node fixtures show as well as any; the runtimes are
  // judged by the reference project and the real-target self-tests, which ask for all of them.
  return { ...env, FORCE_COLOR: '0', LSC_RUNTIMES: 'node', ...extra };
}

export interface Finished {
  code: number | null;
  output: string;
}

export function runLsc(args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [lsc, ...args], { cwd: root, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lsc ${args.join(' ')} did not finish in ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * A whole run whose question is a target's verdicts. A run whose controls failed is void (exit 2):
 * the harness could not tell streaming from buffering under that moment's load, so it said nothing
 * about the target, right or wrong. Such a run is taken once more, and the test says so; a second
 * void run is returned as it is and fails the test. A run that answered is never taken again.
 */
export async function runJudgedLsc(args: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  const first = await runLsc(args, options);
  const voided = first.code === 2 ? /^\s*(?:error|lsc): (the controls failed .*)$/m.exec(first.output)?.[1] : undefined;
  if (!voided) return first;
  const description = `lsc ${args.join(' ')}: ${voided}`;
  test.info().annotations.push({ type: 'run taken again', description });
  // In the log as well, where a CI run is read: a second take that passed is worth knowing about.
  console.log(`run taken again: ${description}`);
  return runLsc(args, options);
}

/** Starts a long-running lsc command and resolves once its output matches `ready`. */
export function startLsc(
  args: string[],
  ready: RegExp,
  timeoutMs: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [lsc, ...args], { cwd: root, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`lsc ${args.join(' ')} was not ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (data: Buffer) => {
      output += data.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`lsc ${args.join(' ')} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Every process below `pid`, from /proc: what a run started and must not leave behind. */
export function descendants(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** What each process is, for a message that names the ones left behind. */
export function described(pids: number[]): string {
  return pids
    .map((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim().slice(0, 200);
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
        return `${pid} [${state}] ${command}`;
      } catch {
        return `${pid} (gone)`;
      }
    })
    .join('\n');
}

export function alive(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return !/\) Z /.test(stat);
    } catch {
      return false;
    }
  });
}

/**
 * A nested run's output with what went wrong first: each project's line that counts unexpected
 * results, the lines that name them, and the closing count. A CI log that keeps only the head of a
 * failure message still says which case failed and why.
 */
export function withHeadline(output: string): string {
  const lines = output.split('\n');
  const headline: string[] = [];
  lines.forEach((line, index) => {
    if (!/: \d+ as expected, [1-9]\d* unexpected/.test(line)) return;
    headline.push(line);
    for (const reason of lines.slice(index + 1)) {
      if (!/^\s+\S/.test(reason)) break;
      headline.push(reason);
    }
  });
  const closing = [...lines].reverse().find((line) => /^\d+ passed, \d+ failed$/.test(line));
  if (closing) headline.push(closing);
  return headline.length ? `${headline.join('\n')}\n\n${output}` : output;
}
