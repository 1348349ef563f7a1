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
const upstreamUrl = z.url({ protocol: /^https$/, message: 'an https URL of the upstream report' });

const entrySchema = z.strictObject({
  verdict: z.enum(['FAIL', 'NON_STRICT', 'INCONCLUSIVE']),
  /** What was observed, in words a maintainer can check against the report, not a guess at the cause. */
  note: z.string().min(1),
  /**
   * A regular expression over the case's one-line failure message: the entry excuses this failure
   * only. A case that fails some other way is unexpected. `lsc expectations update` writes it.
   */
  signature: z
    .string({ error: (issue) => (issue.input === undefined ? 'missing: every entry says how the case fails (`lsc expectations update` writes it)' : undefined) })
    .min(1)
    .refine(isRegExp, { message: 'not a valid regular expression' }),
  /** The upstream reports (issues, fix PRs) of this failure: one https URL or a list. */
  upstream: z.union([upstreamUrl, z.array(upstreamUrl).min(1)]).optional(),
});

const manifestSchema = z.strictObject({
  target: z.string(),
  cases: z.record(z.string(), entrySchema),
});

// `lsc expectations update` also reads a manifest written before entries had signatures, and gives each one.
const unsignedManifestSchema = z.strictObject({
  target: z.string(),
  cases: z.record(z.string(), entrySchema.extend({ signature: entrySchema.shape.signature.optional() })),
});

export type Expectation = z.infer<typeof entrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

/** fixtures/expectations/<target>.yaml, or the same name under LSC_EXPECTATIONS_DIR when set. */
export function manifestPath(root: string, target: string): string {
  return join(process.env.LSC_EXPECTATIONS_DIR ?? join(root, 'fixtures', 'expectations'), `${target}.yaml`);
}

/** Reads and validates a manifest; every problem names the file and line (exit code 3). */
export function readManifest(file: string): Manifest;
export function readManifest(file: string, options: { unsigned: true }): z.infer<typeof unsignedManifestSchema>;
export function readManifest(file: string, options: { unsigned?: boolean } = {}): z.infer<typeof unsignedManifestSchema> {
  const shown = relative(process.cwd(), file) || file;
  const { errors, document } = parseCloudFormationYaml(readFileSync(file, 'utf8'));
  if (!document) throw new ConfigError(`${shown}:${errors[0]}`);
  const parsed = (options.unsigned ? unsignedManifestSchema : manifestSchema).safeParse(document.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${shown}:${document.locate(issue.path) ?? '1:1'}: ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  for (const id of Object.keys(parsed.data.cases)) {
    const where = `${shown}:${document.locate(['cases', id]) ?? '1:1'}: cases.${id}`;
    if (!findCase(id)) throw new ConfigError(`${where}: no such case (see \`lsc list\`)`);
    if (id.startsWith('CONTROL-')) throw new ConfigError(`${where}: the controls prove the harness itself and never take a manifest entry`);
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

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * A signature for one observed failure message: the message itself, with what varies from run to run
 * (times, durations, ports, request ids) generalised, and what tells one failure from another
 * (statuses, counts, sizes, wording) kept literal.
 */
export function signatureOf(message: string): string {
  const text = message.slice(0, 400);
  const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Request ids; loopback ports; a number after "t=" or "+" (a moment); a number followed by a unit of
  // time; any decimal number (measured, never a status or a count).
  const volatile = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=127\.0\.0\.1:)\d+|(?<=t=|\+)\d+(?:\.\d+)?|\d+(?:\.\d+)?(?= ?(?:ms|s)\b)|\d+\.\d+/gi;
  let pattern = '^';
  let at = 0;
  for (const match of text.matchAll(volatile)) {
    pattern += escape(text.slice(at, match.index));
    pattern += match[0].includes('-') ? '[0-9a-f-]{36}' : '\\d+(?:\\.\\d+)?';
    at = match.index + match[0].length;
  }
  pattern += escape(text.slice(at));
  return message.length > 400 ? pattern : `${pattern}$`;
}

export function matchesSignature(expectation: { signature?: string }, message: string | undefined): boolean {
  return expectation.signature === undefined || new RegExp(expectation.signature).test(message ?? '');
}

/**
 * Rewrites a target's manifest from a run's results: failing cases are listed (keeping the notes and
 * links of entries that still apply), passing ones are dropped, and cases the run could not judge
 * (unsupported, skipped, harness errors) keep whatever the manifest said.
 */
export function updateManifest(root: string, target: string, records: CaseRecord[]): { file: string; added: string[]; removed: string[]; kept: string[] } {
  const file = manifestPath(root, target);
  const previous = existsSync(file) ? readManifest(file, { unsigned: true }).cases : {};
  const next: Record<string, Partial<Expectation>> = { ...previous };
  const added: string[] = [];
  const removed: string[] = [];
  for (const record of records) {
    const id = record.caseId;
    if (!id || record.target !== target) continue;
    if (record.verdict === 'PASS') {
      if (next[id]) removed.push(id);
      delete next[id];
    } else if (record.verdict === 'FAIL' || record.verdict === 'NON_STRICT' || record.verdict === 'INCONCLUSIVE') {
      const message = record.message ?? record.verdict;
      const before = previous[id];
      if (!before) added.push(id);
      // A note describes one failure: it stays while the case still fails that way, and is replaced
      // by what was observed when the failure changed.
      const sameFailure = before !== undefined && (before.verdict === record.verdict || (before.verdict === 'NON_STRICT' && record.verdict === 'FAIL')) && matchesSignature(before, message);
      next[id] = {
        verdict: sameFailure ? before.verdict : record.verdict === 'NON_STRICT' ? 'NON_STRICT' : record.verdict,
        note: sameFailure ? before.note : message,
        signature: sameFailure && before.signature ? before.signature : signatureOf(message),
        ...(before?.upstream ? { upstream: before.upstream } : {}),
      };
    }
  }
  const ordered = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, `# Known failures of ${target}: a listed case runs as an expected failure; an unexpected pass fails the run.\n# Rewritten by \`lsc expectations update --target ${target}\`; notes and upstream links are kept.\n${stringifyYaml({ target, cases: ordered }, { lineWidth: 0 })}`);
  return { file, added: added.sort(), removed: removed.sort(), kept: Object.keys(ordered).filter((id) => !added.includes(id)) };
}
