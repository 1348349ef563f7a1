import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { runEnv, selectedTarget } from '../core/run-environment.ts';
import { EVIDENCE_CONTENT_TYPE } from './evidence.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { failureLine, stripAnsi } from '../verdict/failure-line.ts';
import { INCONCLUSIVE } from './verdict-annotations.ts';
import {
  controlsVoid,
  expectedVerdicts,
  HARNESS_PROJECTS,
  intermittentPass,
  rowKey,
  type CaseRecord,
  type Report,
  type Verdict,
} from './model.ts';

function annotation(test: TestCase, result: TestResult | undefined, type: string): string | undefined {
  return [...test.annotations, ...(result?.annotations ?? [])].find((a) => a.type === type)?.description;
}

function verdictOf(test: TestCase, result: TestResult, harnessError: boolean, expected?: string | string[]): Verdict {
  if (result.status === 'skipped')
    return /UNSUPPORTED/.test(annotation(test, result, 'skip') ?? '') || annotation(test, result, 'verdict') === 'UNSUPPORTED'
      ? 'UNSUPPORTED'
      : 'SKIPPED';
  if (harnessError) return 'ERROR';
  if (result.status === 'passed') return 'PASS';
  if (annotation(test, result, 'verdict') === INCONCLUSIVE) return 'INCONCLUSIVE';
  return expected === 'NON_STRICT' ? 'NON_STRICT' : 'FAIL';
}

function parseExpected(text: string | undefined): CaseRecord['expected'] {
  return text ? (JSON.parse(text) as CaseRecord['expected']) : undefined;
}

/**
 * The lsc reporter: report.json (target × case → verdict, expectation, evidence), junit.xml, a
 * self-contained index.html, and a console summary that ends with the plain `N passed, N failed`.
 */
export default class LscReporter implements Reporter {
  private readonly records = new Map<TestCase, CaseRecord>();
  private readonly globalErrors: string[] = [];
  private startedAt = new Date();
  private reportDir = 'lsc-report';

  constructor(private readonly options: { outputDir?: string } = {}) {}

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: FullConfig, _suite: Suite): void {
    this.startedAt = new Date();
    this.reportDir = process.env[runEnv.reportDir] ?? this.options.outputDir ?? 'lsc-report';
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const message = stripAnsi(result.error?.message ?? '');
    const harnessError = /HarnessError|ConfigError/.test(message) || /HarnessError/.test(result.error?.stack ?? '');
    const expected = parseExpected(annotation(test, result, 'expected'));
    const mismatch = annotation(test, result, 'mismatch');
    const evidence = result.attachments
      .filter((a) => a.contentType === EVIDENCE_CONTENT_TYPE && a.body)
      .map((a) => JSON.parse(a.body!.toString('utf8')) as CaseRecord['evidence'][number]);
    const logs = result.attachments.find((a) => a.name === 'target-logs.txt')?.body?.toString('utf8');
    this.records.set(test, {
      target: test.parent.project()?.name ?? '',
      caseId: annotation(test, result, 'case'),
      runtime: annotation(test, result, 'runtime'),
      title: test.title,
      clauses: annotation(test, result, 'clauses')?.split(', '),
      requirement: annotation(test, result, 'requirement'),
      provenance: annotation(test, result, 'provenance'),
      verdict: verdictOf(test, result, harnessError, expected?.verdict),
      ...(expected ? { expected } : {}),
      ...(mismatch ? { mismatch } : {}),
      outcome: test.outcome(),
      message: result.status === 'skipped' ? annotation(test, result, 'skip') : failureLine(message),
      ...(message ? { details: message.slice(0, 20_000) } : {}),
      durationMs: result.duration,
      // A case's run-time annotations are on its result and, in this Playwright, on the test too: one list,
      // or every observation would be shown twice.
      observed: (result.annotations.length > 0 ? result.annotations : test.annotations)
        .filter((a) => a.type === 'observed')
        .map((a) => a.description ?? ''),
      evidence,
      ...(logs ? { logs: logs.slice(-20_000) } : {}),
    });
  }

  onError(error: TestError): void {
    this.globalErrors.push(failureLine(error.message) ?? 'unknown error');
  }

  onEnd(result: FullResult): void {
    const endpoints = process.env[runEnv.bootedEndpoints];
    let targetVersion = 'unknown';
    let targetName: string | undefined;
    try {
      if (endpoints)
        ({ version: targetVersion = 'unknown', target: targetName } = JSON.parse(readFileSync(endpoints, 'utf8')) as {
          version?: string;
          target?: string;
        });
    } catch {
      // the target never booted; the global errors say why
    }
    // An external run is reported under the name its endpoint map gives the emulator, which is also
    // the name of its expectations manifest.
    const records = [...this.records.values()].map((r) => (targetName && r.target === selectedTarget() ? { ...r, target: targetName } : r));
    const targets = [...new Set(records.map((r) => r.target).filter((t) => !HARNESS_PROJECTS.has(t) && t !== 'controls'))];
    // The controls run beside the target's cases: if they did not all pass, the run says nothing.
    const voided = targets.length > 0 ? controlsVoid(records) : undefined;
    if (voided) this.globalErrors.push(voided);
    const report: Report = {
      format: 'lsc-report/1',
      lscVersion: lscVersion(),
      generatedAt: new Date().toISOString(),
      runs: targets.map((target) => ({
        target,
        targetVersion,
        ...(process.env.LSC_SHARD ? { shard: process.env.LSC_SHARD } : {}),
        startedAt: this.startedAt.toISOString(),
        durationMs: result.duration,
      })),
      globalErrors: this.globalErrors,
      results: records,
    };
    writeReport(this.reportDir, report);
    printSummary(report);
  }
}

