import { expectedVerdicts, intermittentPass, upstreamLinks, type CaseRecord, type Report } from './model.ts';

// XML 1.0 forbids the C0 controls but tab, newline and carriage return; built from code points
// because a control character in a regex literal reads as a typo.
const forbiddenControls = Array.from({ length: 32 }, (_, code) => code).filter((code) => ![9, 10, 13].includes(code));
const XML_FORBIDDEN = new RegExp(`[${forbiddenControls.map((code) => `\\u${code.toString(16).padStart(4, '0')}`).join('')}]`, 'g');

const escape = (text: string) =>
  text
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(XML_FORBIDDEN, '');

function testcase(record: CaseRecord): string {
  const name = escape(record.caseId ? `${record.caseId} ${record.title.replace(`${record.caseId} `, '')}` : record.title);
  const open = `    <testcase classname="lsc.${escape(record.target)}" name="${name}" time="${(record.durationMs / 1000).toFixed(3)}">`;
  const body: string[] = [];
  // The runtime dimension, for CI interfaces that read testcase properties (GitLab, Jenkins, Actions reporters).
  if (record.caseId && record.target !== 'controls')
    body.push(`      <properties><property name="runtime" value="${escape(record.runtime ?? 'node')}"/></properties>`);
  if (record.verdict === 'UNSUPPORTED' || record.verdict === 'SKIPPED') {
    body.push(`      <skipped message="${escape(record.verdict)}${record.message ? `: ${escape(record.message)}` : ''}"/>`);
  } else if (record.outcome === 'unexpected') {
    const kind = record.verdict === 'ERROR' ? 'error' : 'failure';
    const message =
      record.verdict === 'PASS'
        ? `passed, but ${record.target}'s manifest expects ${record.expected ? expectedVerdicts(record.expected) : ''}: ${record.expected?.note}`
        : record.mismatch
          ? `failed differently: ${record.mismatch}`
          : `${record.verdict === 'INCONCLUSIVE' ? 'INCONCLUSIVE: ' : ''}${record.message ?? record.verdict}`;
    body.push(`      <${kind} message="${escape(message)}" type="${record.verdict}">${escape(record.details ?? message)}</${kind}>`);
  } else if (record.expected) {
    body.push(
      `      <system-out>${escape(`${intermittentPass(record) ? 'intermittent, passed this time: the manifest allows' : 'known'} ${expectedVerdicts(record.expected)}: ${record.expected.note}${upstreamLinks(record.expected).length ? ` (${upstreamLinks(record.expected).join(', ')})` : ''}`)}</system-out>`,
    );
  }
  return body.length === 0 ? `${open}</testcase>` : `${open}\n${body.join('\n')}\n    </testcase>`;
}

/** JUnit XML for CI interfaces: one test case per case ID and target, a suite per target. */
export function renderJunit(report: Report): string {
  const targets = [...new Set(report.results.map((r) => r.target))];
  const suites = targets.map((target) => {
    const records = report.results.filter((r) => r.target === target);
    const failures = records.filter((r) => r.outcome === 'unexpected' && r.verdict !== 'ERROR').length;
    const errors = records.filter((r) => r.outcome === 'unexpected' && r.verdict === 'ERROR').length;
    const skipped = records.filter((r) => r.verdict === 'UNSUPPORTED' || r.verdict === 'SKIPPED').length;
    const time = records.reduce((sum, r) => sum + r.durationMs, 0) / 1000;
    return `  <testsuite name="${escape(target)}" tests="${records.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(3)}">\n${records.map(testcase).join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="lsc">\n${suites.join('\n')}\n</testsuites>\n`;
}
