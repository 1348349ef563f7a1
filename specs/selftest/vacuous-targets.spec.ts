import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Report } from '../../harness/report/model.ts';
import { runJudgedLsc } from './cli-process.ts';
import { behindProxy, type ProxyMode } from './proxies.ts';

test.describe.configure({ mode: 'parallel' });

/**
 * An emulator that does nothing right earns no PASS: the whole catalogue runs against a proxy in front
 * of the reference target that answers every Function URL, invoke and InvokeWithResponseStream request
 * at once with the same canned answer. Cases that expect an error must first prove the normal path, so
 * they are INCONCLUSIVE there, never PASS.
 */
for (const mode of ['fail-502', 'empty-200'] as const satisfies readonly ProxyMode[]) {
  test(`an emulator that answers ${mode === 'fail-502' ? '502' : 'an empty 200'} to everything earns no PASS`, async () => {
    test.setTimeout(240_000);
    const { run, report } = await behindProxy(
      mode,
      async (dir, endpoints) => {
        const run = await runJudgedLsc(['run', '--target', 'external', '--endpoints', endpoints, '--report', join(dir, 'report')], {
          timeoutMs: 200_000,
          env: { LSC_EXPECTATIONS_DIR: dir },
        });
        return { run, report: JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as Report };
      },
      { allEndpoints: true },
    );
    const judged = report.results.filter((r) => r.target === `reference-behind-${mode}-proxy`);
    expect(judged.length, run.output).toBeGreaterThan(40);
    const passed = judged.filter((r) => r.verdict === 'PASS' || r.verdict === 'NON_STRICT').map((r) => r.caseId);
    expect(passed, `cases that passed against an emulator answering ${mode} to everything`).toEqual([]);
    // The controls still passed: the run is judged, not broken.
    expect(
      report.results.filter((r) => r.target === 'controls').every((r) => r.verdict === 'PASS'),
      run.output,
    ).toBe(true);
    expect(run.code, run.output).toBe(1);
    // Cases that expect a failure say why they could not ask their question.
    const inconclusive = judged.filter((r) => r.verdict === 'INCONCLUSIVE');
    expect(inconclusive.map((r) => r.caseId)).toEqual(
      expect.arrayContaining(['ERR-001', 'LIMIT-002', 'LIMIT-003', 'MALFORMED-001', 'MALFORMED-002', 'MALFORMED-003', 'INVOKE-003']),
    );
    for (const r of inconclusive) expect(r.message, r.caseId).toMatch(/^precondition not met \(/);
  });
}
