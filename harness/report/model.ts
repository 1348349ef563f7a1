import { z } from 'zod';

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

const evidenceSchema = z.looseObject({ kind: z.enum(['timeline', 'frames']), name: z.string() });

export const caseRecordSchema = z.object({
  target: z.string(),
  caseId: z.string().optional(),
  title: z.string(),
  /** docs/spec.md clause IDs the case checks. */
  clauses: z.array(z.string()).optional(),
  requirement: z.string().optional(),
  provenance: z.string().optional(),
  verdict: z.enum(verdicts),
  expected: z
    .object({
      verdict: z.string(),
      note: z.string(),
      signature: z.string().optional(),
      upstream: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .optional(),
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

/** A matrix row: the case ID, except for the controls, which run once per calibrated schedule. */
export const rowKey = (record: Pick<CaseRecord, 'target' | 'caseId' | 'title'>): string =>
  record.caseId && record.target !== 'controls' ? record.caseId : record.title;

/** A manifest entry's upstream reports, one or several. */
export const upstreamLinks = (expected: CaseRecord['expected']): string[] =>
  expected?.upstream === undefined ? [] : [expected.upstream].flat();
