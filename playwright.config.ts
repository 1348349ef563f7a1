import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './harness/browser/chromium.ts';
import { runEnv, selectedTarget } from './harness/core/run-environment.ts';

const target = selectedTarget();
const reportDir = process.env[runEnv.reportDir] ?? 'lsc-report';
const grep = process.env[runEnv.grep] ? new RegExp(process.env[runEnv.grep]!) : undefined;

/**
 * Projects: `unit` (the harness's own tests), `controls` (the harness proves it can tell streaming
 * from buffering), one conformance project named after the target (runs only if the controls pass),
 * and `selftest` (the command line end to end, through proxies). `npx playwright test
 * --project=reference` works as well as `lsc run`.
 */
export default defineConfig({
  testDir: '.',
  outputDir: `${reportDir}/artifacts`,
  timeout: 90_000,
  fullyParallel: true,
  // Cases mostly wait on timers; more workers than cores keeps the wall time near the longest case.
  workers: process.env.LSC_WORKERS ? Number(process.env.LSC_WORKERS) : 4,
  retries: 0,
  forbidOnly: !!process.env.CI,
  globalSetup: './harness/playwright/global-setup.ts',
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: `${reportDir}/playwright` }],
    ['./harness/report/lsc-reporter.ts', { outputDir: reportDir }],
  ],
  use: {
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'unit', testMatch: /harness\/.*\.test\.ts$/ },
    { name: 'controls', testMatch: /specs\/controls\.spec\.ts$/ },
    // Under `lsc repro run` the target runs one reproduction's case file instead of the catalogue.
    process.env.LSC_REPRO_DIR
      ? { name: target, testMatch: /specs\/repro\/case\.spec\.ts$/, dependencies: ['controls'] }
      : { name: target, testMatch: /specs\/[^/]+\.spec\.ts$/, testIgnore: /controls\.spec\.ts$/, dependencies: ['controls'], grep },
    // After the conformance project, and one at a time: each self-test runs whole suites (emulator,
    // Chromium, timing cases) and two of those at once overload a 2-core machine.
    { name: 'selftest', testMatch: /specs\/selftest\/.+\.spec\.ts$/, dependencies: [target], workers: 1 },
  ],
});
