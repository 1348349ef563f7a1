import { expect, test } from '@playwright/test';
import { faultLayer } from './attribution.ts';
import type { CaseRecord, Report } from './model.ts';
import { record } from './record-fixture.ts';
import { mergeReports } from './report-file.ts';
import { renderMarkdown } from './markdown.ts';

const report = (target: string, results: CaseRecord[]): Report => ({
  format: 'lsc-report/1',
  lscVersion: '0.0.0',
  generatedAt: '2026-01-01T00:00:00Z',
  runs: [{ target, targetVersion: target, startedAt: '', durationMs: 1 }],
  globalErrors: [],
  results: [record('controls', 'CONTROL-001', 'PASS'), ...results],
});

test('a failure is the container layer’s when only RIE fails it, the front’s when both layers do', () => {
  expect(faultLayer('FAIL', 'PASS')).toBe('container layer');
  expect(faultLayer('FAIL', 'NON_STRICT')).toBe('container layer');
  expect(faultLayer('FAIL', 'FAIL')).toBe('front');
  expect(faultLayer('INCONCLUSIVE', 'ERROR')).toBe('front');
  expect(faultLayer('PASS', 'FAIL')).toBe("lsc's container layer");
  expect(faultLayer('PASS', 'PASS')).toBeUndefined();
  // Without a verdict on both sides there is nothing to compare.
  expect(faultLayer('FAIL', 'UNSUPPORTED')).toBeUndefined();
  expect(faultLayer('SKIPPED', 'FAIL')).toBeUndefined();
});

test('merging sam over both layers attributes each failing cell; other targets and passing cells are left alone', () => {
  const merged = mergeReports([
    report('sam', [record('sam', 'SSE-001', 'FAIL'), record('sam', 'PRELUDE-001', 'FAIL'), record('sam', 'INVOKE-001', 'PASS')]),
    report('sam[runtime-api=lsc]', [
      record('sam[runtime-api=lsc]', 'SSE-001', 'PASS'),
      record('sam[runtime-api=lsc]', 'PRELUDE-001', 'FAIL'),
      record('sam[runtime-api=lsc]', 'INVOKE-001', 'PASS'),
    ]),
    report('cargo-lambda', [record('cargo-lambda', 'SSE-001', 'FAIL')]),
  ]);
  const fault = (target: string, caseId: string) => merged.results.find((r) => r.target === target && r.caseId === caseId)?.attribution;
  expect(fault('sam', 'SSE-001')).toMatch(/^container layer: .*RIE is at fault/);
  expect(fault('sam[runtime-api=lsc]', 'SSE-001')).toMatch(/^container layer:/);
  expect(fault('sam', 'PRELUDE-001')).toMatch(/^front: .*sam itself is at fault/);
  expect(fault('sam', 'INVOKE-001')).toBeUndefined();
  expect(fault('cargo-lambda', 'SSE-001')).toBeUndefined();
  expect(renderMarkdown(merged)).toContain('- `SSE-001`: FAIL — fault: container layer');
  // A merge of a merge recomputes rather than keeping what the inputs said.
  const alone = mergeReports([{ ...merged, results: merged.results.filter((r) => r.target === 'sam') }]);
  expect(alone.results.every((r) => r.attribution === undefined)).toBe(true);
});
