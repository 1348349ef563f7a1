import { join, resolve } from 'node:path';
import { renderMarkdown } from '../../report/markdown.ts';
import { printSummary, writeReport } from '../../report/lsc-reporter.ts';
import { mergeReports, readReport } from '../../report/report-file.ts';
import { parseWithPositionals } from '../args.ts';
import { ConfigError, ExitCode } from '../../core/errors.ts';
import { exitCodeOfReport } from '../exit-policy.ts';
import { usage } from '../usage.ts';

/** `lsc report merge` and `lsc report markdown`. */
export function reportCommand(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub === 'markdown') {
    const parsed = parseWithPositionals(rest, {});
    if (parsed.positionals.length !== 1) throw new ConfigError('lsc report markdown takes one report directory');
    process.stdout.write(renderMarkdown(readReport(join(resolve(parsed.positionals[0]!), 'report.json'))));
    return ExitCode.ok;
  }
  if (sub !== 'merge') throw new ConfigError(`lsc report takes "merge" or "markdown", got ${JSON.stringify(sub ?? '')}\n\n${usage}`);
  const parsed = parseWithPositionals(rest, { out: { type: 'string', default: 'lsc-report-merged' } });
  if (parsed.positionals.length === 0) throw new ConfigError('lsc report merge needs at least one report directory');
  return mergeInto(parsed.positionals, resolve(String(parsed.values.out)));
}

/** Merges report directories into one (HTML, JSON, JUnit), prints its summary, and returns its exit code. */
export function mergeInto(dirs: string[], out: string): number {
  const merged = mergeReports(dirs.map((dir) => readReport(join(resolve(dir), 'report.json'))));
  writeReport(out, merged);
  printSummary(merged);
  console.log(`\nReport: ${join(out, 'index.html')}`);
  return exitCodeOfReport(merged);
}
