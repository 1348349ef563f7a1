import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { findCase } from '../cases/catalogue.ts';
import { parseCloudFormationYaml } from '../catalogue/cloudformation-yaml.ts';
import { ConfigError } from '../cli/errors.ts';
import type { CaseRecord } from '../report/model.ts';

/**
 * Known failures of a target live outside the tests (DESIGN §7), one manifest per target. A listed
 * case runs as an expected failure, so a fix upstream shows up as an unexpected pass.
 */
const entrySchema = z.strictObject({
  verdict: z.enum(['FAIL', 'NON_STRICT']),
  note: z.string().min(1),
  upstream: z.string().optional(),
});

const manifestSchema = z.strictObject({
  target: z.string(),
  cases: z.record(z.string(), entrySchema),
});

export type Expectation = z.infer<typeof entrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

/** fixtures/expectations/<target>.yaml, or the same name under LSC_EXPECTATIONS_DIR when set. */
export function manifestPath(root: string, target: string): string {
  return join(process.env.LSC_EXPECTATIONS_DIR ?? join(root, 'fixtures', 'expectations'), `${target}.yaml`);
}

/** Reads and validates a manifest; every problem names the file and line (exit code 3). */
export function readManifest(file: string): Manifest {
  const shown = relative(process.cwd(), file) || file;
  const { errors, document } = parseCloudFormationYaml(readFileSync(file, 'utf8'));
  if (!document) throw new ConfigError(`${shown}:${errors[0]}`);
  const parsed = manifestSchema.safeParse(document.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${shown}:${document.locate(issue.path) ?? '1:1'}: ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  for (const id of Object.keys(parsed.data.cases)) {
    if (!findCase(id)) throw new ConfigError(`${shown}:${document.locate(['cases', id]) ?? '1:1'}: cases.${id}: no such case (see \`lsc list\`)`);
  }
  return parsed.data;
}

const cache = new Map<string, Record<string, Expectation>>();

export function expectationsFor(target: string, root: string): Record<string, Expectation> {
  const cached = cache.get(target);
  if (cached) return cached;
  const file = manifestPath(root, target);
  const manifest = existsSync(file) ? readManifest(file).cases : {};
  cache.set(target, manifest);
  return manifest;
}

/**
 * Rewrites a target's manifest from a run's results: failing cases are listed (keeping the notes and
 * links of entries that still apply), passing ones are dropped, and cases the run could not judge
 * (unsupported, skipped, harness errors) keep whatever the manifest said.
 */
export function updateManifest(root: string, target: string, records: CaseRecord[]): { file: string; added: string[]; removed: string[]; kept: string[] } {
  const file = manifestPath(root, target);
  const previous = existsSync(file) ? readManifest(file).cases : {};
  const next: Record<string, Expectation> = { ...previous };
  const added: string[] = [];
  const removed: string[] = [];
  for (const record of records) {
    const id = record.caseId;
    if (!id || record.target !== target) continue;
    if (record.verdict === 'PASS') {
      if (next[id]) removed.push(id);
      delete next[id];
    } else if (record.verdict === 'FAIL' || record.verdict === 'NON_STRICT') {
      if (!previous[id]) added.push(id);
      next[id] = previous[id] ?? { verdict: 'FAIL', note: record.message ?? 'fails', ...(record.expected?.upstream ? { upstream: record.expected.upstream } : {}) };
    }
  }
  const ordered = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `# Known failures of ${target}: a listed case runs as an expected failure; an unexpected pass fails the run.\n# Rewritten by \`lsc expectations update --target ${target}\`; notes and upstream links are kept.\n${stringifyYaml({ target, cases: ordered }, { lineWidth: 0 })}`);
  return { file, added: added.sort(), removed: removed.sort(), kept: Object.keys(ordered).filter((id) => !added.includes(id)) };
}
