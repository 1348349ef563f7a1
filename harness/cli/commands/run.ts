import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, positiveNumber, runtimesFlag, templatePath } from '../args.ts';
import { RUNTIMES_ENV } from '../../runtimes/languages.ts';
import { ConfigError, ExitCode } from '../../core/errors.ts';
import { runEnv } from '../../core/run-environment.ts';
import { exitCodeFor } from '../exit-policy.ts';
import { preflight } from '../preflight.ts';
import { runSuite } from '../suite-process.ts';
import { mergeInto } from './report.ts';
import { readTargetFile } from '../../targets/target-file.ts';
import { recordRun } from './compare.ts';
import { formatTargetName, LAYERED_FRONTS, parseRuntimeApis, parseTargetName } from '../../targets/target-name.ts';

/** `lsc run`: the catalogue against one target, judged against its manifest. */
export async function runCommand(args: string[]): Promise<number> {
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
    runtime: { type: 'string' },
    'runtime-api': { type: 'string' },
    record: { type: 'string' },
    expectations: { type: 'string' },
    'target-file': { type: 'string' },
  });
  const runtimes = runtimesFlag(values.runtime);
  const targets =
    typeof values['target-file'] === 'string'
      ? [describedTarget(values['target-file'], args)]
      : targetsWithRuntimeApis(String(values.target), values['runtime-api']);
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(String(values.shard)))
    throw new ConfigError(`--shard takes I/N (for example 1/3), got ${JSON.stringify(values.shard)}`);
  const endpoints = typeof values.endpoints === 'string' ? resolve(values.endpoints) : undefined;
  if (typeof values.expectations === 'string') {
    if (targets.length > 1) throw new ConfigError('--expectations names one target’s manifest: run one --runtime-api at a time');
    // Read here by preflight and inherited by the suite's processes.
    process.env[runEnv.expectations] = resolve(values.expectations);
  }
  const template = templatePath(values.template);
  const prepared = targets.map((target) => preflight(target, endpoints, runtimes, template));
  if (typeof values.grep === 'string') {
    try {
      new RegExp(values.grep);
    } catch (error) {
      throw new ConfigError(`--grep: ${(error as Error).message}`);
    }
  }
  const reportDir = resolve(String(values.report));
  if (typeof values.record === 'string' && targets.length > 1)
    throw new ConfigError('--record writes one target’s observations: run one --runtime-api at a time');
  const record = typeof values.record === 'string' ? resolve(values.record) : undefined;
  const runOne = async (target: string, dir: string) => {
    const outcome = await runSuite({
      functions: prepared[targets.indexOf(target)],
      target,
      endpoints,
      grep: values.grep as string | undefined,
      tolerance: positiveNumber(values['timing-tolerance'], '--timing-tolerance'),
      reportDir: dir,
      template,
      workers: positiveNumber(values.workers, '--workers'),
      strict: values.strict === true,
      shard: values.shard as string | undefined,
      env: { [RUNTIMES_ENV]: runtimes.join(',') },
    });
    return {
      interrupted: outcome.exit !== undefined,
      code: outcome.exit ?? exitCodeFor(join(dir, 'report.json'), outcome.playwrightCode, dir),
    };
  };
  if (targets.length === 1) {
    const { code, interrupted } = await runOne(targets[0]!, reportDir);
    if (record && !interrupted && existsSync(join(reportDir, 'report.json'))) recordRun(reportDir, record);
    return code;
  }
  // One front over several container layers: a run per layer, then one report that says, for each
  // failure, which layer it belongs to.
  const dirs: string[] = [];
  const codes: number[] = [];
  for (const target of targets) {
    const dir = join(reportDir, 'runs', target);
    const { code, interrupted } = await runOne(target, dir);
    // Ctrl-C ends the whole command, not one layer's run; a run that left no report has nothing to merge.
    if (interrupted || (code === ExitCode.harness && !existsSync(join(dir, 'report.json')))) return code;
    dirs.push(dir);
    codes.push(code);
  }
  return worstExitCode([...codes, mergeInto(dirs, reportDir)]);
}

/** The exit code of several runs: a harness error outweighs unexpected results, which outweigh INCONCLUSIVE. */
function worstExitCode(codes: number[]): number {
  const severity: number[] = [ExitCode.ok, ExitCode.inconclusive, ExitCode.unexpected, ExitCode.usage, ExitCode.harness];
  return codes.reduce((worst, code) => (severity.indexOf(code) > severity.indexOf(worst) ? code : worst), ExitCode.ok);
}

/** `--target sam --runtime-api rie,lsc`: the target names of the combinations asked for. */
export function targetsWithRuntimeApis(target: string, runtimeApis: string | boolean | undefined): string[] {
  const { front } = parseTargetName(target);
  if (runtimeApis === undefined) return [target];
  if (target !== front || !LAYERED_FRONTS.has(front))
    throw new ConfigError(
      `--runtime-api applies to ${[...LAYERED_FRONTS].join(', ')} named plainly (--target sam), not to ${JSON.stringify(target)}`,
    );
  return parseRuntimeApis(String(runtimeApis)).map((api) => formatTargetName({ front, runtimeApi: api }));
}

/** `--target-file FILE`: the target is the emulator the file describes, named as the file names it. */
export function describedTarget(file: string, args: string[]): string {
  if (args.some((arg) => arg === '--target' || arg.startsWith('--target=') || arg.startsWith('--runtime-api')))
    throw new ConfigError('--target-file describes the target itself: leave out --target and --runtime-api');
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigError(`--target-file ${file}: no such file`);
  // Read here for its name and to report a bad file before anything starts; every process of the run reads it again.
  process.env[runEnv.targetFile] = path;
  return readTargetFile(path).name;
}
