import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readReport } from '../../harness/report/report-file.ts';
import { runJudgedLsc, runLsc, withHeadline } from './cli-process.ts';
import { behindProxy } from './proxies.ts';

// The timing cases: what a buffering middlebox must break and a re-chunking one must not.
const timingCases = 'SSE-00[1245] ';

test.describe.configure({ mode: 'parallel' });

/** `lsc run` of some cases against the proxied endpoint map, manifests read from the scratch dir. */
const runCases = (dir: string, endpoints: string, grep: string, report: string, extra: string[] = []) =>
  runJudgedLsc(['run', '--target', 'external', '--endpoints', endpoints, '--grep', grep, '--report', join(dir, report), ...extra], {
    timeoutMs: 120_000,
    env: { LSC_EXPECTATIONS_DIR: dir },
  });

const runTimingCases = (dir: string, endpoints: string, report: string, extra: string[] = []) =>
  runCases(dir, endpoints, timingCases, report, ['--workers', '2', ...extra]);

test('behind a buffering proxy the timing cases fail and say it was buffered; known failures then pass the gate, unless --strict or they fail differently', async () => {
  test.setTimeout(300_000);
  const { first, update, manifest, second, strictAndDifferent } = await behindProxy('buffer', async (dir, endpoints) => {
    const first = await runTimingCases(dir, endpoints, 'first');
    // From here on the manifest is the project's own file, as an emulator's repository would keep it.
    const own = join(dir, 'own-manifest.yaml');
    const update = await runLsc(
      ['expectations', 'update', '--target', 'reference-behind-buffer-proxy', '--report', join(dir, 'first'), '--out', own],
      { timeoutMs: 30_000 },
    );
    const manifest = readFileSync(own, 'utf8');
    const second = await runTimingCases(dir, endpoints, 'second', ['--expectations', own]);
    // Two ways a known failure stops excusing a case, in one run: a broken SHOULD is acceptable until
    // --strict says it is not, and a known failure is pinned to how it fails.
    writeFileSync(
      own,
      manifest
        .replace(/(SSE-001:\n\s+verdict: )FAIL/, '$1NON_STRICT')
        // A function, not a replacement string: in one, `$'` would mean "the text after the match".
        .replace(/(SSE-004:\n(?:\s+\w+: .*\n)*?\s+signature: ).*/, (_, head: string) => `${head}'^never the observed failure$'`),
    );
    const strictAndDifferent = await runCases(dir, endpoints, 'SSE-00[14] ', 'strict', ['--strict', '--expectations', own]);
    return { first, update, manifest, second, strictAndDifferent };
  });
  const { code, output } = first;
  expect(code, withHeadline(output)).toBe(1);
  expect(output).toMatch(/unexpected \(SSE-00\d(, SSE-00\d){3}\)/);
  expect(output).toMatch(/SSE-001: .*\d+ frames arrived within \d+ ms at t=\d+\.\d\d s.*buffered/);
  expect(output).toMatch(/SSE-002: .*buffered/);
  expect(output).toMatch(/SSE-004: first frame arrived at t=\d+\.\d\d s, \d+\.\d\d s after it was written/);
  expect(output).toMatch(/SSE-005: first frame arrived at/);
  expect(update.code, update.output).toBe(0);
  expect(update.output).toMatch(/4 added \(SSE-001, SSE-002, SSE-004, SSE-005\)/);
  // The note is the observed message; YAML quotes it, as it holds ": ".
  expect(manifest).toMatch(/SSE-001:\n\s+verdict: FAIL\n\s+note: "?.*buffered"?\n\s+signature: "?\^\d+ frames arrived within/);
  expect(second.code, second.output).toBe(0);
  expect(second.output).toMatch(/reference-behind-buffer-proxy: 4 as expected, 0 unexpected, 4 known failures/);
  expect(strictAndDifferent.code, strictAndDifferent.output).toBe(1);
  expect(strictAndDifferent.output).toMatch(
    /reference-behind-buffer-proxy: 0 as expected, 2 unexpected \((SSE-001, SSE-004|SSE-004, SSE-001)\)/,
  );
  expect(strictAndDifferent.output).toMatch(/SSE-001: .*buffered/);
  expect(strictAndDifferent.output).toMatch(
    /SSE-004: failed differently: the manifest expects FAIL matching \/\^never the observed failure\$\/ \(.*\); observed FAIL: first frame arrived at t=/,
  );
});

test('behind a proxy that only re-chunks bytes the timing cases pass; a stale known failure is an unexpected pass', async () => {
  const { stale, report } = await behindProxy('rechunk', async (dir, endpoints) => {
    writeFileSync(
      join(dir, 'reference-behind-rechunk-proxy.yaml'),
      'target: reference-behind-rechunk-proxy\ncases:\n  SSE-001:\n    verdict: FAIL\n    note: buffers everything\n    signature: buffered\n',
    );
    const stale = await runTimingCases(dir, endpoints, 'stale');
    return { stale, report: readReport(join(dir, 'stale', 'report.json')) };
  });
  // Every timing case passed: the three the manifest says nothing of, and the one it says is buffered.
  const verdicts = report.results.filter((r) => r.target === 'reference-behind-rechunk-proxy').map((r) => `${r.caseId} ${r.verdict}`);
  expect(verdicts.sort(), stale.output).toEqual(['SSE-001 PASS', 'SSE-002 PASS', 'SSE-004 PASS', 'SSE-005 PASS']);
  expect(stale.code, stale.output).toBe(1);
  expect(stale.output).toMatch(/reference-behind-rechunk-proxy: 3 as expected, 1 unexpected \(SSE-001\)/);
  expect(stale.output).toMatch(/SSE-001: passed, but the manifest expects FAIL: buffers everything/);
});
