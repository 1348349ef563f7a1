import { z } from 'zod';
import { caseKey, cases } from '../cases/catalogue.ts';
import { LANGUAGES, type Language } from '../template/function-spec.ts';
import { allowsPass } from '../verdict/signature.ts';

/**
 * report.json: one record per target × case, with the verdict, the expectation it was held against,
 * and the evidence. Shards and runs against different targets merge into one report.
 */
/**
 * INCONCLUSIVE: the case's precondition (the normal path on the same target) did not hold, so its
 * real question was never asked. It is never a PASS.
 */
export const verdicts = ['PASS', 'FAIL', 'NON_STRICT', 'INCONCLUSIVE', 'UNSUPPORTED', 'ERROR', 'SKIPPED'] as const;
export type Verdict = (typeof verdicts)[number];

const evidenceSchema = z.looseObject({ kind: z.enum(['timeline', 'frames', 'sdk']), name: z.string() });

export const caseRecordSchema = z.object({
  target: z.string(),
  caseId: z.string().optional(),
  /** The runtime whose fixture functions the case ran on (node, go, rust); node in reports without it. */
  runtime: z.string().optional(),
  title: z.string(),
  /** docs/spec.md clause IDs the case checks. */
  clauses: z.array(z.string()).optional(),
  requirement: z.string().optional(),
  provenance: z.string().optional(),
  verdict: z.enum(verdicts),
  expected: z
    .object({
      verdict: z.union([z.string(), z.array(z.string())]),
      note: z.string(),
      signature: z.string().optional(),
      upstream: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .optional(),
  /** In a report of one front over both container layers: which layer a failure belongs to (report/attribution.ts). */
  attribution: z.string().optional(),
  /** Set when the case failed, but not the way its manifest entry describes: both messages. */
  mismatch: z.string().optional(),
  outcome: z.enum(['expected', 'unexpected', 'flaky', 'skipped']),
  message: z.string().optional(),
  details: z.string().optional(),
  durationMs: z.number(),
  observed: z.array(z.string()),
  evidence: z.array(evidenceSchema),
  logs: z.string().optional(),
});

export const reportSchema = z.object({
  format: z.literal('lsc-report/1'),
  lscVersion: z.string(),
  generatedAt: z.string(),
  runs: z.array(
    z.object({
      target: z.string(),
      targetVersion: z.string(),
      shard: z.string().optional(),
      startedAt: z.string(),
      durationMs: z.number(),
    }),
  ),
  globalErrors: z.array(z.string()),
  results: z.array(caseRecordSchema),
});

export type CaseRecord = z.infer<typeof caseRecordSchema>;
export type Report = z.infer<typeof reportSchema>;

/** Projects that hold no target verdicts: the harness's own tests. */
export const HARNESS_PROJECTS = new Set(['unit', 'selftest']);

/**
 * Why no verdict of a run holds, when its controls failed or never ran (the harness could not tell
 * streaming from buffering under that run's load); undefined when they all passed.
 */
export function controlsVoid(results: CaseRecord[]): string | undefined {
  const controls = results.filter((r) => r.target === 'controls');
  const failed = controls.filter((r) => r.outcome !== 'expected').map((r) => r.title);
  if (controls.length > 0 && failed.length === 0) return undefined;
  const which = controls.length === 0 ? 'did not run' : `failed (${failed.join('; ')})`;
  return `the controls ${which}: the harness could not tell streaming from buffering in this run, so no verdict of it is valid`;
}

/** Why the verdicts a report shows do not hold, when a target ran and its controls did not all pass. */
export const reportVoid = (report: Pick<Report, 'runs' | 'results'>): string | undefined =>
  report.runs.length > 0 ? controlsVoid(report.results) : undefined;

/**
 * A matrix row: the case in its runtime (`SSE-001`, `SSE-001 [go]`), as manifests name it, except for
 * the controls, which run once per calibrated schedule.
 */
export const rowKey = (record: Pick<CaseRecord, 'target' | 'caseId' | 'title' | 'runtime'>): string =>
  record.caseId && record.target !== 'controls' ? caseKey(record.caseId, (record.runtime ?? 'node') as Language) : record.title;

/**
 * A pass the manifest allowed without expecting it: the entry lists PASS among the verdicts the
 * target's own timing decides between (an intermittent case).
 */
export const intermittentPass = (record: Pick<CaseRecord, 'verdict' | 'expected'>): boolean =>
  record.verdict === 'PASS' && record.expected !== undefined && allowsPass(record.expected);

/** The verdicts a manifest entry allows, as one phrase: `FAIL`, or `FAIL or INCONCLUSIVE`. */
export const expectedVerdicts = (expected: NonNullable<CaseRecord['expected']>): string => [expected.verdict].flat().join(' or ');

/** A manifest entry's upstream reports, one or several. */
export const upstreamLinks = (expected: CaseRecord['expected']): string[] =>
  expected?.upstream === undefined ? [] : [expected.upstream].flat();

/** Matrix rows grouped by runtime (the controls, then node, go, rust), each group in catalogue order. */
export function orderedRows(
  records: Array<Pick<CaseRecord, 'target' | 'caseId' | 'title' | 'runtime'>>,
): Array<{ key: string; runtime: string }> {
  const order = new Map(cases.map((c, i) => [c.id, i]));
  const rows = new Map<string, { key: string; runtime: string; position: number }>();
  for (const record of records) {
    const key = rowKey(record);
    // The controls judge the harness, not a runtime: their rows come first, in a group of their own.
    const runtime = record.target === 'controls' ? 'controls' : (record.runtime ?? 'node');
    const group = runtime === 'controls' ? -1 : (LANGUAGES as readonly string[]).indexOf(runtime);
    const position = (group < 0 ? LANGUAGES.length : group) * 1e6 + (order.get(record.caseId ?? '') ?? 1e5);
    if (!rows.has(key)) rows.set(key, { key, runtime, position });
  }
  return [...rows.values()].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
}
