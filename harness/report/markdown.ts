import { orderedRows, reportVoid, rowKey, upstreamLinks, type CaseRecord, type Report } from './model.ts';

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
  const fault = record.attribution ? ` — fault: ${record.attribution.split(':')[0]}` : '';
  return `- \`${rowKey(record)}\`: ${why}${link}${fault}`;
}

/** Runtime × target at a glance: how many of each runtime's cases pass on each target. */
function runtimeSummary(report: Report, targets: string[]): string[] {
  const records = report.results.filter((r) => r.caseId && r.target !== 'controls');
  const runtimes = [...new Set(orderedRows(records).map((row) => row.runtime))].filter((runtime) => runtime !== 'controls');
  if (runtimes.length < 2) return [];
  const cell = (runtime: string, target: string) => {
    const mine = records.filter((r) => r.target === target && (r.runtime ?? 'node') === runtime && r.verdict !== 'UNSUPPORTED');
    const passed = mine.filter((r) => r.verdict === 'PASS' || r.verdict === 'NON_STRICT').length;
    return mine.length ? `${passed} / ${mine.length}` : '–';
  };
  return [
    `| Runtime (cases passed / judged) | ${targets.map((t) => `\`${t}\``).join(' | ')} |`,
    `|---|${targets.map(() => '---').join('|')}|`,
    ...runtimes.map((runtime) => `| ${runtime} | ${targets.map((target) => cell(runtime, target)).join(' | ')} |`),
  ];
}

/**
 * The report as Markdown, for READMEs and CI summaries: a case × target matrix (– where the target
 * has no endpoint the case needs), then each target's failures in one line with their upstream link.
 */
export function renderMarkdown(report: Report): string {
  const targets = [...new Set(report.runs.map((run) => run.target))];
  const withCase = report.results.filter((r) => r.caseId);
  const byCell = new Map(withCase.map((r) => [`${r.target}\u0000${rowKey(r)}`, r]));
  // Rows are the case in its runtime (`SSE-001 [go]`), grouped by runtime.
  const order = orderedRows(withCase).map((row) => row.key);
  const voided = reportVoid(report);
  // A void run's cells are what was seen, not verdicts: a summary must not show them as passes.
  const cell = (record: CaseRecord) => (voided ? `void (${CELL[record.verdict]})` : CELL[record.verdict]);
  const summary = voided ? [] : runtimeSummary(report, targets);
  const lines = [
    ...(voided ? [`**This run is void:** ${voided}.`, ''] : []),
    ...summary,
    ...(summary.length ? [''] : []),
    `| Case | ${targets.map((t) => `\`${t}\``).join(' | ')} |`,
    `|---|${targets.map(() => '---').join('|')}|`,
  ];
  for (const id of order) {
    const cells = targets.map((target) => byCell.get(`${target}\u0000${id}`));
    if (cells.every((cell) => !cell)) continue;
    lines.push(`| \`${id}\` | ${cells.map((record) => (record ? cell(record) : '')).join(' | ')} |`);
  }
  for (const target of targets) {
    const version = report.runs.find((run) => run.target === target)?.targetVersion ?? 'unknown version';
    const failures = order
      .map((id) => byCell.get(`${target}\u0000${id}`))
      .filter((r): r is CaseRecord => !!r && (r.verdict === 'FAIL' || r.verdict === 'ERROR' || r.verdict === 'INCONCLUSIVE'));
    lines.push(
      '',
      `**${target}** (${version}): ${voided ? 'void' : failures.length ? `${failures.length} failing` : 'no failures'}`,
      ...(failures.length ? ['', ...failures.map(failureLine)] : []),
    );
  }
  return `${lines.join('\n')}\n`;
}
