import { cases } from '../cases/catalogue.ts';
import { clauseLink, specClauses } from '../cases/spec-clauses.ts';
import type { FramesEvidence, SdkEvidence, TimelineEvidence } from './evidence.ts';
import {
  expectedVerdicts,
  HARNESS_PROJECTS,
  intermittentPass,
  orderedRows,
  reportVoid,
  rowKey,
  upstreamLinks,
  type CaseRecord,
  type Report,
} from './model.ts';

/**
 * One self-contained HTML page (no network, no scripts needed): the target × case matrix first, then
 * for each cell the requirement, expected vs actual, and a chart of emission time against arrival time
 * for every frame, so buffering, coalescing and stalls are visible at a glance.
 */
const esc = (text: string | number | undefined) =>
  String(text ?? '').replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

const anchor = (record: CaseRecord) => `case-${record.target}-${rowKey(record)}`.replace(/[^A-Za-z0-9_-]/g, '_');

function cellClass(record: CaseRecord): string {
  if (record.outcome === 'unexpected')
    return record.verdict === 'PASS'
      ? 'fixed'
      : record.verdict === 'ERROR'
        ? 'error'
        : record.verdict === 'INCONCLUSIVE'
          ? 'inconclusive'
          : 'fail';
  if (record.verdict === 'UNSUPPORTED' || record.verdict === 'SKIPPED') return 'unsupported';
  if (intermittentPass(record)) return 'intermittent';
  if (record.expected) return 'known';
  return 'pass';
}

function cellLabel(record: CaseRecord): string {
  const kind = cellClass(record);
  if (kind === 'fixed') return 'PASS (unexpected)';
  if (kind === 'known') return `${record.verdict} (known)`;
  if (kind === 'intermittent') return 'PASS (intermittent)';
  return record.verdict;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A round axis step (1, 2 or 5 × a power of ten) near the wanted one. */
function niceStep(wanted: number): number {
  const power = 10 ** Math.floor(Math.log10(wanted));
  return [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= wanted) ?? 10 * power;
}

const formatTick = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1));

/** Emission (x) against arrival (y), both from request start: streaming hugs the diagonal, buffering is a flat line at the end. */
function frameChart(evidence: FramesEvidence): string {
  const frames = evidence.frames;
  if (frames.length === 0) return '<p class="muted">No frames arrived.</p>';
  const width = 520;
  const height = 300;
  const pad = { left: 56, right: 16, top: 16, bottom: 44 };
  const xs = frames.map((f) => (f.emittedAt - evidence.startedAt) / 1000);
  const ys = frames.map((f) => (f.arrivedAt - evidence.startedAt) / 1000);
  const step = niceStep(Math.max(0.5, ...xs, ...ys) / 5);
  const max = Math.ceil((Math.max(0.5, ...xs, ...ys) * 1.02) / step) * step;
  const sx = (v: number) => pad.left + (v / max) * (width - pad.left - pad.right);
  const sy = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => step * i);
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${sx(t)}" y1="${sy(0)}" x2="${sx(t)}" y2="${sy(max)}" class="grid"/><text x="${sx(t)}" y="${sy(0) + 16}" class="tick" text-anchor="middle">${formatTick(t)}</text>` +
        `<line x1="${sx(0)}" y1="${sy(t)}" x2="${sx(max)}" y2="${sy(t)}" class="grid"/><text x="${sx(0) - 6}" y="${sy(t) + 4}" class="tick" text-anchor="end">${formatTick(t)}</text>`,
    )
    .join('');
  const points = frames
    .map(
      (f, i) =>
        `<circle cx="${sx(xs[i]!)}" cy="${sy(ys[i]!)}" r="4" class="point"><title>frame ${f.seq}: written at ${xs[i]!.toFixed(3)} s, arrived at ${ys[i]!.toFixed(3)} s (lag ${(f.arrivedAt - f.emittedAt).toFixed(1)} ms)</title></circle>`,
    )
    .join('');
  return `<figure><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(evidence.name)}: arrival against emission">
${grid}<line x1="${sx(0)}" y1="${sy(0)}" x2="${sx(max)}" y2="${sy(max)}" class="ideal"/>${points}
<text x="${(pad.left + width - pad.right) / 2}" y="${height - 6}" text-anchor="middle" class="axis">written (s after request)</text>
<text transform="translate(14 ${(pad.top + height - pad.bottom) / 2}) rotate(-90)" text-anchor="middle" class="axis">arrived (s after request)</text>
</svg><figcaption>${esc(evidence.name)}: ${frames.length} frames. On the dashed diagonal a frame arrives the moment it is written; a horizontal row at the end means the response was held back.</figcaption></figure>`;
}

