import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FullResult, Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';

export interface CaseResult {
  project: string;
  caseId?: string;
  title: string;
  /** expected: as the manifest says; unexpected: a failure or an unexpected pass; skipped: unsupported. */
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  status: TestResult['status'];
  expectedStatus: TestCase['expectedStatus'];
  harnessError: boolean;
  message?: string;
  durationMs: number;
}

export interface RunResults {
  cases: CaseResult[];
  globalErrors: string[];
  status: FullResult['status'];
}

const firstLine = (text: string | undefined) =>
  text?.replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((line) => line.trim().length > 0)?.trim().replace(/^Error: /, '');

/**
 * Writes the machine-readable results the command line turns into an exit code, and closes the
 * console output with one line per project and the plain `N passed, N failed` line CI reads.
 */
export default class SummaryReporter implements Reporter {
  private readonly results = new Map<TestCase, CaseResult>();
  private readonly globalErrors: string[] = [];

  constructor(private readonly options: { outputFile?: string } = {}) {}

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const message = firstLine(result.error?.message);
    this.results.set(test, {
      project: test.parent.project()?.name ?? '',
      caseId: test.annotations.find((annotation) => annotation.type === 'case')?.description,
      title: test.title,
      outcome: test.outcome(),
      status: result.status,
      expectedStatus: test.expectedStatus,
      harnessError: /HarnessError|ConfigError/.test(result.error?.message ?? '') || /HarnessError/.test(result.error?.stack ?? ''),
      message: result.status === 'skipped' ? test.annotations.find((a) => a.type === 'skip')?.description : message,
      durationMs: result.duration,
    });
  }

  onError(error: TestError): void {
    this.globalErrors.push(firstLine(error.message) ?? 'unknown error');
  }

  onEnd(result: FullResult): void {
    const cases = [...this.results.values()];
    const file = process.env.LSC_RESULTS_FILE ?? this.options.outputFile;
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ cases, globalErrors: this.globalErrors, status: result.status } satisfies RunResults, null, 2));
    }
    const projects = [...new Set(cases.map((c) => c.project))];
    console.log('');
    for (const project of projects) {
      const mine = cases.filter((c) => c.project === project);
      const bad = mine.filter((c) => c.outcome === 'unexpected');
      const skipped = mine.filter((c) => c.outcome === 'skipped').length;
      const ok = mine.length - bad.length - skipped;
      console.log(`${project}: ${ok} as expected, ${bad.length} unexpected${skipped ? `, ${skipped} unsupported or skipped` : ''}${bad.length ? ` (${bad.map((c) => c.caseId ?? c.title).join(', ')})` : ''}`);
      for (const c of bad) console.log(`  ${c.caseId ?? c.title}: ${c.message ?? (c.status === 'passed' ? 'passed, but the expectations manifest lists it as failing' : c.status)}`);
    }
    for (const error of this.globalErrors) console.log(`error: ${error}`);
    const failed = cases.filter((c) => c.outcome === 'unexpected').length + this.globalErrors.length;
    const skipped = cases.filter((c) => c.outcome === 'skipped').length;
    const passed = cases.length - failed - skipped + this.globalErrors.length;
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}
