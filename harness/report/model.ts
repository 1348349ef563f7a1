import { z } from 'zod';

/**
 * report.json: one record per target × case, with the verdict, the expectation it was held against,
 * and the evidence. Shards and runs against different targets merge into one report.
 */
export const verdicts = ['PASS', 'FAIL', 'NON_STRICT', 'UNSUPPORTED', 'ERROR', 'SKIPPED'] as const;
export type Verdict = (typeof verdicts)[number];

const evidenceSchema = z.looseObject({ kind: z.enum(['timeline', 'frames']), name: z.string() });

export const caseRecordSchema = z.object({
  target: z.string(),
  caseId: z.string().optional(),
  title: z.string(),
  clause: z.string().optional(),
  requirement: z.string().optional(),
  provenance: z.string().optional(),
  verdict: z.enum(verdicts),
  expected: z.object({ verdict: z.string(), note: z.string(), upstream: z.string().optional() }).optional(),
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
  runs: z.array(z.object({ target: z.string(), targetVersion: z.string(), shard: z.string().optional(), startedAt: z.string(), durationMs: z.number() })),
  globalErrors: z.array(z.string()),
  results: z.array(caseRecordSchema),
});

export type CaseRecord = z.infer<typeof caseRecordSchema>;
export type Report = z.infer<typeof reportSchema>;

/** Projects that hold no target verdicts: the harness's own tests. */
export const HARNESS_PROJECTS = new Set(['unit', 'selftest']);