function timelineTable(evidence: TimelineEvidence): string {
  const t = (at: number | undefined) => (at === undefined ? '-' : `+${seconds(at - evidence.requestStartedAt)}`);
  const head = Buffer.from(evidence.bodyHead, 'base64');
  const printable = head.toString('latin1').replace(/[^\x20-\x7e\n]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const rows = evidence.chunks
    .slice(0, 40)
    .map((c) => `<tr><td>${t(c.at)}</td><td>${c.offset}</td><td>${c.length}</td></tr>`)
    .join('');
  const more = evidence.chunks.length - 40 + evidence.chunksOmitted;
  return `<div class="timeline"><h4>${esc(evidence.name)}: ${esc(evidence.url)}</h4>
<p>Status <b>${esc(evidence.status ?? 'none')}</b> at ${t(evidence.responseAt)} · ${evidence.totalBytes} bytes in ${evidence.chunks.length + evidence.chunksOmitted} chunks · ended <b>${esc(evidence.ending)}</b> at ${t(evidence.endedAt)}${evidence.error ? ` (${esc(evidence.error)})` : ''}</p>
<details><summary>Headers${evidence.trailers.length ? ' and trailers' : ''}</summary><pre>${esc(evidence.headers.map(([k, v]) => `${k}: ${v}`).join('\n'))}${evidence.trailers.length ? `\n\ntrailers:\n${esc(evidence.trailers.map(([k, v]) => `${k}: ${v}`).join('\n'))}` : ''}</pre></details>
<details><summary>Chunks</summary><table class="chunks"><tr><th>arrived</th><th>offset</th><th>bytes</th></tr>${rows}</table>${more > 0 ? `<p class="muted">… ${more} more chunks in report.json</p>` : ''}</details>
<details><summary>First ${head.length} body bytes</summary><pre>${esc(printable)}</pre></details></div>`;
}

function sdkTable(evidence: SdkEvidence): string {
  const t = (at: number | undefined) => (at === undefined ? '-' : `+${seconds(at - evidence.requestStartedAt)}`);
  const fields = (['StatusCode', 'FunctionError', 'ExecutedVersion', 'ResponseStreamContentType'] as const)
    .filter((field) => evidence[field] !== undefined)
    .map((field) => `${field} <b>${esc(evidence[field])}</b>`);
  const chunks = evidence.chunks
    .slice(0, 40)
    .map((c) => `<tr><td>${t(c.at)}</td><td>${c.bytes}</td></tr>`)
    .join('');
  return `<div class="timeline"><h4>${esc(evidence.name)}: the AWS SDK's ${esc(evidence.operation)} of ${esc(evidence.functionName)} at ${esc(evidence.endpoint)}</h4>
<p>${evidence.sdkError ? `The SDK failed: <b>${esc(evidence.sdkError.name)}</b>: ${esc(evidence.sdkError.message)}${evidence.sdkError.httpStatus ? ` (HTTP ${evidence.sdkError.httpStatus})` : ''}` : fields.join(' · ')} · ended at ${t(evidence.endedAt)}</p>
${evidence.InvokeComplete ? `<p>InvokeComplete <code>${esc(JSON.stringify(evidence.InvokeComplete))}</code>${evidence.eventsAfterComplete ? ` then ${evidence.eventsAfterComplete} more events` : ''}</p>` : ''}
${evidence.operation === 'InvokeWithResponseStream' ? `<details><summary>PayloadChunks (${evidence.chunks.length + evidence.chunksOmitted}, ${evidence.payloadBytes} bytes)</summary><table class="chunks"><tr><th>yielded</th><th>bytes</th></tr>${chunks}</table></details>` : `<details><summary>Payload (${evidence.payloadBytes} bytes)</summary><pre>${esc(evidence.payloadHead ?? '')}</pre></details>`}</div>`;
}

/** A cited clause: linked to docs/spec.md, its statement shown on hover, so the verdict can be followed from the report alone. */
function clauseRef(id: string): string {
  const clause = specClauses().get(id);
  return `<a href="${esc(clauseLink(id))}" title="${esc(clause ? `${clause.statement} (${clause.provenance})` : 'not in docs/spec.md')}">${esc(id)}</a>`;
}

function detail(record: CaseRecord): string {
  const links = upstreamLinks(record.expected);
  const upstream = links.length ? ` (${links.map((link) => `<a href="${esc(link)}">${esc(link)}</a>`).join(', ')})` : '';
  const expected = record.expected ? `${esc(expectedVerdicts(record.expected))}: ${esc(record.expected.note)}${upstream}` : 'PASS';
  const frames = record.evidence.filter((e): e is FramesEvidence & CaseRecord['evidence'][number] => e.kind === 'frames');
  const timelines = record.evidence.filter((e): e is TimelineEvidence & CaseRecord['evidence'][number] => e.kind === 'timeline');
  const sdkCalls = record.evidence.filter((e): e is SdkEvidence & CaseRecord['evidence'][number] => e.kind === 'sdk');
  return `<section class="detail ${cellClass(record)}" id="${anchor(record)}">
<h3><span class="badge ${cellClass(record)}">${esc(cellLabel(record))}</span> ${esc(record.target)} · ${esc(record.title)}</h3>
${record.requirement ? `<p class="requirement">${esc(record.requirement)}</p>` : ''}
<p class="meta">${record.clauses?.length ? `Clauses: ${record.clauses.map(clauseRef).join(', ')} · ` : ''}${record.provenance ? `Provenance: ${esc(record.provenance)} · ` : ''}${seconds(record.durationMs)}</p>
<dl><dt>Expected</dt><dd>${expected}${record.expected?.signature ? `<br><span class="muted">failing as /${esc(record.expected.signature)}/</span>` : ''}</dd><dt>Actual</dt><dd>${esc(record.verdict)}${record.message ? `: ${esc(record.message)}` : ''}</dd>
${record.attribution ? `<dt>Fault</dt><dd class="attribution">${esc(record.attribution)}</dd>` : ''}
${record.mismatch ? `<dt>Mismatch</dt><dd>${esc(record.mismatch)}</dd>` : ''}
${record.observed.length ? `<dt>Observed</dt><dd>${record.observed.map(esc).join('<br>')}</dd>` : ''}</dl>
${frames.map(frameChart).join('')}${timelines.map(timelineTable).join('')}${sdkCalls.map(sdkTable).join('')}
${record.details && record.outcome === 'unexpected' ? `<details><summary>Failure</summary><pre>${esc(record.details)}</pre></details>` : ''}
${record.logs ? `<details><summary>Target logs</summary><pre>${esc(record.logs)}</pre></details>` : ''}
<p><a href="#matrix">Back to the matrix</a></p></section>`;
}

export function renderHtml(report: Report): string {
  const results = report.results.filter((r) => !HARNESS_PROJECTS.has(r.target));
  // Controls first, then the targets in the order they ran (the order a merge was given).
  const runOrder = report.runs.map((run) => run.target);
  const rank = (target: string) => (target === 'controls' ? -1 : runOrder.includes(target) ? runOrder.indexOf(target) : runOrder.length);
  const targets = [...new Set(results.map((r) => r.target))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const ordered = orderedRows(results);
  const caseIds = ordered.map((row) => row.key);
  const byCell = new Map(results.map((r) => [`${r.target}\u0000${rowKey(r)}`, r]));
  const runtimesShown = new Set(ordered.map((row) => row.runtime));
  const rows = ordered
    .map(({ key: id, runtime }, index) => {
      const meta = cases.find((c) => c.id === id.split(' ')[0]);
      // The matrix is grouped by runtime: a heading row opens each runtime's cases.
      const heading =
        runtimesShown.size > 1 && (index === 0 || ordered[index - 1]!.runtime !== runtime)
          ? `<tr class="runtime"><th colspan="${targets.length + 1}">${runtime === 'controls' ? 'controls (the harness itself)' : `runtime: ${esc(runtime)}`}</th></tr>\n`
          : '';
      const cells = targets
        .map((target) => {
          const record = byCell.get(`${target}\u0000${id}`);
          return record
            ? `<td class="cell ${cellClass(record)}"><a href="#${anchor(record)}" title="${esc(record.message ?? record.verdict)}">${esc(cellLabel(record))}</a>${record.attribution ? `<span class="fault">${esc(record.attribution.split(':')[0]!)}</span>` : ''}</td>`
            : '<td class="cell none">–</td>';
        })
        .join('');
      return meta
        ? `${heading}<tr><th scope="row"><span class="id">${esc(id)}</span> ${esc(meta.title)}</th>${cells}</tr>`
        : `${heading}<tr><th scope="row">${esc(id)}</th>${cells}</tr>`;
    })
    .join('\n');
  const unexpected = results.filter((r) => r.outcome === 'unexpected').length;
  const inconclusive = results.filter((r) => r.verdict === 'INCONCLUSIVE').length;
  const runs = report.runs
    .map((run) => `${esc(run.target)} (${esc(run.targetVersion)}${run.shard ? `, shard ${esc(run.shard)}` : ''})`)
    .join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>lsc conformance report</title>
<style>
:root { --pass:#1a7f37; --fail:#cf222e; --known:#9a6700; --unsupported:#6e7781; --error:#8250df; --fixed:#cf222e; --inconclusive:#bc4c00; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1f2328; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin-top: 28px; } h3 { font-size: 15px; margin: 0 0 6px; } h4 { font-size: 13px; margin: 10px 0 4px; word-break: break-all; }
.summary { color: #57606a; margin: 0 0 12px; }
table.matrix { border-collapse: collapse; width: 100%; }
table.matrix th, table.matrix td { border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
table.matrix thead th { position: sticky; top: 0; background: #f6f8fa; }
table.matrix th[scope=row] { font-weight: normal; }
table.matrix tr.runtime th { background: #eaeef2; font-weight: 600; }
.id { font-family: ui-monospace, monospace; font-weight: 600; }
.cell a { display: inline-block; min-width: 110px; padding: 1px 6px; border-radius: 4px; color: #fff; text-decoration: none; font-weight: 600; font-size: 12px; text-align: center; }
.cell.pass a, .cell.intermittent a { background: var(--pass); } .cell.fail a { background: var(--fail); } .cell.known a { background: var(--known); }
.cell.unsupported a { background: var(--unsupported); } .cell.error a { background: var(--error); } .cell.inconclusive a { background: var(--inconclusive); } .cell.fixed a { background: var(--fixed); outline: 2px dashed #fff; }
.fault { display: block; font-size: 11px; color: #57606a; }
.badge { padding: 1px 6px; border-radius: 4px; color: #fff; font-size: 12px; }
.badge.pass, .badge.intermittent { background: var(--pass); } .badge.fail, .badge.fixed { background: var(--fail); } .badge.known { background: var(--known); } .badge.unsupported { background: var(--unsupported); } .badge.error { background: var(--error); } .badge.inconclusive { background: var(--inconclusive); }
.detail { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.detail.fail, .detail.fixed, .detail.error, .detail.inconclusive { border-left: 4px solid var(--fail); }
.requirement { font-style: italic; margin: 4px 0; } .meta, .muted { color: #57606a; font-size: 12px; }
dl { display: grid; grid-template-columns: 90px 1fr; gap: 2px 8px; margin: 8px 0; } dt { font-weight: 600; } dd { margin: 0; }
pre { background: #f6f8fa; padding: 8px; overflow-x: auto; max-height: 320px; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
.void { font-weight: 700; color: #fff; background: var(--fail); padding: 6px 10px; border-radius: 4px; }
figure { margin: 8px 0; } figcaption { color: #57606a; font-size: 12px; max-width: 520px; }
svg .grid { stroke: #eaeef2; } svg .ideal { stroke: #8c959f; stroke-dasharray: 4 4; } svg .point { fill: #0969da; fill-opacity: .75; }
svg .tick { font-size: 10px; fill: #57606a; } svg .axis { font-size: 11px; fill: #1f2328; }
table.chunks td, table.chunks th { padding: 0 10px 0 0; font-family: ui-monospace, monospace; font-size: 12px; text-align: right; }
</style></head>
<body>
<h1>lsc conformance report</h1>
<p class="summary">${results.length} results, ${unexpected} unexpected${inconclusive ? `, ${inconclusive} inconclusive (a precondition did not hold, so the case's question was never asked)` : ''} · ${runs || 'no target ran'} · lsc ${esc(report.lscVersion)} · ${esc(report.generatedAt)}</p>
${reportVoid(report) ? '<p class="void">This run is void: its controls did not all pass, so the cells below are what was seen, not verdicts.</p>' : ''}
${report.globalErrors.length ? `<pre>${report.globalErrors.map(esc).join('\n')}</pre>` : ''}
<h2 id="matrix">Matrix</h2>
<table class="matrix"><thead><tr><th>Case</th>${targets.map((t) => `<th>${esc(t)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Cases</h2>
${caseIds
  .flatMap((id) => targets.map((target) => byCell.get(`${target}\u0000${id}`)).filter((r): r is CaseRecord => r !== undefined))
  .map(detail)
  .join('\n')}
</body></html>
`;
}
