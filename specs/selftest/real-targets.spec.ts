import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createTarget } from '../../harness/targets/registry.ts';
import { runLsc } from './cli-process.ts';

// Real emulators are judged against their manifests (fixtures/expectations/<target>.yaml): the gate
// holds when every known failure still fails and everything else passes. In CI a target that cannot
// run is an error; on a laptop without the tools it is skipped with what to install.
for (const name of ['rie', 'rie-container', 'sam', 'cargo-lambda']) {
  test(`the suite against ${name} holds its expectations manifest`, async () => {
    test.setTimeout(480_000);
    const missing = createTarget(name).missing();
    if (missing && !process.env.CI) test.skip(true, `${name} cannot run here: ${missing}`);
    expect(missing, `${name} must be runnable in CI`).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), `lsc-selftest-${name}-`));
    try {
      const { code, output } = await runLsc(['run', '--target', name, '--runtime', 'node,go,rust', '--report', join(dir, 'report')], {
        timeoutMs: 450_000,
      });
      expect(code, output).toBe(0);
      expect(output).toMatch(new RegExp(`^${name}: \\d+ as expected, 0 unexpected, \\d+ known failures`, 'm'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
