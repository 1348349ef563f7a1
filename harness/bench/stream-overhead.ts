/**
 * Benchmark, not a test: what the reference emulator adds per chunk compared with a streaming origin
 * that writes straight to its socket, its throughput against one plain Node proxy hop (the floor,
 * measured in the same run), its memory while streaming, and its boot time. `npm run bench` prints
 * the figures; `npm run bench -- --json` prints them as one JSON object for a CI job to track.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate } from '../template/template.ts';
import { prepareFunctions } from '../runtimes/prepare.ts';
import type { EndpointMap } from '../targets/endpoint-map.ts';
import { ReferenceTarget } from '../targets/reference.ts';
import {
  childPid,
  latencies,
  latencyFiguresInTurns,
  percentile,
  root,
  round,
  rssMb,
  spawnUntil,
  stopChild,
  streamWithMemory,
  type LatencyFigures,
} from './measure.ts';

const FRAMES = 300;
const INTERVAL_MS = 20;
const BOOTS = 5;
const THROUGHPUT_MB = 200;
const LATENCY_RUNS = 5;
const THROUGHPUT_RUNS = 5;
const json = process.argv.includes('--json');
const say = (line: string) => {
  if (!json) console.log(line);
};

/** The floor: origin → one plain Node proxy → client, each a process of its own. */
async function startProxyFloor(): Promise<{ url: string; stop: () => Promise<void> }> {
  const origin = await spawnUntil(['--import', 'tsx', 'harness/bench/byte-origin-process.ts'], /http:\/\/\S+/);
  const proxy = await spawnUntil(['--import', 'tsx', 'harness/bench/plain-proxy-process.ts', origin.output.trim()], /http:\/\/\S+/);
  return {
    url: proxy.output.trim(),
    stop: async () => {
      await stopChild(proxy.child, 'SIGTERM');
      await stopChild(origin.child, 'SIGTERM');
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'lsc-bench-'));
try {
  const timeoutMs = FRAMES * INTERVAL_MS + 30_000;
  const control = await spawnUntil(
    ['--import', 'tsx', 'harness/bench/control-origin-process.ts', String(FRAMES), String(INTERVAL_MS)],
    /http:\/\/\S+/,
  );
  const floor = await startProxyFloor();
  const served = await spawnUntil(['bin/lsc.mjs', 'serve', '--endpoints-out', join(dir, 'endpoints.json')], /Ctrl-C stops it/);
  // The emulator runs in a process of its own, a child of `lsc serve`.
  const pid = childPid(served.child.pid ?? 0, 'reference-process') ?? 0;
  if (!pid) throw new Error('the reference emulator process under lsc serve was not found');
  const map = JSON.parse(readFileSync(join(dir, 'endpoints.json'), 'utf8')) as EndpointMap;
  const controlUrl = control.output.trim();
  const tickerUrl = `${map.functions.SseTicker?.url}?count=${FRAMES}&interval=${INTERVAL_MS}`;
  const bigStream = `${map.functions.BigStream?.url}`;
  const idleMb = rssMb(pid);
  const small = await streamWithMemory(bigStream, pid, 25);
  await streamWithMemory(floor.url, undefined, 25); // the floor's JIT warmed as the emulator's was
  // First, on fresh processes: measured after the latency runs, the emulator's best fell to about 0.75
  // of the floor's in this bench, though not in a script that ran the same streams in the same order
  // (README, "Where the time goes"). Floor and emulator take turns, so both meet the same machine; the
  // best of each.
  const throughputRuns = [];
  const floorRuns: number[] = [];
  for (let i = 0; i < THROUGHPUT_RUNS; i++) {
    floorRuns.push((await streamWithMemory(floor.url, undefined, THROUGHPUT_MB)).mbPerSecond);
    throughputRuns.push(await streamWithMemory(bigStream, pid, THROUGHPUT_MB));
  }
  const floorMbPerSecond = Math.max(...floorRuns);
  const large = throughputRuns.reduce((best, run) => (run.mbPerSecond > best.mbPerSecond ? run : best));
  // Each path warmed once (its JIT, the function instance), then the two take turns.
  for (const url of [controlUrl, tickerUrl]) await latencies(url, FRAMES, timeoutMs);
  const [controlRun, emulatorRun] = (await latencyFiguresInTurns([controlUrl, tickerUrl], FRAMES, timeoutMs, LATENCY_RUNS)) as [
    LatencyFigures,
    LatencyFigures,
  ];

  await stopChild(control.child, 'SIGTERM');
  await floor.stop();
  await stopChild(served.child, 'SIGINT');

  // The bench measures the emulator's own hop with the Node fixtures; runtimes do not change that hop.
  const functions = prepareFunctions(loadTemplate(join(root, 'fixtures', 'template.yaml')), ['node']);
  // Boot of the target alone: the emulator's process started, its instances warm, the probe answered.
  const bootTimes: number[] = [];
  for (let i = 0; i < BOOTS; i++) {
    const target = new ReferenceTarget();
    const started = performance.now();
    await target.boot(functions);
    bootTimes.push(performance.now() - started);
    await target.stop();
  }
  const serveBoots: number[] = [];
  for (let i = 0; i < BOOTS; i++) {
    const started = performance.now();
    const again = await spawnUntil(['bin/lsc.mjs', 'serve', '--endpoints-out', join(dir, `e${i}.json`)], /Ctrl-C stops it/);
    serveBoots.push(performance.now() - started);
    await stopChild(again.child, 'SIGINT');
  }

  const figures = {
    frames: FRAMES,
    intervalMs: INTERVAL_MS,
    controlP50Ms: round(controlRun.p50Ms),
    controlP99Ms: round(controlRun.p99Ms),
    emulatorP50Ms: round(emulatorRun.p50Ms),
    emulatorP99Ms: round(emulatorRun.p99Ms),
    addedP50Ms: round(emulatorRun.p50Ms - controlRun.p50Ms),
    addedP99Ms: round(emulatorRun.p99Ms - controlRun.p99Ms),
    controlFirstFrameMs: round(controlRun.firstFrameMs),
    emulatorFirstFrameMs: round(emulatorRun.firstFrameMs),
    addedFirstFrameMs: round(emulatorRun.firstFrameMs - controlRun.firstFrameMs),
    throughputMBps: round(large.mbPerSecond, 0),
    proxyFloorMBps: round(floorMbPerSecond, 0),
    throughputRatio: round(large.mbPerSecond / floorMbPerSecond),
    throughputRunsMBps: throughputRuns.map((run) => round(run.mbPerSecond, 0)),
    proxyFloorRunsMBps: floorRuns.map((run) => round(run, 0)),
    rssIdleMb: round(idleMb, 0),
    rssPeak25MbStreamMb: round(small.peakMb, 0),
    rssPeak200MbStreamMb: round(large.peakMb, 0),
    bootTargetMs: round(percentile(bootTimes, 50), 0),
    bootServeMs: round(percentile(serveBoots, 50), 0),
  };
  if (json) {
    console.log(JSON.stringify(figures));
  } else {
    say(`frames: ${FRAMES} × ${INTERVAL_MS} ms, emission→arrival on loopback`);
    say(`streaming control (direct origin):  median ${figures.controlP50Ms} ms, p99 ${figures.controlP99Ms} ms`);
    say(`reference emulator (Function URL):  median ${figures.emulatorP50Ms} ms, p99 ${figures.emulatorP99Ms} ms`);
    say(`added by the emulator per chunk:    median ${figures.addedP50Ms} ms, p99 ${figures.addedP99Ms} ms (frames after the first)`);
    say(
      `first frame, emission→arrival:      control ${figures.controlFirstFrameMs} ms, emulator ${figures.emulatorFirstFrameMs} ms (the response's start: /response, prelude, head)`,
    );
    say(
      `throughput, ${THROUGHPUT_MB} MB function → emulator → client: ${figures.throughputMBps} MB/s; one plain Node proxy hop: ${figures.proxyFloorMBps} MB/s; ratio ${figures.throughputRatio}`,
    );
    say(
      `emulator RSS: idle ${figures.rssIdleMb} MB, peak while streaming 25 MB ${figures.rssPeak25MbStreamMb} MB, 200 MB ${figures.rssPeak200MbStreamMb} MB`,
    );
    say(
      `boot to ready (${functions.length} functions, probe included): target ${figures.bootTargetMs} ms, \`lsc serve\` from process start ${figures.bootServeMs} ms (medians of ${BOOTS})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
