import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readReport } from '../../harness/report/report-file.ts';
import { createTarget } from '../../harness/targets/registry.ts';
import { runJudgedLsc, withHeadline } from './cli-process.ts';

// Real emulators are judged against their manifests (fixtures/expectations/<target>.yaml): the gate
// holds when every known failure still fails and everything else passes. In CI a target that cannot
// run is an error; on a laptop without the tools it is skipped with what to install.
const runs: Array<{ name: string; args: string[]; summaries: string[]; timeoutMs: number }> = [
  { name: 'rie', args: ['--target', 'rie'], summaries: ['rie'], timeoutMs: 450_000 },
  { name: 'rie-container', args: ['--target', 'rie-container'], summaries: ['rie-container'], timeoutMs: 450_000 },
  // lsc's container layer on its own: RIE's contract outside, streaming inside.
  {
    name: 'rie-container[runtime-api=lsc]',
    args: ['--target', 'rie-container', '--runtime-api', 'lsc'],
    summaries: ['rie-container\\[runtime-api=lsc\\]'],
    timeoutMs: 450_000,
  },
  // SAM's front over both container layers in one run: each held to its own manifest, and the merged
  // report says which layer each failure belongs to.
  {
    name: 'sam',
    args: ['--target', 'sam', '--runtime-api', 'rie,lsc'],
    summaries: ['sam', 'sam\\[runtime-api=lsc\\]'],
    timeoutMs: 900_000,
  },
  { name: 'cargo-lambda', args: ['--target', 'cargo-lambda'], summaries: ['cargo-lambda'], timeoutMs: 450_000 },
  { name: 'serverless-aws-lambda', args: ['--target', 'serverless-aws-lambda'], summaries: ['serverless-aws-lambda'], timeoutMs: 300_000 },
];

for (const { name, args, summaries, timeoutMs } of runs) {
  test(`the suite against ${name} holds its expectations manifest`, async () => {
    test.setTimeout(timeoutMs + 30_000);
    const missing = createTarget(name).missing();
    if (missing && !process.env.CI) test.skip(true, `${name} cannot run here: ${missing}`);
    expect(missing, `${name} must be runnable in CI`).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), `lsc-selftest-${name}-`));
    try {
      const report = join(dir, 'report');
      const { code, output } = await runJudgedLsc(['run', ...args, '--runtime', 'node,go,rust', '--report', report], { timeoutMs });
      expect(code, withHeadline(output)).toBe(0);
      for (const summary of summaries)
        expect(output).toMatch(new RegExp(`^${summary}: \\d+ as expected, 0 unexpected, \\d+ known failures`, 'm'));
      if (summaries.length > 1) {
        const merged = readReport(join(report, 'report.json'));
        const attributed = merged.results.filter((r) => r.attribution);
        // SAM 1.170 buffers in its front and RIE buffers below it: the streaming failures are the front's.
        expect(
          attributed.some((r) => r.caseId === 'SSE-001' && r.attribution!.startsWith('front:')),
          'SSE-001 attributed to the front',
        ).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
