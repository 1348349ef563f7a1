import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { observeSse } from '../observe/sse.ts';
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
/**
 * Emission → arrival of each frame after the first, and of the first on its own: the first carries
 * the response's start (the runtime's /response request, the prelude, the head), which is time to
 * first byte, not the cost of passing one more chunk along an open stream.
 */
export async function latencies(url: string, expected: number, timeoutMs: number): Promise<{ lags: number[]; firstFrameMs: number }> {
  const { timeline, frames } = await observeSse(url, { timeoutMs });
  const { timed } = toTimedFrames(frames);
  if (timed.length !== expected)
    throw new Error(`expected ${expected} frames from ${url}, got ${timed.length} (status ${timeline.status})`);
  const lags = timed.map((frame) => frame.arrivedAt - frame.emittedAt);
  return { lags: lags.slice(1), firstFrameMs: lags[0]! };
}

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  firstFrameMs: number;
}

/**
 * The median over `runs` runs of each figure, for each URL, the URLs taking turns run by run so that
 * all of them meet the same machine (two cores vary by ±30 % over a minute). One run's p99 over 300
 * frames is its third-worst frame, which a single scheduling hiccup decides; the median of several
 * is what the hop does.
 */
export async function latencyFiguresInTurns(urls: string[], expected: number, timeoutMs: number, runs = 5): Promise<LatencyFigures[]> {
  const measured: Array<Array<{ lags: number[]; firstFrameMs: number }>> = urls.map(() => []);
  for (let i = 0; i < runs; i++)
    for (const [index, url] of urls.entries()) measured[index]!.push(await latencies(url, expected, timeoutMs));
  const median = (values: number[]) => percentile(values, 50);
  return measured.map((runsOfUrl) => ({
    p50Ms: median(runsOfUrl.map((run) => percentile(run.lags, 50))),
    p99Ms: median(runsOfUrl.map((run) => percentile(run.lags, 99))),
    firstFrameMs: median(runsOfUrl.map((run) => run.firstFrameMs)),
  }));
}

export async function latencyFigures(url: string, expected: number, timeoutMs: number, runs = 3): Promise<LatencyFigures> {
  return (await latencyFiguresInTurns([url], expected, timeoutMs, runs))[0]!;
}

/** The child of `parentPid` whose command line contains `marker` (the reference emulator under `lsc serve`). */
export function childPid(parentPid: number, marker: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === parentPid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Counts the bytes of one GET and drops them: a client that does nothing else, so on two cores the
 * throughput measured is the server's, not the client's (the suite's own observer timestamps and
 * hashes every chunk, which costs as much CPU as the hop being measured).
 */
function countBytes(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.once('end', () => resolve(bytes));
      response.once('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no end after ${timeoutMs} ms`)));
    request.once('error', reject);
  });
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
  const bytes = await countBytes(`${url}?bytes=${megabytes * 1024 * 1024}`, 120_000).finally(() => clearInterval(sampler));
  const seconds = (performance.now() - started) / 1000;
  if (bytes !== megabytes * 1024 * 1024) throw new Error(`short stream from ${url}: ${bytes} bytes`);
  return { peakMb, seconds, mbPerSecond: megabytes / seconds };
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
