import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { observeSse } from '../observe/sse.ts';
import { observeHttp } from '../observe/wire.ts';
import { toTimedFrames } from '../verdict/cadence.ts';

/** What the benchmarks share: processes of their own, latencies per frame, throughput, resident memory. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Starts a Node process and resolves once its stdout matches `ready` (bounded: it fails when the process exits first). */
export function spawnUntil(args: string[], ready: RegExp): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      if (ready.test(output)) resolve({ child, output });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Emission → arrival of each timed frame, in ms; `expected` frames must all arrive. */
export async function latencies(url: string, expected: number, timeoutMs: number): Promise<{ lags: number[]; firstByteMs: number }> {
  const { timeline, frames } = await observeSse(url, { timeoutMs });
  const { timed } = toTimedFrames(frames);
  if (timed.length !== expected)
    throw new Error(`expected ${expected} frames from ${url}, got ${timed.length} (status ${timeline.status})`);
  const firstByte = timeline.chunks[0]?.at ?? timeline.endedAt;
  return { lags: timed.map((frame) => frame.arrivedAt - frame.emittedAt), firstByteMs: firstByte - timeline.requestStartedAt };
}

export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Streams `megabytes` from `url?bytes=` while sampling `pid`'s resident memory; the client keeps no bytes. */
export async function streamWithMemory(
  url: string,
  pid: number | undefined,
  megabytes: number,
): Promise<{ peakMb: number; seconds: number; mbPerSecond: number }> {
  let peakMb = pid ? rssMb(pid) : 0;
  const sampler = setInterval(() => {
    if (pid) peakMb = Math.max(peakMb, rssMb(pid));
  }, 20);
  const started = performance.now();
  const timeline = await observeHttp(`${url}?bytes=${megabytes * 1024 * 1024}`, { timeoutMs: 120_000, keepBytes: 0 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (timeline.totalBytes !== megabytes * 1024 * 1024) throw new Error(`short stream from ${url}: ${timeline.totalBytes} bytes`);
  return { peakMb, seconds, mbPerSecond: megabytes / seconds };
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
