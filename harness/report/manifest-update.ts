import { existsSync, writeFileSync } from 'node:fs';
import { stringify as stringifyYaml } from 'yaml';
import { manifestPath, readManifest, type Expectation } from '../verdict/expectations.ts';
import { allowsPass, matchesSignature, signatureOf } from '../verdict/signature.ts';
import { rowKey, type CaseRecord } from './model.ts';

/**
 * Rewrites a target's manifest from a run's results: failing cases are listed (keeping the notes and
 * links of entries that still apply), passing ones are dropped (but an intermittent entry, one that
 * lists PASS, stays), and cases the run could not judge (unsupported, skipped, harness errors) keep
 * whatever the manifest said.
 */
export function updateManifest(
  root: string,
  target: string,
  records: CaseRecord[],
): { file: string; added: string[]; removed: string[]; kept: string[] } {
  const file = manifestPath(root, target);
  const previous = existsSync(file) ? readManifest(file, { unsigned: true }).cases : {};
  const next: Record<string, Partial<Expectation>> = { ...previous };
  const added: string[] = [];
  const removed: string[] = [];
  for (const record of records) {
    if (!record.caseId || record.target !== target) continue;
    const id = rowKey(record);
    if (record.verdict === 'PASS') {
      // An intermittent entry stays: one pass does not show the race is gone.
      if (previous[id] && allowsPass(previous[id])) continue;
      if (next[id]) removed.push(id);
      delete next[id];
    } else if (record.verdict === 'FAIL' || record.verdict === 'NON_STRICT' || record.verdict === 'INCONCLUSIVE') {
      const message = record.message ?? record.verdict;
      const before = previous[id];
      if (!before) added.push(id);
      // A note describes one failure: it stays while the case still fails that way, and is replaced
      // by what was observed when the failure changed.
      const sameFailure =
        before !== undefined &&
        ([before.verdict].flat().includes(record.verdict) || (before.verdict === 'NON_STRICT' && record.verdict === 'FAIL')) &&
        matchesSignature(before, message);
      next[id] = {
        verdict: sameFailure ? before.verdict : record.verdict === 'NON_STRICT' ? 'NON_STRICT' : record.verdict,
        note: sameFailure ? before.note : message,
        signature: sameFailure && before.signature ? before.signature : signatureOf(message),
        ...(before?.upstream ? { upstream: before.upstream } : {}),
      };
    }
  }
  const ordered = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(
    file,
    `# Known failures of ${target}: a listed case runs as an expected failure; an unexpected pass fails the run.\n# Rewritten by \`lsc expectations update --target ${target}\`; notes and upstream links are kept.\n${stringifyYaml({ target, cases: ordered }, { lineWidth: 0, aliasDuplicateObjects: false })}`,
  );
  return { file, added: added.sort(), removed: removed.sort(), kept: Object.keys(ordered).filter((id) => !added.includes(id)) };
}
