import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findRie } from '../../harness/core/tools.ts';
import { rowKey } from '../../harness/report/model.ts';
import { readReport } from '../../harness/report/report-file.ts';
import { root, runJudgedLsc, runLsc } from './cli-process.ts';

// An emulator lsc does not know, described instead of programmed: examples/rie.target.yaml describes
// RIE, and its run must give the built-in rie target's verdicts, case by case, and leave nothing behind.
const verdicts = (reportDir: string) =>
  Object.fromEntries(
    readReport(join(reportDir, 'report.json'))
      .results.filter((r) => r.caseId && r.target !== 'controls')
      .map((r) => [rowKey(r), r.verdict]),
  );

const rieProcesses = () => {
  try {
    return execFileSync('pgrep', ['-c', '-f', 'aws-lambda-rie'], { encoding: 'utf8' }).trim();
  } catch {
    return '0';
  }
};

test('a target file describing RIE gives the built-in rie target’s verdicts and leaves no process behind', async () => {
  test.setTimeout(600_000);
  const rie = findRie();
  if (!rie.path && !process.env.CI) test.skip(true, `RIE cannot run here: ${rie.missing}`);
  expect(rie.path, 'RIE must be available in CI').toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-target-file-'));
  const before = rieProcesses();
  try {
    // What is tested is the target file, and RIE's failures are by seconds (it buffers) or by status; a
    // wider timing floor keeps a frame late on a busy CI machine from telling the two runs apart.
    const cases = ['--runtime', 'node,go', '--timing-tolerance', '1000'];
    const builtIn = await runJudgedLsc(['run', '--target', 'rie', ...cases, '--report', join(dir, 'built-in')], { timeoutMs: 300_000 });
    expect(builtIn.code, builtIn.output).toBe(0);
    const described = await runJudgedLsc(
      ['run', '--target-file', join(root, 'examples', 'rie.target.yaml'), ...cases, '--report', join(dir, 'described')],
      { timeoutMs: 300_000, env: { LSC_RIE_BINARY: rie.path! } },
    );
    // No manifest is kept for the example, so RIE's known failures are unexpected here: exit 1.
    expect(described.code, described.output).toBe(1);
    expect(described.output).toMatch(/^rie-described: \d+ as expected, \d+ unexpected/m);
    const expected = verdicts(join(dir, 'built-in'));
    const actual = verdicts(join(dir, 'described'));
    expect(Object.values(expected)).toContain('PASS');
    expect(Object.values(expected)).toContain('FAIL');
    expect(actual).toEqual(expected);
    expect(rieProcesses(), 'RIE processes after the runs').toBe(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a target file with a wrong field or an unknown placeholder is one line with file, line and field; exit 3', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lsc-selftest-target-file-errors-'));
  try {
    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(wrong, 'name: mine\nprocesses:\n  - per: each\n    command: [x]\nendpoints:\n  invokeUrl: http://127.0.0.1:1/\n');
    const field = await runLsc(['run', '--target-file', wrong], { timeoutMs: 30_000 });
    expect(field.code, field.output).toBe(3);
    expect(field.output).toMatch(/wrong\.yaml:3:\d+: processes\.0\.per: /);
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(
      unknown,
      'name: mine\nprocesses:\n  - command: [/bin/true, "{port.x}"]\nendpoints:\n  invokeUrl: "http://127.0.0.1:{port.y}/"\n',
    );
    const placeholder = await runLsc(['run', '--target-file', unknown], { timeoutMs: 60_000 });
    expect(placeholder.code, placeholder.output).toBe(3);
    expect(placeholder.output).toMatch(
      /unknown\.yaml:5:\d+: endpoints\.invokeUrl: unknown placeholder \{port\.y\}: no process listens on it/,
    );
    const builtInName = join(dir, 'rie.yaml');
    writeFileSync(builtInName, 'name: rie\nprocesses:\n  - command: [/bin/true]\nendpoints:\n  invokeUrl: http://127.0.0.1:1/\n');
    const clash = await runLsc(['run', '--target-file', builtInName], { timeoutMs: 30_000 });
    expect(clash.code, clash.output).toBe(3);
    expect(clash.output).toMatch(/rie\.yaml:1:\d+: name: "rie" is a built-in target's name/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
