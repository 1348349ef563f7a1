import { LANGUAGES } from '../../template/function-spec.ts';
import { RUNTIMES_ENV } from '../../runtimes/languages.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Report } from '../../report/model.ts';
import { printSummary, writeReport } from '../../report/lsc-reporter.ts';
import { mergeReports, readReport } from '../../report/report-file.ts';
import { readCaseFile } from '../../repro/case-file.ts';
import { scaffoldRepro } from '../../repro/scaffold.ts';
import { scheduleArgument, schedules, SCHEDULES_ENV } from '../../verdict/schedules.ts';
import { parseWithPositionals, positiveNumber, templatePath } from '../args.ts';
import { ConfigError, ExitCode } from '../../core/errors.ts';
import { exitCodeOfReport } from '../exit-policy.ts';
import { preflight } from '../preflight.ts';
import { runSuite } from '../suite-process.ts';
import { usage } from '../usage.ts';

/** `lsc repro init` and `lsc repro run`: a bug report turned into a case anyone can run against any target. */
export async function reproCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const parsed = parseWithPositionals(rest, {
    target: { type: 'string', default: 'reference' },
    endpoints: { type: 'string' },
    report: { type: 'string', default: 'lsc-report' },
    'timing-tolerance': { type: 'string' },
  });
  const [dirArg, ...extra] = parsed.positionals;
  if (!dirArg || extra.length > 0) throw new ConfigError(`lsc repro ${sub ?? ''} takes one directory\n\n${usage}`);
  const dir = resolve(dirArg);
  if (sub === 'init') {
    const written = scaffoldRepro(dir);
    console.log(`${dir}: ${written.join(', ')}\nEdit the handler and case.yaml, then: lsc repro run ${dirArg} --target reference,rie`);
    return ExitCode.ok;
  }
  if (sub !== 'run') throw new ConfigError(`lsc repro takes "init" or "run", got ${JSON.stringify(sub ?? '')}\n\n${usage}`);
  const caseFile = readCaseFile(join(dir, 'case.yaml'));
  // The controls calibrate the case file's own schedule, so its cadence can be judged; a case that
  // times nothing still has the harness prove itself, on the short schedule.
  const frames = caseFile.expect?.frames;
  const scheduleEnv = { [SCHEDULES_ENV]: scheduleArgument(frames ?? schedules.short) };
  const template = templatePath(join(dir, 'template.yaml'));
  const targets = String(parsed.values.target)
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const endpoints = typeof parsed.values.endpoints === 'string' ? resolve(parsed.values.endpoints) : undefined;
  for (const target of targets) preflight(target, endpoints, [...LANGUAGES], template);
  const reportDir = resolve(String(parsed.values.report));
  const reports: Report[] = [];
  for (const target of targets) {
    const targetDir = join(reportDir, target);
    const outcome = await runSuite({
      target,
      endpoints,
      reportDir: targetDir,
      template,
      tolerance: positiveNumber(parsed.values['timing-tolerance'], '--timing-tolerance'),
      env: { LSC_REPRO_DIR: dir, [RUNTIMES_ENV]: LANGUAGES.join(','), ...scheduleEnv },
    });
    if (outcome.exit !== undefined) return outcome.exit;
    const file = join(targetDir, 'report.json');
    if (!existsSync(file)) {
      console.error(`lsc: the run against ${target} produced no report`);
      return ExitCode.harness;
    }
    reports.push(readReport(file));
  }
  const merged = mergeReports(reports);
  writeReport(reportDir, merged);
  console.log('\nAll targets:');
  printSummary(merged);
  console.log(`\nReport: ${join(reportDir, 'index.html')}`);
  return exitCodeOfReport(merged);
}
