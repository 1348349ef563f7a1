import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { controlsVoid, type Report } from '../report/model.ts';
import { readReport } from '../report/report-file.ts';
import { ExitCode } from '../core/errors.ts';

/** Maps the run onto the documented exit codes; the controls failing means no verdict can be trusted. */
export function exitCodeFor(reportFile: string, playwrightCode: number, reportDir: string): number {
  if (!existsSync(reportFile)) {
    console.error('lsc: the run produced no report (see the output above)');
    return ExitCode.harness;
  }
  const report = readReport(reportFile);
  console.log(
    `\nReport: ${join(reportDir, 'index.html')}\nAlso: ${join(reportDir, 'report.json')}, ${join(reportDir, 'junit.xml')}, Playwright's report in ${join(reportDir, 'playwright')}`,
  );
  const code = exitCodeOfReport(report);
  return code === ExitCode.ok && playwrightCode !== 0 ? ExitCode.harness : code;
}

/** The documented exit codes, from a report: controls failing means no verdict can be trusted. */
export function exitCodeOfReport(report: Report): number {
  if (report.globalErrors.some((error) => /ConfigError/.test(error))) return ExitCode.usage;
  if (report.globalErrors.length > 0) return ExitCode.harness;
  // A report the reporter wrote says so in its global errors already; a merged or older one may not.
  const voided = controlsVoid(report.results);
  if (voided) {
    console.error(`lsc: ${voided}`);
    return ExitCode.harness;
  }
  if (report.results.some((r) => r.verdict === 'ERROR' && r.outcome === 'unexpected')) return ExitCode.harness;
  const unexpected = report.results.filter((r) => r.outcome === 'unexpected');
  if (unexpected.some((r) => r.verdict !== 'INCONCLUSIVE')) return ExitCode.unexpected;
  // Nothing failed, but some cases never got to ask their question on this target.
  if (unexpected.length > 0) return ExitCode.inconclusive;
  return ExitCode.ok;
}
