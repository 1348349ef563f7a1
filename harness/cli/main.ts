import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cases } from '../cases/catalogue.ts';
import { SPEC_FILE } from '../cases/spec-clauses.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { loadTemplate } from '../catalogue/template.ts';
import { reportSchema, rowKey, type Report } from '../report/model.ts';
import { readCaseFile } from '../repro/case-file.ts';
import { scaffoldRepro } from '../repro/scaffold.ts';
import { printSummary, writeReport } from '../report/lsc-reporter.ts';
import { expectationsFor, updateManifest } from '../verdict/expectations.ts';
import { readEndpointMap } from '../targets/endpoint-map.ts';
import { writeEndpointMap } from '../targets/endpoint-map.ts';
import { createTarget, DOCKER_TARGETS, TARGET_NAMES } from '../targets/registry.ts';
import { removeDockerRun } from '../runners/docker-run.ts';
import { TOOL_VERSIONS, toolsVenv } from '../targets/tools.ts';
import { runEnv } from '../playwright/run-environment.ts';
import { requireChromium } from '../browser/chromium.ts';
import { EXTRA_SCHEDULES_ENV } from '../verdict/schedules.ts';
import { ConfigError, ExitCode, HarnessError } from './errors.ts';

/** How long Playwright gets to stop cleanly after an interrupt before its process group is killed. */
const INTERRUPT_GRACE_MS = 10_000;
const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const require = createRequire(import.meta.url);

const usage = `lsc: conformance suite for AWS Lambda response streaming in local emulators

Usage:
  lsc run   [--target reference|rie|rie-container|sam|cargo-lambda|external] [--endpoints FILE] [--grep REGEX]
            [--timing-tolerance MS] [--report DIR] [--template FILE] [--workers N]
            [--strict] [--shard I/N]
  lsc serve [--target reference|rie|rie-container|sam|cargo-lambda] [--template FILE] [--endpoints-out FILE]
  lsc list  [--json]
  lsc targets                    which targets can run here, and what is missing for the others
  lsc tools install              installs the real emulators into .lsc/tools (PyPI, pinned)
  lsc expectations update --target NAME [--report DIR]
  lsc report merge DIR... [--out DIR]
  lsc report markdown DIR         the report as a Markdown matrix with one line per failure
  lsc repro init DIR             scaffolds a reproduction: handler, template, case file
  lsc repro run DIR [--target a,b,...] [--endpoints FILE] [--report DIR]

Exit codes: 0 all as expected · 1 unexpected results · 2 harness or boot error · 3 usage or configuration error
            · 4 no unexpected failure, but a case was INCONCLUSIVE (its precondition did not hold) and no manifest says so`;

