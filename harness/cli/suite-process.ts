import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { runEnv } from '../core/run-environment.ts';
import { removeDockerRun } from '../runners/docker-run.ts';
import { createTarget, runsContainers } from '../targets/registry.ts';
import { ExitCode } from '../core/errors.ts';
import { root } from '../core/paths.ts';
import { endGroup, signalGroup } from './process-group.ts';
import { EARLY_START_ENV, EARLY_START_PRELOAD, prepareEarlyStart } from '../runners/early-start.ts';
import type { FunctionSpec } from '../template/function-spec.ts';

/** How long Playwright gets to stop cleanly after an interrupt before its process group is killed. */
const INTERRUPT_GRACE_MS = 10_000;
const require = createRequire(import.meta.url);

/** One Playwright run against one target, as the command line hands it over. */
export interface SuiteRun {
  target: string;
  endpoints?: string;
  grep?: string;
  tolerance?: string;
  reportDir: string;
  template: string;
  workers?: string;
  strict?: boolean;
  shard?: string;
  env?: NodeJS.ProcessEnv;
  /** The functions preflight prepared: given them, a target with an early launch starts with Playwright's runner. */
  functions?: FunctionSpec[];
}

/**
 * The compile caches of tsx (the reference emulator's process, and the workers when lsc is installed
 * as a package) and of Playwright live in the system's temp dir and are meant to outlive runs; the
 * run's own temp dir links to them, or every run would compile its TypeScript anew. A link that
 * cannot be made only costs that.
 */
function linkCompileCaches(runTmp: string): void {
  const uid = process.geteuid?.();
  for (const name of [
    `tsx-${uid ?? userInfo().username}`,
    uid === undefined ? 'playwright-transform-cache' : `playwright-transform-cache-${uid}`,
  ]) {
    const shared = join(tmpdir(), name);
    try {
      mkdirSync(shared, { recursive: true });
      symlinkSync(shared, join(runTmp, name));
    } catch {
      // a cold cache for this run
    }
  }
}

/**
 * A target with an early launch (the reference emulator) starts with Playwright's runner, while the
 * runner loads and collects the cases, instead of in global setup after that (README, "Where the time
 * goes"); its boot takes it over. A launch that cannot be prepared (a bad LSC_REFERENCE_INTERPOSE) is
 * left to global setup, which reports it.
 */
function earlyStartFile(workDir: string, target: string, functions: FunctionSpec[]): string | undefined {
  try {
    const launch = createTarget(target).earlyLaunch?.(functions);
    return launch && prepareEarlyStart(workDir, launch);
  } catch {
    return undefined;
  }
}

/** Runs Playwright once against one target; `exit` is set when the run was interrupted. */
export async function runSuite(run: SuiteRun): Promise<{ exit?: number; playwrightCode: number }> {
  const reportFile = join(run.reportDir, 'report.json');
  rmSync(reportFile, { force: true });
  // Owned here, not by the Playwright runner, so it is removed even if the runner has to be killed.
  const workDir = mkdtempSync(join(tmpdir(), 'lsc-run-'));
  const runId = randomUUID().slice(0, 8);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...run.env,
    LSC_RUN_ID: runId,
    [runEnv.workDir]: workDir,
    [runEnv.target]: run.target,
    [runEnv.template]: run.template,
    [runEnv.reportDir]: run.reportDir,
    // Whatever the runner, its workers and Chromium put in temp (Playwright's trace staging, the
    // browser profile) goes with the work dir, even from a worker killed mid-trace.
    TMPDIR: workDir,
  };
  linkCompileCaches(workDir);
  if (run.endpoints) env[runEnv.endpoints] = run.endpoints;
  if (run.grep) env[runEnv.grep] = run.grep;
  if (run.tolerance) env[runEnv.timingTolerance] = run.tolerance;
  if (run.workers) env.LSC_WORKERS = run.workers;
  if (run.strict) env[runEnv.strict] = '1';
  if (run.shard) env.LSC_SHARD = run.shard;
  // Playwright compiles TypeScript only outside node_modules; installed as a package, the specs and
  // the harness are inside it, so the runner and its workers load tsx, as the command line does.
  if (root.split(sep).includes('node_modules'))
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import ${import.meta.resolve('tsx')}`.trim();

  const earlyStart = run.functions && earlyStartFile(workDir, run.target, run.functions);
  if (earlyStart) env[EARLY_START_ENV] = earlyStart;
  const playwrightCli = join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
  // Its own process group, so one Ctrl-C reaches it once (from us), and it can run its teardown.
  const shardArgs = run.shard ? ['--shard', run.shard] : [];
  const child = spawn(
    process.execPath,
    [
      ...(earlyStart ? ['--import', EARLY_START_PRELOAD] : []),
      playwrightCli,
      'test',
      '--config',
      join(root, 'playwright.config.ts'),
      '--project',
      'controls',
      '--project',
      run.target,
      ...shardArgs,
    ],
    {
      cwd: root,
      env,
      stdio: 'inherit',
      detached: true,
    },
  );
  const group = child.pid;
  let interrupted = false;
  // Like a terminal's Ctrl-C, the signal goes to the whole group: Playwright's workers expect it too.
  // Playwright can miss it while a worker is still starting, so a bounded grace period follows, then
  // the group is killed (instances die with it through their lifeline); a second Ctrl-C kills at once.
  const signalRun = (signal: NodeJS.Signals) => {
    if (group !== undefined) signalGroup(group, signal);
  };
  let graceTimer: NodeJS.Timeout | undefined;
  const forward = (signal: NodeJS.Signals) => {
    if (interrupted) return signalRun('SIGKILL');
    interrupted = true;
    signalRun(signal);
    graceTimer = setTimeout(() => signalRun('SIGKILL'), INTERRUPT_GRACE_MS);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolveExit) => child.on('exit', (exitCode) => resolveExit(exitCode ?? 2)));
  // The runner can exit before its workers, which still write their traces into the work dir.
  if (group !== undefined) await endGroup(group, INTERRUPT_GRACE_MS);
  clearTimeout(graceTimer);
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  // A Ctrl-C from here on only marks the run interrupted, so the cleanup below is never cut short.
  const markInterrupted = () => {
    interrupted = true;
  };
  process.on('SIGINT', markInterrupted);
  process.on('SIGTERM', markInterrupted);
  // Containers outlive a killed runner; whatever this run created goes now, interrupted or not.
  if (runsContainers(run.target)) await removeDockerRun(runId);
  rmSync(workDir, { recursive: true, force: true });
  process.off('SIGINT', markInterrupted);
  process.off('SIGTERM', markInterrupted);
  if (interrupted) {
    console.error('lsc: interrupted');
    return { exit: ExitCode.harness, playwrightCode: code };
  }
  return { playwrightCode: code };
}
