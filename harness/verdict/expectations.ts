import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { findCase, parseCaseKey } from '../cases/catalogue.ts';
import { readYamlConfig } from '../core/yaml-config.ts';
import { ConfigError } from '../core/errors.ts';
import { runEnv } from '../core/run-environment.ts';

/**
 * Known failures of a target live outside the tests (DESIGN §7), one manifest per target. A listed
 * case runs as an expected failure, so a fix upstream shows up as an unexpected pass.
 */
const upstreamUrl = z.url({ protocol: /^https$/, message: 'an https URL of the upstream report' });

const entrySchema = z.strictObject({
  /**
   * How the case ends on this target. A list (`[FAIL, INCONCLUSIVE]`, `[FAIL, INCONCLUSIVE, PASS]`) is
   * for a target whose own timing decides from run to run (the note says what), with a signature that
   * matches every failure it allows. PASS in a list makes the case intermittent, as web-platform-tests
   * calls it: a pass is reported as one and does not fail the gate, and the entry stays.
   */
  verdict: z.union(
    [
      z.enum(['FAIL', 'NON_STRICT', 'INCONCLUSIVE']),
      z
        .array(z.enum(['FAIL', 'INCONCLUSIVE', 'PASS']))
        .min(2)
        .refine((list) => new Set(list).size === list.length, { message: 'a verdict is listed twice' }),
    ],
    { error: 'FAIL, NON_STRICT, INCONCLUSIVE, or a list of two or three of FAIL, INCONCLUSIVE and PASS' },
  ),
  /** What was observed, in words a maintainer can check against the report, not a guess at the cause. */
  note: z.string().min(1),
  /**
   * A regular expression over the case's one-line failure message: the entry excuses this failure
   * only. A case that fails some other way is unexpected. `lsc expectations update` writes it.
   */
  signature: z
    .string({
      error: (issue) =>
        issue.input === undefined ? 'missing: every entry says how the case fails (`lsc expectations update` writes it)' : undefined,
    })
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

/**
 * The manifest of a target: the file --expectations named (the user's own, kept in their repository),
 * else fixtures/expectations/<target>.yaml (or the same name under LSC_EXPECTATIONS_DIR).
 */
export function manifestPath(root: string, target: string): string {
  const own = process.env[runEnv.expectations];
  if (own) return own;
  return join(process.env.LSC_EXPECTATIONS_DIR ?? join(root, 'fixtures', 'expectations'), `${target}.yaml`);
}

/** Reads and validates a manifest; every problem names the file and line (exit code 3). */
export function readManifest(file: string): Manifest;
export function readManifest(file: string, options: { unsigned: true }): z.infer<typeof unsignedManifestSchema>;
export function readManifest(file: string, options: { unsigned?: boolean } = {}): z.infer<typeof unsignedManifestSchema> {
  const { data, at } = readYamlConfig(file, options.unsigned ? unsignedManifestSchema : manifestSchema, 'expectations manifest');
  for (const id of Object.keys(data.cases)) {
    if (!parseCaseKey(id))
      throw new ConfigError(
        `${at(['cases', id])}: no such case${findCase(id.split(' ')[0]!) ? ' in that runtime' : ''} (see \`lsc list\`; another runtime than node is named like "SSE-001 [go]")`,
      );
    if (id.startsWith('CONTROL-'))
      throw new ConfigError(`${at(['cases', id])}: the controls prove the harness itself and never take a manifest entry`);
  }
  return data;
}

const cache = new Map<string, Record<string, Expectation>>();

export function expectationsFor(target: string, root: string): Record<string, Expectation> {
  const cached = cache.get(target);
  if (cached) return cached;
  const file = manifestPath(root, target);
  const own = process.env[runEnv.expectations] !== undefined;
  if (own && !existsSync(file))
    throw new ConfigError(`--expectations ${file}: no such file (\`lsc expectations update --out FILE\` writes one)`);
  const read = existsSync(file) ? readManifest(file) : undefined;
  // The user's own file names its target; a manifest of another emulator must not excuse this one's failures.
  if (own && read && read.target !== target)
    throw new ConfigError(
      `${file}: the manifest is for target ${JSON.stringify(read.target)}, and this run judges ${JSON.stringify(target)}`,
    );
  const manifest = read?.cases ?? {};
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
