/**
 * Benchmark, not a test: the same SSE ticker (300 frames 20 ms apart, its prelude listing every field
 * so no target refuses it) through every target that can run here, in one run, against the streaming
 * control: per-chunk added latency and the first frame's emission → arrival. A target whose Function
 * URL buffers or refuses the stream says so instead of a figure. `npm run bench:targets [-- --json]`.
 */
import { join } from 'node:path';
import { loadTemplate } from '../template/template.ts';
import { prepareFunctions } from '../runtimes/prepare.ts';
import { createTarget } from '../targets/registry.ts';
import { latencies, latencyFigures, root, round, spawnUntil, stopChild } from './measure.ts';

const FRAMES = 300;
const INTERVAL_MS = 20;
const TARGETS = ['reference', 'cargo-lambda', 'sam'];
const json = process.argv.includes('--json');

interface Row {
  target: string;
  version?: string;
  /** Why there is no figure: the target cannot run here, has no Function URL, or does not stream. */
  outcome?: string;
  perChunkP50Ms?: number;
  perChunkP99Ms?: number;
  addedP50Ms?: number;
  addedP99Ms?: number;
  firstFrameMs?: number;
  addedFirstFrameMs?: number;
}

const timeoutMs = FRAMES * INTERVAL_MS + 30_000;
const control = await spawnUntil(
  ['--import', 'tsx', 'harness/bench/control-origin-process.ts', String(FRAMES), String(INTERVAL_MS)],
  /http:\/\/\S+/,
);
await latencies(control.output.trim(), FRAMES, timeoutMs); // warm the JIT once
const controlRun = await latencyFigures(control.output.trim(), FRAMES, timeoutMs);
await stopChild(control.child, 'SIGTERM');

// The bench measures the emulators' own hop with the Node fixtures; runtimes do not change that hop.
const functions = prepareFunctions(loadTemplate(join(root, 'fixtures', 'template.yaml')), ['node']);
const rows: Row[] = [];
for (const name of TARGETS) {
  const target = createTarget(name);
  const missing = target.missing();
  if (missing) {
    rows.push({ target: name, outcome: `cannot run here: ${missing}` });
    continue;
  }
  try {
    const map = await target.boot(functions);
    const row: Row = { target: name, version: await target.version() };
    const base = map.functions.SseTicker?.url;
    if (!base) {
      rows.push({ ...row, outcome: 'no Function URL' });
      continue;
    }
    const url = `${base}?count=${FRAMES}&interval=${INTERVAL_MS}&mode=full-prelude`;
    try {
      await latencies(url, FRAMES, timeoutMs); // warm the instance and the JIT once
      const run = await latencyFigures(url, FRAMES, timeoutMs);
      // A buffered stream delivers its first frame only when the handler ends.
      if (run.firstFrameMs > (FRAMES / 2) * INTERVAL_MS) {
        rows.push({ ...row, outcome: `buffered: the first frame arrived ${round(run.firstFrameMs / 1000)} s after it was written` });
        continue;
      }
      rows.push({
        ...row,
        perChunkP50Ms: round(run.p50Ms),
        perChunkP99Ms: round(run.p99Ms),
        addedP50Ms: round(run.p50Ms - controlRun.p50Ms),
        addedP99Ms: round(run.p99Ms - controlRun.p99Ms),
        firstFrameMs: round(run.firstFrameMs),
        addedFirstFrameMs: round(run.firstFrameMs - controlRun.firstFrameMs),
      });
    } catch (error) {
      rows.push({ ...row, outcome: `does not stream: ${(error as Error).message.split('\n')[0]}` });
    }
  } finally {
    await target.stop();
  }
}

const controlFigures = {
  perChunkP50Ms: round(controlRun.p50Ms),
  perChunkP99Ms: round(controlRun.p99Ms),
  firstFrameMs: round(controlRun.firstFrameMs),
};
if (json) {
  console.log(JSON.stringify({ frames: FRAMES, intervalMs: INTERVAL_MS, control: controlFigures, targets: rows }));
} else {
  console.log(
    `${FRAMES} frames × ${INTERVAL_MS} ms; streaming control: per chunk median ${controlFigures.perChunkP50Ms} ms, p99 ${controlFigures.perChunkP99Ms} ms, first frame ${controlFigures.firstFrameMs} ms`,
  );
  console.log('| Target | added per chunk, median | added per chunk, p99 | first frame (added) |');
  console.log('|---|---|---|---|');
  for (const row of rows) {
    if (row.outcome) console.log(`| \`${row.target}\` | ${row.outcome} | | |`);
    else
      console.log(
        `| \`${row.target}\` | ${row.addedP50Ms} ms | ${row.addedP99Ms} ms | ${row.firstFrameMs} ms (${row.addedFirstFrameMs} ms) |`,
      );
  }
}
