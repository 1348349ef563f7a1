import { join, resolve } from 'node:path';
import { readReport } from '../../report/report-file.ts';
import { updateManifest } from '../../report/manifest-update.ts';
import { parse } from '../args.ts';
import { ConfigError, ExitCode } from '../../core/errors.ts';
import { runEnv } from '../../core/run-environment.ts';
import { root } from '../../core/paths.ts';
import { usage } from '../usage.ts';

/** `lsc expectations update`: a manifest rewritten from the last run, notes kept while their failure holds. */
export function expectationsCommand(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub !== 'update') throw new ConfigError(`lsc expectations takes "update", got ${JSON.stringify(sub ?? '')}\n\n${usage}`);
  const values = parse(rest, { target: { type: 'string' }, report: { type: 'string', default: 'lsc-report' }, out: { type: 'string' } });
  // --out: the project's own manifest (created, or rewritten keeping its notes), not the shipped one.
  if (typeof values.out === 'string') process.env[runEnv.expectations] = resolve(values.out);
  if (typeof values.target !== 'string') throw new ConfigError('lsc expectations update needs --target NAME');
  const report = readReport(join(resolve(String(values.report)), 'report.json'));
  const records = report.results.filter((r) => r.target === values.target);
  if (!records.some((r) => r.target === values.target))
    throw new ConfigError(`${values.report}/report.json has no results for target ${JSON.stringify(values.target)}`);
  const { file, added, removed, kept } = updateManifest(root, values.target, records);
  console.log(
    `${file}: ${added.length} added${added.length ? ` (${added.join(', ')})` : ''}, ${removed.length} removed${removed.length ? ` (${removed.join(', ')})` : ''}, ${kept.length} kept`,
  );
  return ExitCode.ok;
}
