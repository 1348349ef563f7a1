import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import { attributeFailures } from './attribution.ts';
import { reportSchema, rowKey, type Report } from './model.ts';

/** Reads a report.json back (merge, markdown, the exit policy); anything else is a configuration error. */
export function readReport(file: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not a readable report (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(`${file}: not an lsc report: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/**
 * Shards and runs against several targets become one matrix; a later result for a cell wins. Where one
 * front ran over both container layers, each failure says which layer it belongs to.
 */
export function mergeReports(reports: Report[]): Report {
  const byKey = new Map<string, Report['results'][number]>();
  for (const report of reports) for (const record of report.results) byKey.set(`${record.target}\u0000${rowKey(record)}`, record);
  return attributeFailures({
    format: 'lsc-report/1',
    lscVersion: reports[0]?.lscVersion ?? 'unknown',
    generatedAt: new Date().toISOString(),
    runs: reports.flatMap((r) => r.runs),
    globalErrors: reports.flatMap((r) => r.globalErrors),
    results: [...byKey.values()].map(({ attribution: _stale, ...record }) => record),
  });
}
