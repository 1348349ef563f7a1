import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { findCase } from '../cases/catalogue.ts';
import { ConfigError } from '../cli/errors.ts';

/**
 * Known failures of a target live outside the tests (DESIGN §7), one manifest per target. A listed
 * case runs as an expected failure, so a fix upstream shows up as an unexpected pass.
 */
const manifestSchema = z.strictObject({
  target: z.string(),
  cases: z.record(
    z.string(),
    z.strictObject({
      verdict: z.enum(['FAIL', 'NON_STRICT']),
      note: z.string().min(1),
      upstream: z.string().optional(),
    }),
  ),
});

export type Expectation = z.infer<typeof manifestSchema>['cases'][string];

const cache = new Map<string, Record<string, Expectation>>();

export function expectationsFor(target: string, root: string): Record<string, Expectation> {
  const cached = cache.get(target);
  if (cached) return cached;
  const file = join(root, 'fixtures', 'expectations', `${target}.yaml`);
  let manifest: Record<string, Expectation> = {};
  if (existsSync(file)) {
    const parsed = manifestSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(`${file}: ${issue.path.map(String).join('.')}: ${issue.message}`);
    }
    for (const id of Object.keys(parsed.data.cases)) {
      if (!findCase(id)) throw new ConfigError(`${file}: cases.${id}: no such case (see \`lsc list\`)`);
    }
    manifest = parsed.data.cases;
  }
  cache.set(target, manifest);
  return manifest;
}