function parseWithPositionals(args: string[], options: ParseArgsConfig['options']) {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${usage}`);
  }
}

function parse(args: string[], options: ParseArgsConfig['options']) {
  const { values, positionals } = parseWithPositionals(args, options);
  if (positionals.length > 0) throw new ConfigError(`unexpected argument ${JSON.stringify(positionals[0])}\n\n${usage}`);
  return values;
}

function positiveNumber(value: string | boolean | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new ConfigError(`${flag} takes a positive number, got ${JSON.stringify(value)}`);
  return value;
}

function templatePath(value: string | boolean | undefined): string {
  const file = typeof value === 'string' ? resolve(value) : join(root, 'fixtures', 'template.yaml');
  loadTemplate(file); // fail fast with the template's own message, before anything boots
  return file;
}

interface SuiteRun {
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
}

/** Checks that a target can run and its manifest is valid before anything is spawned. */
function preflight(target: string, endpoints: string | undefined): void {
  requireChromium();
  const missing = createTarget(target, { endpoints }).missing();
  if (missing && target !== 'external') throw new HarnessError(`target ${target} cannot run here: ${missing}`);
  if (target === 'external') {
    if (!endpoints) throw new ConfigError('--target external needs --endpoints FILE (an endpoint map, as `lsc serve` writes)');
    expectationsFor(readEndpointMap(endpoints).target, root);
  } else {
    expectationsFor(target, root);
  }
}

async function runCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    target: { type: 'string', default: 'reference' },
    endpoints: { type: 'string' },
    grep: { type: 'string' },
    'timing-tolerance': { type: 'string' },
    report: { type: 'string', default: 'lsc-report' },
    template: { type: 'string' },
    workers: { type: 'string' },
    strict: { type: 'boolean', default: false },
    shard: { type: 'string' },
  });
  const target = String(values.target);
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(String(values.shard))) throw new ConfigError(`--shard takes I/N (for example 1/3), got ${JSON.stringify(values.shard)}`);
  const endpoints = typeof values.endpoints === 'string' ? resolve(values.endpoints) : undefined;
  preflight(target, endpoints);
  if (typeof values.grep === 'string') {
    try {
      new RegExp(values.grep);
    } catch (error) {
      throw new ConfigError(`--grep: ${(error as Error).message}`);
    }
  }
  const reportDir = resolve(String(values.report));
  const outcome = await runSuite({
    target,
    endpoints,
    grep: values.grep as string | undefined,
    tolerance: positiveNumber(values['timing-tolerance'], '--timing-tolerance'),
    reportDir,
    template: templatePath(values.template),
    workers: positiveNumber(values.workers, '--workers'),
    strict: values.strict === true,
    shard: values.shard as string | undefined,
  });
  return outcome.exit ?? exitCodeFor(join(reportDir, 'report.json'), outcome.playwrightCode, reportDir);
}

/** Runs Playwright once against one target; `exit` is set when the run was interrupted. */
async function runSuite(run: SuiteRun): Promise<{ exit?: number; playwrightCode: number }> {
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
  };
  if (run.endpoints) env[runEnv.endpoints] = run.endpoints;
  if (run.grep) env[runEnv.grep] = run.grep;
  if (run.tolerance) env[runEnv.timingTolerance] = run.tolerance;
  if (run.workers) env.LSC_WORKERS = run.workers;
  if (run.strict) env[runEnv.strict] = '1';
  if (run.shard) env.LSC_SHARD = run.shard;

  const playwrightCli = join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
  // Its own process group, so one Ctrl-C reaches it once (from us), and it can run its teardown.
  const shardArgs = run.shard ? ['--shard', run.shard] : [];
  const child = spawn(process.execPath, [playwrightCli, 'test', '--config', join(root, 'playwright.config.ts'), '--project', 'controls', '--project', run.target, ...shardArgs], {
    cwd: root,
    env,
    stdio: 'inherit',
    detached: true,
  });
  let interrupted = false;
  // Like a terminal's Ctrl-C, the signal goes to the whole group: Playwright's workers expect it too.
  // Playwright can miss it while a worker is still starting, so a bounded grace period follows, then
  // the group is killed (instances die with it through their lifeline); a second Ctrl-C kills at once.
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  };
  let graceTimer: NodeJS.Timeout | undefined;
  const forward = (signal: NodeJS.Signals) => {
    if (interrupted) return signalGroup('SIGKILL');
    interrupted = true;
    signalGroup(signal);
    graceTimer = setTimeout(() => signalGroup('SIGKILL'), INTERRUPT_GRACE_MS);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((resolveExit) => child.on('exit', (exitCode) => resolveExit(exitCode ?? 2)));
  clearTimeout(graceTimer);
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  // A Ctrl-C from here on only marks the run interrupted, so the cleanup below is never cut short.
  const markInterrupted = () => {
    interrupted = true;
  };
  process.on('SIGINT', markInterrupted);
  process.on('SIGTERM', markInterrupted);
  rmSync(workDir, { recursive: true, force: true });
  // Containers outlive a killed runner; whatever this run created goes now, interrupted or not.
  if (DOCKER_TARGETS.has(run.target)) await removeDockerRun(runId);
  process.off('SIGINT', markInterrupted);
  process.off('SIGTERM', markInterrupted);
  if (interrupted) {
    console.error('lsc: interrupted');
    return { exit: ExitCode.harness, playwrightCode: code };
  }
  return { playwrightCode: code };
}

/** Maps the run onto the documented exit codes; the controls failing means no verdict can be trusted. */
function exitCodeFor(reportFile: string, playwrightCode: number, reportDir: string): number {
  if (!existsSync(reportFile)) {
    console.error('lsc: the run produced no report (see the output above)');
    return ExitCode.harness;
  }
  const report = readReport(reportFile);
  console.log(`\nReport: ${join(reportDir, 'index.html')}\nAlso: ${join(reportDir, 'report.json')}, ${join(reportDir, 'junit.xml')}, Playwright's report in ${join(reportDir, 'playwright')}`);
  const code = exitCodeOfReport(report);
  return code === ExitCode.ok && playwrightCode !== 0 ? ExitCode.harness : code;
}

