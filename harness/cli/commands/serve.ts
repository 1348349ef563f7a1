import { resolve } from 'node:path';
import { loadTemplate } from '../../template/template.ts';
import { writeEndpointMap } from '../../targets/endpoint-map.ts';
import { createTarget } from '../../targets/registry.ts';
import { parse, runtimesFlag, templatePath } from '../args.ts';
import { prepareFunctions } from '../../runtimes/prepare.ts';
import { describedTarget, targetsWithRuntimeApis } from './run.ts';
import { ConfigError, ExitCode, HarnessError } from '../../core/errors.ts';

/** `lsc serve`: boots a target and keeps it running, for curl and for other tools. */
export async function serveCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    target: { type: 'string', default: 'reference' },
    template: { type: 'string' },
    'endpoints-out': { type: 'string', default: 'lsc-endpoints.json' },
    runtime: { type: 'string' },
    'runtime-api': { type: 'string' },
    'target-file': { type: 'string' },
  });
  const runtimes = runtimesFlag(values.runtime);
  if (values.target === 'external') throw new ConfigError('lsc serve boots a target; "external" is one that is already running');
  const template = templatePath(values.template);
  const combinations =
    typeof values['target-file'] === 'string'
      ? [describedTarget(values['target-file'], args)]
      : targetsWithRuntimeApis(String(values.target), values['runtime-api']);
  if (combinations.length !== 1) throw new ConfigError('lsc serve boots one target: give --runtime-api one layer (rie or lsc)');
  const target = createTarget(combinations[0]!, { template });
  const missing = target.missing();
  if (missing) throw new HarnessError(`target ${target.name} cannot run here: ${missing}`);
  const functions = prepareFunctions(loadTemplate(template), runtimes, (line) => console.log(`lsc: ${line}`));
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
    for (const [name, fn] of Object.entries(map.functions))
      console.log(`  ${name.padEnd(20)} ${fn.url ?? fn.invokeUrl}  ${fn.invokeMode ?? ''}`);
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
