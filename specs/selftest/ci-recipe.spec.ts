import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { root } from './cli-process.ts';

// The gate recipe as another project's CI runs it: the action's own scripts, with the environment
// the action gives them, in a scratch project outside this repository. install.sh packs this
// checkout and installs the tarball (what a release ships); run.sh runs lsc from the scratch
// project with the project's own manifest, writes the job summary and hands on the exit code.
const gate = join(root, '.github', 'actions', 'lsc-gate');

function script(name: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // The outer run's own variables would point the nested one at this run's target and files.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(LSC_|PW_|PLAYWRIGHT_|TEST_)/.test(key)));
    const child = spawn('bash', [join(gate, name)], {
      cwd,
      env: { ...clean, FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test('the CI recipe: the packed package installed in a scratch project runs the cases against reference with the project’s own manifest', async () => {
  test.setTimeout(900_000);
  const project = mkdtempSync(join(tmpdir(), 'lsc-gate-project-'));
  try {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-emulator', private: true }));
    const install = await script('install.sh', project, { LSC_GATE_PACKAGE: root }, 600_000);
    expect(install.code, install.output).toBe(0);
    expect(install.output).toMatch(/^lsc: conformance suite for AWS Lambda response streaming/m);

    writeFileSync(join(project, 'lsc-expectations.yaml'), 'target: reference\ncases: {}\n');
    const summary = join(project, 'summary.md');
    const outputs = join(project, 'outputs.txt');
    const run = await script(
      'run.sh',
      project,
      {
        LSC_GATE_TARGET: 'reference',
        LSC_GATE_EXPECTATIONS: 'lsc-expectations.yaml',
        // Cases that are not timed: this is about the recipe, and the timing cases are judged elsewhere.
        LSC_GATE_ARGS: `--grep 'PRELUDE-001 |FRAMING-001 |IAM-001 ' --runtime node`,
        LSC_GATE_REPORT: 'lsc-report',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: outputs,
      },
      300_000,
    );
    expect(run.code, run.output).toBe(0);
    expect(readFileSync(outputs, 'utf8'), run.output).toBe('exit-code=0\n');
    expect(run.output).toMatch(/reference: 3 as expected, 0 unexpected/);
    // The report and the run's state are the project's, never the installed package's.
    expect(existsSync(join(project, 'lsc-report', 'index.html'))).toBe(true);
    expect(existsSync(join(project, 'lsc-report', 'junit.xml'))).toBe(true);
    const installed = join(project, 'node_modules', 'lambda-streaming-conformance');
    expect(existsSync(join(installed, 'lsc-report')), 'no report inside node_modules').toBe(false);
    expect(existsSync(join(installed, '.lsc')), 'no run state inside node_modules').toBe(false);
    expect(existsSync(join(installed, 'specs', 'selftest')), 'the self-tests are not shipped').toBe(false);
    expect(readFileSync(summary, 'utf8')).toMatch(/`PRELUDE-001` \| pass/);

    // The gate on PRELUDE-001 alone, with one manifest entry for it.
    const gateWithEntry = (verdict: string, note: string) => {
      writeFileSync(
        join(project, 'lsc-expectations.yaml'),
        `target: reference\ncases:\n  PRELUDE-001:\n    verdict: ${verdict}\n    note: ${note}\n    signature: status\n`,
      );
      return script(
        'run.sh',
        project,
        { LSC_GATE_EXPECTATIONS: 'lsc-expectations.yaml', LSC_GATE_ARGS: `--grep 'PRELUDE-001 ' --runtime node`, GITHUB_OUTPUT: outputs },
        300_000,
      );
    };

    // A manifest that expects a failure the target does not have fails the gate: exit code 1 handed on.
    const gated = await gateWithEntry('FAIL', 'drops the prelude');
    expect(gated.code, gated.output).toBe(0);
    expect(readFileSync(outputs, 'utf8')).toBe('exit-code=0\nexit-code=1\n');
    expect(gated.output).toMatch(/PRELUDE-001: passed, but the manifest expects FAIL: drops the prelude/);

    // An intermittent entry (PASS listed too) lets the same pass through, and says so.
    const intermittent = await gateWithEntry('[FAIL, PASS]', 'races');
    expect(intermittent.code, intermittent.output).toBe(0);
    expect(readFileSync(outputs, 'utf8')).toBe('exit-code=0\nexit-code=1\nexit-code=0\n');
    expect(intermittent.output).toMatch(/^reference: 1 as expected, 0 unexpected, 1 intermittent passes$/m);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
