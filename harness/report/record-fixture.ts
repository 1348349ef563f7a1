import type { CaseRecord } from './model.ts';

/** A case record with only what a report test cares about, for the report's own tests. */
export const record = (target: string, caseId: string, verdict: CaseRecord['verdict'], extra: Partial<CaseRecord> = {}): CaseRecord => ({
  target,
  caseId,
  title: caseId,
  verdict,
  outcome: 'expected',
  durationMs: 1,
  observed: [],
  evidence: [],
  ...extra,
});
