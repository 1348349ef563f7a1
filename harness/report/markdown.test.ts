import { expect, test } from '@playwright/test';
import { renderMarkdown } from './markdown.ts';
import type { Report } from './model.ts';
import { record } from './record-fixture.ts';

const passingControl = record('controls', 'CONTROL-001', 'PASS');

/** A report of one run per named target, with the given results. */
const reportOf = (runs: Array<[string, string]>, results: Report['results']): Report => ({
  format: 'lsc-report/1',
  lscVersion: '0.0.0',
  generatedAt: '2026-01-01T00:00:00Z',
  runs: runs.map(([target, targetVersion]) => ({ target, targetVersion, startedAt: '', durationMs: 1 })),
  globalErrors: [],
  results,
});

test('a matrix of case × target, then one line per failure with its upstream link', () => {
  const report = reportOf(
    [
      ['good', 'g 1'],
      ['bad', 'b 2'],
    ],
    [
      passingControl,
      record('good', 'SSE-001', 'PASS'),
      record('bad', 'SSE-001', 'FAIL', { expected: { verdict: 'FAIL', note: 'buffered | whole', upstream: 'https://example.test/1' } }),
      record('good', 'INVOKE-001', 'PASS'),
      record('bad', 'INVOKE-001', 'UNSUPPORTED'),
      record('bad', 'IWRS-001', 'FAIL', { message: 'status: expected 200, received 404\nmore' }),
    ],
  );
  const lines = renderMarkdown(report).split('\n');
  expect(lines.slice(0, 5)).toEqual([
    '| Case | `good` | `bad` |',
    '|---|---|---|',
    '| `SSE-001` | pass | **FAIL** |',
    '| `INVOKE-001` | pass | – |',
    '| `IWRS-001` |  | **FAIL** |',
  ]);
  expect(lines).toContain('**good** (g 1): no failures');
  expect(lines).toContain('**bad** (b 2): 2 failing');
  expect(lines).toContain('- `SSE-001`: buffered \\| whole ([upstream](https://example.test/1))');
  expect(lines).toContain('- `IWRS-001`: status: expected 200, received 404');
});

test('with several runtimes, a runtime × target summary first, and rows named like manifests', () => {
  const report = reportOf(
    [['emu', 'e 1']],
    [
      passingControl,
      record('emu', 'SSE-001', 'PASS', { runtime: 'node' }),
      record('emu', 'SSE-001', 'FAIL', { runtime: 'go', message: 'buffered' }),
      record('emu', 'MODE-001', 'FAIL', { runtime: 'go', message: 'buffered' }),
    ],
  );
  const lines = renderMarkdown(report).split('\n');
  expect(lines.slice(0, 4)).toEqual(['| Runtime (cases passed / judged) | `emu` |', '|---|---|', '| node | 1 / 1 |', '| go | 0 / 2 |']);
  expect(lines).toContain('| `SSE-001 [go]` | **FAIL** |');
  expect(lines).toContain('- `MODE-001 [go]`: buffered');
});

test('a run whose controls failed says it is void, and shows no cell as a pass', () => {
  const report = reportOf(
    [['emu', 'e 1']],
    [
      record('controls', 'CONTROL-001', 'FAIL', { outcome: 'unexpected' }),
      record('emu', 'SSE-001', 'PASS'),
      record('emu', 'MODE-001', 'FAIL', { message: 'buffered' }),
    ],
  );
  const markdown = renderMarkdown(report);
  expect(markdown.split('\n')[0]).toMatch(/^\*\*This run is void:\*\* the controls failed/);
  expect(markdown).toContain('| `SSE-001` | void (pass) |');
  expect(markdown).toContain('**emu** (e 1): void');
  expect(markdown).not.toMatch(/\| pass \||no failures/);
});
