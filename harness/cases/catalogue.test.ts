import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cases } from './catalogue.ts';
import { SPEC_FILE, specClauses } from './spec-clauses.ts';

test('case IDs are unique and every case cites at least one clause', () => {
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  for (const c of cases) expect(c.clauses.length, c.id).toBeGreaterThan(0);
});

test('every clause a case cites resolves to an anchor in docs/spec.md', () => {
  const clauses = specClauses();
  const unresolved = cases.flatMap((c) => c.clauses.filter((id) => !clauses.has(id)).map((id) => `${c.id} → ${id}`));
  expect(unresolved).toEqual([]);
});

test('docs/spec.md: one anchor per clause, each with a statement, sources and a provenance', () => {
  const text = readFileSync(SPEC_FILE, 'utf8');
  const anchors = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
  expect(new Set(anchors).size, 'anchors are unique').toBe(anchors.length);
  expect(specClauses().size, 'every anchor opens a clause').toBe(anchors.length);
  for (const clause of specClauses().values()) {
    expect(['aws-doc', 'aws-runtime-source', 'observed-aws', 'inferred'], clause.id).toContain(clause.provenance);
    if (clause.provenance === 'inferred' && !clause.id.startsWith('LSC-'))
      expect(clause.statement, clause.id).toMatch(/\((inference|unverified)\)/);
  }
  const sections = text.split(/^<a id=/m).slice(1);
  for (const section of sections) expect(section, section.slice(0, 40)).toMatch(/^Sources: .*\]\(https?:|^Sources: .*\]\(\.\./m);
});

test('a case resting on an inferred clause is marked inferred itself', () => {
  const clauses = specClauses();
  const overclaimed = cases
    .filter(
      (c) => c.provenance !== 'inferred' && c.clauses.some((id) => clauses.get(id)?.provenance === 'inferred' && !id.startsWith('LSC-')),
    )
    .map((c) => `${c.id} (${c.provenance}) cites ${c.clauses.filter((id) => clauses.get(id)?.provenance === 'inferred').join(', ')}`);
  expect(overclaimed).toEqual([]);
});