export function lscVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function writeReport(dir: string, report: Report): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 1));
  writeFileSync(join(dir, 'junit.xml'), renderJunit(report));
  writeFileSync(join(dir, 'index.html'), renderHtml(report));
}

/** One line per target with the unexpected case IDs and why, then the closing line CI reads. */
export function printSummary(report: Report): void {
  const records = report.results;
  console.log('');
  for (const target of [...new Set(records.map((r) => r.target))]) {
    const mine = records.filter((r) => r.target === target);
    const bad = mine.filter((r) => r.outcome === 'unexpected');
    const skipped = mine.filter((r) => r.outcome === 'skipped').length;
    const intermittent = mine.filter(intermittentPass).length;
    const known = mine.filter((r) => r.outcome === 'expected' && r.expected).length - intermittent;
    const ok = mine.length - bad.length - skipped;
    const extras = [
      known ? `${known} known failures` : '',
      intermittent ? `${intermittent} intermittent passes` : '',
      skipped ? `${skipped} unsupported or skipped` : '',
    ].filter(Boolean);
    console.log(
      `${target}: ${ok} as expected, ${bad.length} unexpected${extras.length ? `, ${extras.join(', ')}` : ''}${bad.length ? ` (${bad.map((r) => rowKey(r)).join(', ')})` : ''}`,
    );
    for (const r of bad) {
      const why =
        r.verdict === 'PASS'
          ? `passed, but the manifest expects ${r.expected ? expectedVerdicts(r.expected) : ''}: ${r.expected?.note}${r.observed.length ? ` (observed: ${r.observed.join('; ')})` : ''}`
          : r.mismatch
            ? `failed differently: ${r.mismatch}`
            : `${r.verdict === 'FAIL' ? '' : `${r.verdict}: `}${r.message ?? r.verdict}`;
      console.log(`  ${rowKey(r)}: ${why}`);
    }
  }
  for (const error of report.globalErrors) console.log(`error: ${error}`);
  const failed = records.filter((r) => r.outcome === 'unexpected').length + report.globalErrors.length;
  const skipped = records.filter((r) => r.outcome === 'skipped').length;
  const passed = records.length - records.filter((r) => r.outcome === 'unexpected').length - skipped;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
