import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareRecordings, readRecording, recordReport, writeRecording } from '../../report/recording.ts';
import { readReport } from '../../report/report-file.ts';
import { parseWithPositionals } from '../args.ts';
import { ConfigError, ExitCode } from '../../core/errors.ts';

/** `lsc run --record DIR`: the run's observations, normalised, one file per case. */
export function recordRun(reportDir: string, dir: string): void {
  const recorded = recordReport(readReport(join(reportDir, 'report.json')));
  writeRecording(dir, recorded);
  console.log(`Recorded ${recorded.length} cases in ${dir}`);
}

/** `lsc compare DIR [--report DIR]`: a run (the last one by default) against a recording. */
export function compareCommand(args: string[]): number {
  const { positionals, values } = parseWithPositionals(args, { report: { type: 'string', default: 'lsc-report' } });
  if (positionals.length !== 1) throw new ConfigError('lsc compare takes one recording directory (written by lsc run --record DIR)');
  const recordingDir = resolve(positionals[0]!);
  if (!existsSync(recordingDir)) throw new ConfigError(`${positionals[0]}: no such recording directory`);
  const recorded = readRecording(recordingDir);
  if (recorded.length === 0) throw new ConfigError(`${positionals[0]}: no recorded cases (*.yaml) in it`);
  const reportFile = join(resolve(String(values.report)), 'report.json');
  if (!existsSync(reportFile)) throw new ConfigError(`${values.report}: no report.json (run lsc run first, or name one with --report)`);
  const actual = recordReport(readReport(reportFile));
  const { differences, missing, same } = compareRecordings(recorded, actual);
  const who = (entries: typeof recorded) => [...new Set(entries.map((e) => `${e.target} ${e.targetVersion}`))].join(', ') || 'nothing';
  console.log(`${who(actual)} compared with the recording of ${who(recorded)}:`);
  console.log(`${same} cases alike, ${differences.length} differ, ${missing.length} recorded but not judged in this run`);
  for (const difference of differences) {
    console.log(`  ${difference.case}:`);
    for (const line of difference.lines) console.log(`    ${line}`);
  }
  if (missing.length) console.log(`  not judged here: ${missing.join(', ')}`);
  return differences.length > 0 ? ExitCode.unexpected : ExitCode.ok;
}
