import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Report } from '../../harness/report/model.ts';
import { runLsc } from './cli-process.ts';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-reports-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('shards of a run merge into one report with every case, JUnit and HTML included', async () => {
  const grep = 'PRELUDE-00[1-6] ';
  const shards = await Promise.all(
    ['1/2', '2/2'].map((shard, i) =>
      runLsc(['run', '--grep', grep, '--shard', shard, '--report', join(dir, `shard${i + 1}`), '--workers', '2'], { timeoutMs: 120_000 }),
    ),
  );
  for (const shard of shards) expect(shard.code, shard.output).toBe(0);
  const merged = await runLsc(['report', 'merge', join(dir, 'shard1'), join(dir, 'shard2'), '--out', join(dir, 'merged')], {
    timeoutMs: 30_000,
  });
  expect(merged.code, merged.output).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'merged', 'report.json'), 'utf8')) as Report;
  const ids = report.results
    .filter((r) => r.target === 'reference')
    .map((r) => r.caseId)
    .sort();
  expect(ids).toEqual(['PRELUDE-001', 'PRELUDE-002', 'PRELUDE-003', 'PRELUDE-004', 'PRELUDE-005', 'PRELUDE-006']);
  // One control per kind and calibrated schedule.
  expect(report.results.filter((r) => r.target === 'controls')).toHaveLength(4);
  const first = report.results.find((r) => r.caseId === 'PRELUDE-001')!;
  expect(first).toMatchObject({ verdict: 'PASS', provenance: 'aws-runtime-source', clauses: ['RS-PRELUDE-02'] });
  expect(first.evidence.some((e) => e.kind === 'timeline')).toBe(true);
  const junit = readFileSync(join(dir, 'merged', 'junit.xml'), 'utf8');
  expect(junit.match(/<testcase /g)).toHaveLength(10);
  expect(junit).toContain('name="PRELUDE-003 each prelude cookie is its own Set-Cookie"');
  const html = readFileSync(join(dir, 'merged', 'index.html'), 'utf8');
  expect(html).toContain('id="matrix"');
  expect(html, 'nothing loaded from the network').not.toMatch(/<script|<link|src="https?:/);
});

test('merging something that is not a report is a configuration error; exit 3', async () => {
  const { code, output } = await runLsc(['report', 'merge', join(dir, 'nowhere')], { timeoutMs: 30_000 });
  expect(code).toBe(3);
  expect(output).toMatch(/nowhere\/report\.json: not a readable report/);
});
