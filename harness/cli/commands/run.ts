import { join, resolve } from 'node:path';
import { parse, positiveNumber, runtimesFlag, templatePath } from '../args.ts';
import { RUNTIMES_ENV } from '../../runtimes/languages.ts';
import { ConfigError } from '../../core/errors.ts';
import { exitCodeFor } from '../exit-policy.ts';
import { preflight } from '../preflight.ts';
import { runSuite } from '../suite-process.ts';

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
  });
  const runtimes = runtimesFlag(values.runtime);
  const target = String(values.target);
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(String(values.shard)))
    throw new ConfigError(`--shard takes I/N (for example 1/3), got ${JSON.stringify(values.shard)}`);
  const endpoints = typeof values.endpoints === 'string' ? resolve(values.endpoints) : undefined;
  preflight(target, endpoints, runtimes, templatePath(values.template));
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
    env: { [RUNTIMES_ENV]: runtimes.join(',') },
  });
  return outcome.exit ?? exitCodeFor(join(reportDir, 'report.json'), outcome.playwrightCode, reportDir);
}
