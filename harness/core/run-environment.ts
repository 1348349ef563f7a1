/**
 * What the command line hands to a Playwright run, through environment variables because Playwright
 * workers are separate processes. One place names them all.
 */
export const runEnv = {
  target: 'LSC_TARGET',
  endpoints: 'LSC_ENDPOINTS',
  template: 'LSC_TEMPLATE',
  timingTolerance: 'LSC_TIMING_TOLERANCE',
  reportDir: 'LSC_REPORT_DIR',
  grep: 'LSC_GREP',
  strict: 'LSC_STRICT',
  /** --expectations FILE: the user's own manifest for this run's target, instead of the shipped one. */
  expectations: 'LSC_EXPECTATIONS',
  /** --target-file FILE: the run's target is the emulator that file describes. */
  targetFile: 'LSC_TARGET_FILE',
  /** A temp dir the command line owns and removes; global setup uses it when present. */
  workDir: 'LSC_WORK_DIR',
  /** Set by global setup: the endpoint map file workers read. */
  bootedEndpoints: 'LSC_BOOTED_ENDPOINTS',
  /** Set by global setup: the file of what it resolved for every worker (harness/playwright/run-plan.ts). */
  runPlan: 'LSC_RUN_PLAN',
  /** Set by global setup: a loopback URL that serves the target's logs. */
  targetLogsUrl: 'LSC_TARGET_LOGS_URL',
  /** Set by global setup: the loopback URL of the token the burst cases take turns with. */
  burstToken: 'LSC_BURST_TOKEN',
  /** Set by global setup: the file the run's machine sentinel records the machine's freezes in. */
  machineStalls: 'LSC_MACHINE_STALLS',
  /** Set by global setup: the one Chromium every worker connects to. */
  browserEndpoint: 'LSC_BROWSER_ENDPOINT',
} as const;

export function selectedTarget(): string {
  return process.env[runEnv.target] ?? 'reference';
}

export function defaultTemplate(root: string): string {
  return process.env[runEnv.template] ?? `${root}/fixtures/template.yaml`;
}

/**
 * Workers when LSC_WORKERS does not say. Cases mostly wait on timers, so more workers than cores
 * keeps a run near its longest case; how many a target bears depends on what one invocation costs
 * it. The reference target's instances are light: twelve workers hold every timing case on a loaded
 * 2-core machine (no frame judged more than 0.25 s late) and bring its run to about 3× its longest
 * case. More cases at once, or the controls in two slots of their own beside twelve, lost Chromium
 * timing cases to the machine's load (README, "Where the time goes"). The real emulators start
 * processes or containers per instance, and more than four workers made their timing cases lag.
 */
export function defaultWorkers(target: string): number {
  if (target === 'reference') return 12;
  // serverless-aws-lambda runs a function's concurrent invocations in one worker thread, and with
  // several cases at once two of them (IWRS-003, SLOW-001) answered differently from run to run; one
  // case at a time they did not. CONCURRENCY-001 and CONCURRENCY-002 still judge concurrency.
  if (target === 'serverless-aws-lambda') return 1;
  // SAM starts a container per invocation and mostly waits on Docker; its front buffers every
  // stream, so no timing case it could pass is at stake. Eight halve its run and held its manifest.
  if (target === 'sam' || target.startsWith('sam[')) return 8;
  return 4;
}
