import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { printSummary } from './lsc-reporter.ts';
import { updateManifest } from './manifest-update.ts';
import type { Report } from './model.ts';
import { record } from './record-fixture.ts';

const race = { verdict: ['FAIL', 'INCONCLUSIVE', 'PASS'], note: 'the target’s two timers race', signature: '^status 200$' };

const report: Report = {
  format: 'lsc-report/1',
  lscVersion: '0.0.0',
  generatedAt: '2026-01-01T00:00:00Z',
  runs: [{ target: 'emu', targetVersion: '1', startedAt: '', durationMs: 1 }],
  globalErrors: [],
  results: [
    record('controls', 'CONTROL-001', 'PASS'),
    record('emu', 'INVOKE-003', 'PASS', { expected: race }),
    record('emu', 'SDK-002', 'FAIL', { expected: race, message: 'status 200' }),
    record('emu', 'IWRS-001', 'PASS', {
      expected: { verdict: 'FAIL', note: 'no such route', signature: '^status 404$' },
      outcome: 'unexpected',
      observed: ['status 200'],
    }),
  ],
};

function summaryOf(of: Report): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    printSummary(of);
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

test('an intermittent pass is counted apart from the known failures, and an unexpected pass says what was observed', () => {
  const summary = summaryOf(report);
  expect(summary).toMatch(/^emu: 2 as expected, 1 unexpected, 1 known failures, 1 intermittent passes \(IWRS-001\)$/m);
  expect(summary).toMatch(/IWRS-001: passed, but the manifest expects FAIL: no such route \(observed: status 200\)/);
  expect(summary).toMatch(/^3 passed, 1 failed$/m);
  expect(renderHtml(report)).toContain('PASS (intermittent)');
  expect(renderJunit(report)).toMatch(
    /intermittent, passed this time: the manifest allows FAIL or INCONCLUSIVE or PASS: the target’s two timers race/,
  );
});

test('updating a manifest keeps an intermittent entry that passed and drops a plain one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsc-intermittent-'));
  const before = process.env.LSC_EXPECTATIONS_DIR;
  process.env.LSC_EXPECTATIONS_DIR = dir;
  try {
    writeFileSync(
      join(dir, 'emu.yaml'),
      `target: emu\ncases:\n  INVOKE-003:\n    verdict: [FAIL, INCONCLUSIVE, PASS]\n    note: races\n    signature: ^status 200$\n  IWRS-001:\n    verdict: FAIL\n    note: no such route\n    signature: ^status 404$\n`,
    );
    const { removed, kept } = updateManifest(dir, 'emu', report.results);
    expect(removed).toEqual(['IWRS-001']);
    expect(kept).toContain('INVOKE-003');
    expect(readFileSync(join(dir, 'emu.yaml'), 'utf8')).toMatch(
      /INVOKE-003:\n\s+verdict:\n\s+- FAIL\n\s+- INCONCLUSIVE\n\s+- PASS\n\s+note: races/,
    );
  } finally {
    if (before === undefined) delete process.env.LSC_EXPECTATIONS_DIR;
    else process.env.LSC_EXPECTATIONS_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
