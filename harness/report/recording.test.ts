import { expect, test } from '@playwright/test';
import type { CaseRecord } from './model.ts';
import { recordCase } from './recording.ts';

const at = 1_800_000_000_000;

function sseRecord(frames: Array<{ seq: number; emittedAt: number; arrivedAt: number; earliestArrivalAt?: number; frozenMs?: number }>) {
  return {
    target: 'reference',
    caseId: 'SSE-001',
    title: 'SSE-001 frames arrive at the cadence they were written',
    verdict: 'PASS',
    evidence: [{ kind: 'frames', name: 'cadence', startedAt: at, frames }],
  } as unknown as CaseRecord;
}

test('a recording judges a frame late as the verdicts do, with the observer stalls and machine freezes taken off', () => {
  const recorded = recordCase(
    sseRecord([
      { seq: 0, emittedAt: at, arrivedAt: at + 20 },
      // 450 ms on the stamp, but the observer was stalled from 30 ms after the write: as written.
      { seq: 1, emittedAt: at + 1000, arrivedAt: at + 1450, earliestArrivalAt: at + 1030 },
      // 500 ms on the stamp, 300 of them the machine frozen: as written.
      { seq: 2, emittedAt: at + 2000, arrivedAt: at + 2500, frozenMs: 300 },
      // Held back with nothing to account for it: late.
      { seq: 3, emittedAt: at + 3000, arrivedAt: at + 3450 },
    ]),
    '1.0.0',
  );
  expect(recorded.observations).toEqual([
    { kind: 'frames', name: 'cadence', frames: ['0: as written', '1: as written', '2: as written', '3: late'] },
  ]);
});
