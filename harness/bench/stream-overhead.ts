/**
 * Benchmark, not a test: how much latency the reference emulator adds per chunk compared with a
 * streaming origin that writes straight to its socket, and how long the emulator takes from boot to
 * ready. Run with `npm run bench`; figures go in the README.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTemplate } from '../catalogue/template.ts';
import { observeSse } from '../observe/sse.ts';
import type { EndpointMap } from '../targets/endpoint-map.ts';
import { ReferenceTarget } from '../targets/reference.ts';
import { toTimedFrames } from '../verdict/cadence.ts';
import { observeHttp } from '../observe/wire.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FRAMES = 300;
const INTERVAL_MS = 20;
const BOOTS = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function spawnUntil(args: string[], ready: RegExp): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      if (ready.test(output)) resolve({ child, output });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

async function latencies(url: string): Promise<number[]> {
  const { frames } = await observeSse(url, { timeoutMs: FRAMES * INTERVAL_MS + 30_000 });
  const { timed } = toTimedFrames(frames);
  if (timed.length !== FRAMES) throw new Error(`expected ${FRAMES} frames from ${url}, got ${timed.length}`);
  return timed.map((frame) => frame.arrivedAt - frame.emittedAt);
}

function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Streams `megabytes` through the emulator while sampling the emulator process's resident memory. */
async function streamWithMemory(url: string, pid: number, megabytes: number): Promise<{ peakMb: number; seconds: number }> {
  let peakMb = rssMb(pid);
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, rssMb(pid));
  }, 20);
  const started = performance.now();
  const timeline = await observeHttp(`${url}?bytes=${megabytes * 1024 * 1024}`, { timeoutMs: 120_000, keepBytes: 0 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (timeline.totalBytes !== megabytes * 1024 * 1024) throw new Error(`short stream: ${timeline.totalBytes} bytes`);
  return { peakMb, seconds };
}

const format = (values: number[]) => `median ${percentile(values, 50).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'lsc-bench-'));
try {
  const control = await spawnUntil(['--import', 'tsx', 'harness/bench/control-origin-process.ts', String(FRAMES), String(INTERVAL_MS)], /http:\/\/\S+/);
  const controlUrl = control.output.trim();
  const controlLatency = await latencies(controlUrl);
  await stopChild(control.child, 'SIGTERM');

  const served = await spawnUntil(['bin/lsc.mjs', 'serve', '--endpoints-out', join(dir, 'endpoints.json')], /Ctrl-C stops it/);
  const map = JSON.parse(readFileSync(join(dir, 'endpoints.json'), 'utf8')) as EndpointMap;
  const tickerUrl = `${map.functions.SseTicker!.url!}?count=${FRAMES}&interval=${INTERVAL_MS}`;
  await latencies(tickerUrl); // warm the instance and the JIT once
  const emulatorLatency = await latencies(tickerUrl);
  const bigStream = map.functions.BigStream!.url!;
  const baselineMb = rssMb(served.child.pid!);
  const small = await streamWithMemory(bigStream, served.child.pid!, 25);
  const large = await streamWithMemory(bigStream, served.child.pid!, 200);
  await stopChild(served.child, 'SIGINT');

  const functions = loadTemplate(join(root, 'fixtures', 'template.yaml'));
  const bootTimes: number[] = [];
  for (let i = 0; i < BOOTS; i++) {
    const target = new ReferenceTarget();
    const started = performance.now();
    await target.boot(functions);
    bootTimes.push(performance.now() - started);
    await target.stop();
  }
  const cliBoots: number[] = [];
  for (let i = 0; i < BOOTS; i++) {
    const started = performance.now();
    const again = await spawnUntil(['bin/lsc.mjs', 'serve', '--endpoints-out', join(dir, `e${i}.json`)], /Ctrl-C stops it/);
    cliBoots.push(performance.now() - started);
    await stopChild(again.child, 'SIGINT');
  }

  const added = emulatorLatency.map((value, i) => value - (controlLatency[i] ?? 0));
  console.log(`frames: ${FRAMES} × ${INTERVAL_MS} ms, emission→arrival on loopback`);
  console.log(`streaming control (direct origin):  ${format(controlLatency)}`);
  console.log(`reference emulator (Function URL):  ${format(emulatorLatency)}`);
  console.log(`added by the emulator per chunk:    median ${(percentile(emulatorLatency, 50) - percentile(controlLatency, 50)).toFixed(2)} ms, p99 ${(percentile(emulatorLatency, 99) - percentile(controlLatency, 99)).toFixed(2)} ms (pairwise median ${percentile(added, 50).toFixed(2)} ms)`);
  console.log(`emulator RSS: idle ${baselineMb.toFixed(0)} MB, peak while streaming 25 MB ${small.peakMb.toFixed(0)} MB, peak while streaming 200 MB ${large.peakMb.toFixed(0)} MB`);
  console.log(`throughput on loopback (function → emulator → client): 25 MB in ${small.seconds.toFixed(2)} s, 200 MB in ${large.seconds.toFixed(2)} s (${(200 / large.seconds).toFixed(0)} MB/s)`);
  console.log(`boot to ready, in-process (${functions.length} functions, probe invoke included): median ${percentile(bootTimes, 50).toFixed(0)} ms, max ${Math.max(...bootTimes).toFixed(0)} ms`);
  console.log(`boot to ready, \`lsc serve\` from process start: median ${percentile(cliBoots, 50).toFixed(0)} ms, max ${Math.max(...cliBoots).toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