function readReport(file: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not a readable report (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${file}: not an lsc report: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** The documented exit codes, from a report: controls failing means no verdict can be trusted. */
function exitCodeOfReport(report: Report): number {
  if (report.globalErrors.some((error) => /ConfigError/.test(error))) return ExitCode.usage;
  if (report.globalErrors.length > 0) return ExitCode.harness;
  const controls = report.results.filter((r) => r.target === 'controls');
  if (controls.length === 0 || controls.some((r) => r.outcome !== 'expected')) {
    console.error('lsc: the controls failed or did not run: the harness cannot tell streaming from buffering, so no target verdict is valid');
    return ExitCode.harness;
  }
  if (report.results.some((r) => r.verdict === 'ERROR' && r.outcome === 'unexpected')) return ExitCode.harness;
  const unexpected = report.results.filter((r) => r.outcome === 'unexpected');
  if (unexpected.some((r) => r.verdict !== 'INCONCLUSIVE')) return ExitCode.unexpected;
  // Nothing failed, but some cases never got to ask their question on this target.
  if (unexpected.length > 0) return ExitCode.inconclusive;
  return ExitCode.ok;
}

/** Shards and runs against several targets become one matrix; a later result for a cell wins. */
function mergeReports(reports: Report[]): Report {
  const byKey = new Map<string, Report['results'][number]>();
  for (const report of reports) for (const record of report.results) byKey.set(`${record.target}\u0000${rowKey(record)}`, record);
  return {
    format: 'lsc-report/1',
    lscVersion: reports[0]?.lscVersion ?? 'unknown',
    generatedAt: new Date().toISOString(),
    runs: reports.flatMap((r) => r.runs),
    globalErrors: reports.flatMap((r) => r.globalErrors),
    results: [...byKey.values()],
  };
}

/** `merge`: shards and runs against several targets become one matrix; `markdown`: a report as Markdown. */
function reportCommand(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub === 'markdown') {
    const parsed = parseWithPositionals(rest, {});
    if (parsed.positionals.length !== 1) throw new ConfigError('lsc report markdown takes one report directory');
    process.stdout.write(renderMarkdown(readReport(join(resolve(parsed.positionals[0]!), 'report.json'))));
    return ExitCode.ok;
  }
  if (sub !== 'merge') throw new ConfigError(`lsc report takes "merge" or "markdown", got ${JSON.stringify(sub ?? '')}\n\n${usage}`);
  const parsed = parseWithPositionals(rest, { out: { type: 'string', default: 'lsc-report-merged' } });
  if (parsed.positionals.length === 0) throw new ConfigError('lsc report merge needs at least one report directory');
  const merged = mergeReports(parsed.positionals.map((dir) => readReport(join(resolve(dir), 'report.json'))));
  const out = resolve(String(parsed.values.out));
  writeReport(out, merged);
  printSummary(merged);
  console.log(`\nReport: ${join(out, 'index.html')}`);
  return exitCodeOfReport(merged);
}

async function reproCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const parsed = parseWithPositionals(rest, {
    target: { type: 'string', default: 'reference' },
    endpoints: { type: 'string' },
    report: { type: 'string', default: 'lsc-report' },
    'timing-tolerance': { type: 'string' },
  });
  const [dirArg, ...extra] = parsed.positionals;
  if (!dirArg || extra.length > 0) throw new ConfigError(`lsc repro ${sub ?? ''} takes one directory\n\n${usage}`);
  const dir = resolve(dirArg);
  if (sub === 'init') {
    const written = scaffoldRepro(dir);
    console.log(`${dir}: ${written.join(', ')}\nEdit the handler and case.yaml, then: lsc repro run ${dirArg} --target reference,rie`);
    return ExitCode.ok;
  }
  if (sub !== 'run') throw new ConfigError(`lsc repro takes "init" or "run", got ${JSON.stringify(sub ?? '')}\n\n${usage}`);
  const caseFile = readCaseFile(join(dir, 'case.yaml'));
  // The controls calibrate the case file's own schedule too, so its cadence can be judged.
  const frames = caseFile.expect?.frames;
  const scheduleEnv = frames ? { [EXTRA_SCHEDULES_ENV]: `${frames.count}x${frames.intervalMs}` } : {};
  const template = templatePath(join(dir, 'template.yaml'));
  const targets = String(parsed.values.target).split(',').map((t) => t.trim()).filter(Boolean);
  const endpoints = typeof parsed.values.endpoints === 'string' ? resolve(parsed.values.endpoints) : undefined;
  for (const target of targets) preflight(target, endpoints);
  const reportDir = resolve(String(parsed.values.report));
  const reports: Report[] = [];
  for (const target of targets) {
    const targetDir = join(reportDir, target);
    const outcome = await runSuite({ target, endpoints, reportDir: targetDir, template, tolerance: positiveNumber(parsed.values['timing-tolerance'], '--timing-tolerance'), env: { LSC_REPRO_DIR: dir, ...scheduleEnv } });
    if (outcome.exit !== undefined) return outcome.exit;
    const file = join(targetDir, 'report.json');
    if (!existsSync(file)) {
      console.error(`lsc: the run against ${target} produced no report`);
      return ExitCode.harness;
    }
    reports.push(readReport(file));
  }
  const merged = mergeReports(reports);
  writeReport(reportDir, merged);
  console.log('\nAll targets:');
  printSummary(merged);
  console.log(`\nReport: ${join(reportDir, 'index.html')}`);
  return exitCodeOfReport(merged);
}

