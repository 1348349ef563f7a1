import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { FramesEvidence, SdkEvidence, TimelineEvidence } from './evidence.ts';
import { rowKey, type CaseRecord, type Report } from './model.ts';
import { judgedLag, toleranceFor } from '../verdict/cadence.ts';

/**
 * A recording: what one target did in each case, normalised so two runs can be diffed line by line.
 * Ids, dates and clock readings are masked; timings are kept only as relations (did a frame arrive as
 * it was written, or late); chunking, which the network decides, is left out. Recorded against AWS,
 * it is the evidence a spec clause marked inferred can be upgraded from; compared against another
 * target's run, it says where that target differs from what was recorded.
 */
export interface RecordedCase {
  case: string;
  target: string;
  targetVersion: string;
  verdict: string;
  observations: Observation[];
}

type Observation = Record<string, unknown> & { kind: string; name: string };

/** Headers whose values say nothing about behaviour: always different, or the transport's business. */
const VOLATILE_HEADERS = new Set([
  'date',
  'x-amzn-requestid',
  'x-amzn-trace-id',
  'x-amz-request-id',
  'connection',
  'keep-alive',
  'x-amzn-remapped-date',
  'via',
  'x-cache',
  'x-amz-cf-id',
  'x-amz-cf-pop',
  'apigw-requestid',
]);
/**
 * A frame is "as written" within LSC-TIMING-01's floor of lag, judged as the verdicts judge it (the
 * observer's stalls and the machine's freezes taken off); beyond it, "late". On the raw stamp, a run
 * whose every case passed could still differ from its own recording by one hiccup.
 */
const AS_WRITTEN_MS = toleranceFor(0);

export function mask(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/Root=1-[0-9a-f]{8}-[0-9a-f]{24}[^,;\s"]*/g, 'Root=<trace>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, '<date>')
    .replace(/"emittedAt":\s*[\d.]+/g, '"emittedAt":<time>')
    .replace(/(\/[\w.-]+)+\.(?:js|mjs|cjs|go|rs):\d+(?::\d+)?/g, '<source>')
    .replace(/\b1[6-9]\d{11}(?:\.\d+)?\b/g, '<time>');
}

function bodyOf(head: Buffer, totalBytes: number, sha256: string): string {
  // A head cut inside a line ends wherever the digits before it pushed it: keep whole lines only.
  const cut = head.length < totalBytes ? head.subarray(0, head.lastIndexOf(10) + 1) : head;
  const text = cut.toString('utf8');
  const printable = [...text].filter((c) => c >= ' ' || c === '\n' || c === '\r' || c === '\t').length;
  return text.length > 0 && printable / text.length > 0.95
    ? mask(text)
    : `${totalBytes} binary bytes, sha256 of the whole body ${sha256.slice(0, 16)}…`;
}

function timeline(e: TimelineEvidence): Observation {
  const headers = e.headers
    .filter(([name]) => !VOLATILE_HEADERS.has(name))
    .map(([name, value]) => `${name}: ${mask(value)}`)
    .sort();
  return {
    kind: 'http',
    name: e.name,
    status: e.status ?? null,
    headers,
    ...(e.trailers.length ? { trailers: e.trailers.map(([name, value]) => `${name}: ${mask(value)}`).sort() } : {}),
    ending: e.ending,
    body: bodyOf(Buffer.from(e.bodyHead, 'base64'), e.totalBytes, e.bodySha256),
  };
}

function frames(e: FramesEvidence): Observation {
  return {
    kind: 'frames',
    name: e.name,
    frames: e.frames.map((frame) => `${frame.seq}: ${judgedLag(frame) <= AS_WRITTEN_MS ? 'as written' : 'late'}`),
  };
}

function sdkCall(e: SdkEvidence): Observation {
  const fields = ['StatusCode', 'FunctionError', 'ExecutedVersion', 'ResponseStreamContentType'] as const;
  return {
    kind: 'sdk',
    name: e.name,
    operation: e.operation,
    ...Object.fromEntries(fields.filter((field) => e[field] !== undefined).map((field) => [field, e[field]])),
    ...(e.payloadHead !== undefined ? { payload: mask(e.payloadHead) } : {}),
    ...(e.InvokeComplete
      ? { InvokeComplete: Object.fromEntries(Object.entries(e.InvokeComplete).map(([k, v]) => [k, mask(String(v))])) }
      : {}),
    ...(e.eventsAfterComplete ? { eventsAfterComplete: e.eventsAfterComplete } : {}),
    ...(e.sdkError ? { sdkError: `${e.sdkError.name}: ${mask(e.sdkError.message)}` } : {}),
  };
}

export function recordCase(record: CaseRecord, targetVersion: string): RecordedCase {
  const observations = record.evidence.map((evidence) => {
    if (evidence.kind === 'timeline') return timeline(evidence as unknown as TimelineEvidence);
    if (evidence.kind === 'frames') return frames(evidence as unknown as FramesEvidence);
    return sdkCall(evidence as unknown as SdkEvidence);
  });
  return { case: rowKey(record), target: record.target, targetVersion, verdict: record.verdict, observations };
}

/** The judged cases of a report's one target (never the controls, which are the harness's own). */
export function recordReport(report: Report): RecordedCase[] {
  const judged = report.results.filter((r) => r.caseId && r.target !== 'controls' && !['UNSUPPORTED', 'SKIPPED'].includes(r.verdict));
  const version = (target: string) => report.runs.find((run) => run.target === target)?.targetVersion ?? 'unknown';
  return judged.map((record) => recordCase(record, version(record.target))).sort((a, b) => a.case.localeCompare(b.case));
}

const fileOf = (key: string) => `${key.replace(/ \[(\w+)\]$/, '.$1')}.yaml`;

/** One YAML file per case, so a recording diffs and reviews like code. The directory is replaced. */
export function writeRecording(dir: string, recorded: RecordedCase[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of recorded) writeFileSync(join(dir, fileOf(entry.case)), stringifyYaml(entry, { lineWidth: 0 }));
}

export function readRecording(dir: string): RecordedCase[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => parseYaml(readFileSync(join(dir, file), 'utf8')) as RecordedCase);
}

export interface Difference {
  case: string;
  lines: string[];
}

function flatten(value: unknown, path: string, into: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${key}` : key, into);
  } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    into.set(path, value.join(' | '));
  } else into.set(path, JSON.stringify(value));
}

const observationMap = (entry: RecordedCase) => {
  const flat = new Map<string, string>();
  for (const observation of entry.observations) flatten(observation, `${observation.kind} ${observation.name}`, flat);
  return flat;
};

/** Where `actual` differs from the recording: per case, one line per field, recorded → actual. */
export function compareRecordings(
  recorded: RecordedCase[],
  actual: RecordedCase[],
): { differences: Difference[]; missing: string[]; same: number } {
  const byCase = new Map(actual.map((entry) => [entry.case, entry]));
  const differences: Difference[] = [];
  const missing: string[] = [];
  let same = 0;
  for (const expected of recorded) {
    const other = byCase.get(expected.case);
    if (!other) {
      missing.push(expected.case);
      continue;
    }
    const want = observationMap(expected);
    const got = observationMap(other);
    const lines = [...new Set([...want.keys(), ...got.keys()])]
      .filter((key) => want.get(key) !== got.get(key))
      .map((key) => `${key}: ${want.get(key) ?? '(absent)'} → ${got.get(key) ?? '(absent)'}`);
    if (lines.length) differences.push({ case: expected.case, lines });
    else same++;
  }
  return { differences, missing, same };
}
