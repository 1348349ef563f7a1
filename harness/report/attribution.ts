import { parseTargetName } from '../targets/target-name.ts';
import { rowKey, type CaseRecord, type Report } from './model.ts';

/** Which layer a failure belongs to, when one front ran over both container layers. */
export type FaultLayer = 'container layer' | 'front' | "lsc's container layer";

const FAILING = new Set<CaseRecord['verdict']>(['FAIL', 'ERROR', 'INCONCLUSIVE']);
const PASSING = new Set<CaseRecord['verdict']>(['PASS', 'NON_STRICT']);

function frontOf(target: string): { front: string; runtimeApi: string } | undefined {
  try {
    return parseTargetName(target);
  } catch {
    return undefined;
  }
}

/**
 * Upstream RIE and lsc's Runtime API differ only in the container layer, so a case that fails over RIE
 * and passes over lsc's layer is the container layer's fault (RIE's), one that fails over both is the
 * front's, and one that fails only over lsc's layer is lsc's own (or a front that leans on a quirk of
 * RIE). Cells without a verdict on both sides (unsupported, skipped, not run) are not attributed.
 */
export function attributeFailures(report: Report): Report {
  const byFrontAndRow = new Map<string, Partial<Record<string, CaseRecord>>>();
  for (const record of report.results) {
    const name = frontOf(record.target);
    if (!name || !record.caseId) continue;
    const key = `${name.front}\u0000${rowKey(record)}`;
    byFrontAndRow.set(key, { ...byFrontAndRow.get(key), [name.runtimeApi]: record });
  }
  const attributions = new Map<CaseRecord, string>();
  for (const [key, { rie, lsc }] of byFrontAndRow) {
    if (!rie || !lsc) continue;
    const front = key.split('\u0000')[0]!;
    const layer = faultLayer(rie.verdict, lsc.verdict);
    if (!layer) continue;
    const why = {
      'container layer': `container layer: fails over RIE, passes over lsc's Runtime API, so RIE is at fault, not ${front}`,
      front: `front: fails over RIE and over lsc's Runtime API alike, so ${front} itself is at fault`,
      "lsc's container layer": `lsc's container layer: fails only over lsc's Runtime API (a defect of that layer, or ${front} relying on RIE's behaviour)`,
    }[layer];
    attributions.set(rie, why);
    attributions.set(lsc, why);
  }
  return {
    ...report,
    results: report.results.map((record) => (attributions.has(record) ? { ...record, attribution: attributions.get(record) } : record)),
  };
}

export function faultLayer(overRie: CaseRecord['verdict'], overLsc: CaseRecord['verdict']): FaultLayer | undefined {
  if (FAILING.has(overRie) && PASSING.has(overLsc)) return 'container layer';
  if (FAILING.has(overRie) && FAILING.has(overLsc)) return 'front';
  if (PASSING.has(overRie) && FAILING.has(overLsc)) return "lsc's container layer";
  return undefined;
}