function expectationsCommand(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub !== 'update') throw new ConfigError(`lsc expectations takes "update", got ${JSON.stringify(sub ?? '')}\n\n${usage}`);
  const values = parse(rest, { target: { type: 'string' }, report: { type: 'string', default: 'lsc-report' } });
  if (typeof values.target !== 'string') throw new ConfigError('lsc expectations update needs --target NAME');
  const report = readReport(join(resolve(String(values.report)), 'report.json'));
  const records = report.results.filter((r) => r.target === values.target);
  if (!records.some((r) => r.target === values.target)) throw new ConfigError(`${values.report}/report.json has no results for target ${JSON.stringify(values.target)}`);
  const { file, added, removed, kept } = updateManifest(root, values.target, records);
  console.log(`${file}: ${added.length} added${added.length ? ` (${added.join(', ')})` : ''}, ${removed.length} removed${removed.length ? ` (${removed.join(', ')})` : ''}, ${kept.length} kept`);
  return ExitCode.ok;
}

async function serveCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    target: { type: 'string', default: 'reference' },
    template: { type: 'string' },
    'endpoints-out': { type: 'string', default: 'lsc-endpoints.json' },
  });
  if (values.target === 'external') throw new ConfigError('lsc serve boots a target; "external" is one that is already running');
  const template = templatePath(values.template);
  const target = createTarget(String(values.target), { template });
  const missing = target.missing();
  if (missing) throw new HarnessError(`target ${target.name} cannot run here: ${missing}`);
  const functions = loadTemplate(template);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await target.stop();
  };
  const onSignal = () => void stop().then(() => process.exit(ExitCode.ok));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    const map = await target.boot(functions);
    const out = resolve(String(values['endpoints-out']));
    writeEndpointMap(out, map);
    console.log(`${map.target} (${map.version ?? 'unknown version'}) is serving:`);
    for (const [name, fn] of Object.entries(map.functions)) console.log(`  ${name.padEnd(20)} ${fn.url ?? fn.invokeUrl}  ${fn.invokeMode ?? ''}`);
    console.log(`Endpoint map: ${out}\nTest it with: lsc run --target external --endpoints ${out}\nCtrl-C stops it.`);
  } catch (error) {
    // Ctrl-C during the boot is how a user stops it: the signal handler ends the process, quietly.
    if (stopping) await new Promise(() => undefined);
    await stop();
    throw error;
  }
  await new Promise(() => undefined);
  return ExitCode.ok;
}

