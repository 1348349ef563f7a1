import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './harness/browser/chromium.ts';
import { defaultWorkers, runEnv, selectedTarget } from './harness/core/run-environment.ts';
import { calibratedSchedules } from './harness/verdict/schedules.ts';

const target = selectedTarget();
// A shard is a machine of its own and must prove its own harness: Playwright runs a project's
// dependencies in every shard, so there the controls come first, as a dependency.
const controlsFirst = process.env.LSC_SHARD ? { dependencies: ['controls'] } : {};

const reportDir = process.env[runEnv.reportDir] ?? 'lsc-report';

// A target's default number of cases at once, when below ten, leaves the controls slots of their own
// beside it (one per control test): sharing a few workers, the controls' 6 to 11 s held every case
// back at the start of each run, and a one-at-a-time target waited for all four in turn. --workers N
// (LSC_WORKERS) is the whole run's count, controls included, as is the reference target's twelve
// (README, "Where the time goes").
const caseWorkers = process.env.LSC_WORKERS ? Number(process.env.LSC_WORKERS) : defaultWorkers(target);
const controlWorkers = 2 * calibratedSchedules().length;
const ownControlSlots = !process.env.LSC_WORKERS && caseWorkers < 10;
const caseSlots = ownControlSlots ? { workers: caseWorkers } : {};
// Sharing a large target's slots, the controls run two at a time (a pair per schedule, one after
// the other): each worker that ran a control is replaced by a new one for the cases (a worker runs
// one project's tests only), and two fewer workers and pages at the start left the reference run
// about a second shorter. In a shard they come first, as a dependency, all at once.
const controlSlots = ownControlSlots ? { workers: controlWorkers } : process.env.LSC_SHARD ? {} : { workers: 2 };
const grep = process.env[runEnv.grep] ? new RegExp(process.env[runEnv.grep]!) : undefined;

/**
 * Projects: `unit` (the harness's own tests), `controls` (the harness proves it can tell streaming
 * from buffering), one conformance project named after the target, and `selftest` (the command line
 * end to end, through proxies). The controls run beside the target's cases, under the same load, and
 * the run is void if they fail (harness/report/lsc-reporter.ts): waiting for them first would add
 * their 12 s to every run. `npx playwright test --project=reference` works as well as `lsc run`.
 */
export default defineConfig({
  testDir: '.',
  // An explicit testDir makes Playwright walk every folder for test files, .lsc/ too (the installed
  // emulators and built fixtures, some 45 000 entries): about 0.3 s before every run's first case,
  // in every nested run of the self-tests too.
  respectGitIgnore: true,
  outputDir: `${reportDir}/artifacts`,
  timeout: 90_000,
  fullyParallel: true,
  workers: ownControlSlots ? caseWorkers + controlWorkers : caseWorkers,
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
    // Workers start after global setup, which launched the run's one Chromium (harness/browser).
    ...(process.env[runEnv.browserEndpoint] ? { connectOptions: { wsEndpoint: process.env[runEnv.browserEndpoint]! } } : {}),
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false },
  },
  projects: [
    { name: 'unit', testMatch: /harness\/.*\.test\.ts$/ },
    { name: 'controls', testMatch: /specs\/controls\.spec\.ts$/, ...controlSlots },
    // Under `lsc repro run` the target runs one reproduction's case file instead of the catalogue.
    process.env.LSC_REPRO_DIR
      ? { name: target, testMatch: /specs\/repro\/case\.spec\.ts$/, ...caseSlots, ...controlsFirst }
      : {
          name: target,
          testMatch: /specs\/[^/]+\.spec\.ts$/,
          testIgnore: /controls\.spec\.ts$/,
          grep,
          ...caseSlots,
          ...controlsFirst,
        },
    // After the conformance project, and one at a time: each self-test runs whole suites (emulator,
    // Chromium, timing cases) and two of those at once overload a 2-core machine.
    { name: 'selftest', testMatch: /specs\/selftest\/.+\.spec\.ts$/, dependencies: ['controls', target], workers: 1 },
  ],
});
