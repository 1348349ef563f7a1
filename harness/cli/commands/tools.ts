import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { npmToolsDir, TOOL_VERSIONS, toolsVenv } from '../../core/tools.ts';
import { ConfigError, HarnessError } from '../../core/errors.ts';
import { root } from '../../core/paths.ts';
import { targetsCommand } from './targets.ts';

/** `lsc tools install`: the real emulators, pinned, from PyPI and npm into .lsc/tools. */
export function toolsCommand(args: string[]): number {
  if (args[0] !== 'install') throw new ConfigError(`lsc tools takes "install", got ${JSON.stringify(args[0] ?? '')}`);
  const venv = toolsVenv();
  const python = process.env.PYTHON ?? 'python3';
  const steps: Array<[string, string[]]> = [
    [python, ['-m', 'venv', venv]],
    [
      join(venv, 'bin', 'pip'),
      ['install', '--disable-pip-version-check', '-q', ...Object.entries(TOOL_VERSIONS).map(([name, version]) => `${name}==${version}`)],
    ],
  ];
  // npm's side installs from a committed lock file, without install scripts (none is needed).
  const npmTools = npmToolsDir();
  mkdirSync(npmTools, { recursive: true });
  for (const file of ['package.json', 'package-lock.json'])
    copyFileSync(join(root, 'harness', 'targets', 'npm-tools', file), join(npmTools, file));
  steps.push(['npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', npmTools]]);
  for (const [command, commandArgs] of steps) {
    console.log(`$ ${command} ${commandArgs.join(' ')}`);
    const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
    if (result.error) throw new HarnessError(`${command}: ${result.error.message}`);
    if (result.status !== 0) throw new HarnessError(`${command} ${commandArgs[0]} failed with exit code ${result.status}`);
  }
  console.log(`installed into ${venv} and ${npmTools}`);
  return targetsCommand([]);
}