function listCommand(args: string[]): number {
  const values = parse(args, { json: { type: 'boolean', default: false } });
  if (values.json) {
    console.log(JSON.stringify(cases, null, 2));
    return ExitCode.ok;
  }
  for (const c of cases) {
    console.log(`${c.id.padEnd(13)} ${c.title}`);
    console.log(`${''.padEnd(13)} clauses: ${c.clauses.join(', ')} (docs/spec.md) · provenance: ${c.provenance}`);
    console.log(`${''.padEnd(13)} ${c.requirement}\n`);
  }
  console.log(`${cases.length} cases · targets: ${TARGET_NAMES.join(', ')} · each clause is stated, with its sources, in ${SPEC_FILE}`);
  return ExitCode.ok;
}

function targetsCommand(args: string[]): number {
  parse(args, {});
  for (const name of TARGET_NAMES) {
    const target = createTarget(name, { endpoints: name === 'external' ? '--endpoints FILE' : undefined });
    const missing = target.missing();
    console.log(`${name.padEnd(14)} ${missing ? `missing: ${missing}` : `ready: ${target.describe()}`}`);
  }
  return ExitCode.ok;
}

function toolsCommand(args: string[]): number {
  if (args[0] !== 'install') throw new ConfigError(`lsc tools takes "install", got ${JSON.stringify(args[0] ?? '')}`);
  const venv = toolsVenv(root);
  const python = process.env.PYTHON ?? 'python3';
  const steps: Array<[string, string[]]> = [
    [python, ['-m', 'venv', venv]],
    [join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', ...Object.entries(TOOL_VERSIONS).map(([name, version]) => `${name}==${version}`)]],
  ];
  for (const [command, commandArgs] of steps) {
    console.log(`$ ${command} ${commandArgs.join(' ')}`);
    const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
    if (result.error) throw new HarnessError(`${command}: ${result.error.message}`);
    if (result.status !== 0) throw new HarnessError(`${command} ${commandArgs[0]} failed with exit code ${result.status}`);
  }
  console.log(`installed into ${venv}`);
  return targetsCommand([]);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCommand(rest);
    case 'serve':
      return serveCommand(rest);
    case 'list':
      return listCommand(rest);
    case 'report':
      return reportCommand(rest);
    case 'targets':
      return targetsCommand(rest);
    case 'repro':
      return reproCommand(rest);
    case 'tools':
      return toolsCommand(rest);
    case 'expectations':
      return expectationsCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return command === undefined ? ExitCode.usage : ExitCode.ok;
    default:
      throw new ConfigError(`unknown command ${JSON.stringify(command)}\n\n${usage}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (process.env.LSC_DEBUG) console.error(error);
  if (error instanceof ConfigError) {
    console.error(`lsc: ${error.message}`);
    process.exitCode = ExitCode.usage;
  } else if (error instanceof HarnessError) {
    console.error(`lsc: ${error.message}`);
    process.exitCode = ExitCode.harness;
  } else {
    console.error(`lsc: internal error: ${(error as Error).message ?? String(error)} (set LSC_DEBUG=1 for the stack)`);
    process.exitCode = ExitCode.harness;
  }
}
