import { cases } from '../cases/catalogue.ts';
import { upstreamLinks, type CaseRecord, type Report } from './model.ts';

const CELL: Record<CaseRecord['verdict'], string> = {
  PASS: 'pass',
  FAIL: '**FAIL**',
  NON_STRICT: 'pass (lenient)',
  INCONCLUSIVE: '*inconclusive*',
  UNSUPPORTED: '–',
  ERROR: '**ERROR**',
  SKIPPED: 'skipped',
};

/** One line per failure: the manifest's note when the failure was the known one, else what the case saw. */
function failureLine(record: CaseRecord): string {
  const known = record.outcome === 'expected' ? record.expected : undefined;
  const prefix = record.verdict === 'INCONCLUSIVE' ? 'inconclusive: ' : '';
  const why = prefix + (known?.note ?? record.message ?? record.verdict).split('\n')[0]!.replace(/\|/g, '\\|');
  const links = upstreamLinks(known);
  const link = links.length
    ? ` (${links.map((url, index) => `[upstream${links.length > 1 ? ` ${index + 1}` : ''}](${url})`).join(', ')})`
    : '';
  return `- \`${record.caseId}\`: ${why}${link}`;
}

/**
 * The report as Markdown, for READMEs and CI summaries: a case × target matrix (– where the target
 * has no endpoint the case needs), then each target's failures in one line with their upstream link.
 */
export function renderMarkdown(report: Report): string {
  const targets = [...new Set(report.runs.map((run) => run.target))];
  const byCell = new Map(report.results.filter((r) => r.caseId).map((r) => [`${r.target}\u0000${r.caseId}`, r]));
  const order = [
    ...cases.map((c) => c.id),
    ...new Set(report.results.map((r) => r.caseId).filter((id): id is string => !!id && !cases.some((c) => c.id === id))),
  ];
  const lines = [`| Case | ${targets.map((t) => `\`${t}\``).join(' | ')} |`, `|---|${targets.map(() => '---').join('|')}|`];
  for (const id of order) {
    const cells = targets.map((target) => byCell.get(`${target}\u0000${id}`));
    if (cells.every((cell) => !cell)) continue;
    lines.push(`| \`${id}\` | ${cells.map((cell) => (cell ? CELL[cell.verdict] : '')).join(' | ')} |`);
  }
  for (const target of targets) {
    const version = report.runs.find((run) => run.target === target)?.targetVersion ?? 'unknown version';
    const failures = order
      .map((id) => byCell.get(`${target}\u0000${id}`))
      .filter((r): r is CaseRecord => !!r && (r.verdict === 'FAIL' || r.verdict === 'ERROR' || r.verdict === 'INCONCLUSIVE'));
    lines.push(
      '',
      `**${target}** (${version}): ${failures.length ? `${failures.length} failing` : 'no failures'}`,
      ...(failures.length ? ['', ...failures.map(failureLine)] : []),
    );
  }
  return `${lines.join('\n')}\n`;
}
