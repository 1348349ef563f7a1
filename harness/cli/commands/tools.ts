import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TOOL_VERSIONS, toolsVenv } from '../../core/tools.ts';
import { ConfigError, HarnessError } from '../../core/errors.ts';
import { root } from '../../core/paths.ts';
import { targetsCommand } from './targets.ts';

/** `lsc tools install`: the real emulators, pinned, from PyPI into .lsc/tools. */
export function toolsCommand(args: string[]): number {
  if (args[0] !== 'install') throw new ConfigError(`lsc tools takes "install", got ${JSON.stringify(args[0] ?? '')}`);
  const venv = toolsVenv(root);
  const python = process.env.PYTHON ?? 'python3';
  const steps: Array<[string, string[]]> = [
    [python, ['-m', 'venv', venv]],
    [
      join(venv, 'bin', 'pip'),
      ['install', '--disable-pip-version-check', '-q', ...Object.entries(TOOL_VERSIONS).map(([name, version]) => `${name}==${version}`)],
    ],
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
