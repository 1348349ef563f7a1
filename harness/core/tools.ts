import { stateDir } from './paths.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { arch } from 'node:os';
import { join } from 'node:path';

/**
 * Where the real emulators come from. They are installed from PyPI into a project-local virtual
 * environment (`npm run setup:tools`), so nothing global is needed and versions are pinned.
 */
export const TOOL_VERSIONS = { 'aws-sam-cli': '1.170.0', 'cargo-lambda': '1.9.2' } as const;
export const SETUP_HINT =
  'run `npm run setup:tools` (creates .lsc/tools/venv with aws-sam-cli and cargo-lambda from PyPI, and .lsc/tools/npm with serverless-aws-lambda from npm)';

/** Emulators that come from npm, pinned by the lock file in harness/targets/npm-tools/. */
export const NPM_TOOL_VERSIONS = { serverless: '3.40.0', 'serverless-aws-lambda': '4.8.4' } as const;

export function npmToolsDir(): string {
  return process.env.LSC_NPM_TOOLS_DIR ?? join(stateDir(), 'tools', 'npm');
}

/** Serverless Framework v3 with the serverless-aws-lambda plugin, as `npm run setup:tools` installs them. */
export function findServerlessAwsLambda(): ToolLocation {
  const dir = npmToolsDir();
  const cli = join(dir, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const plugin = join(dir, 'node_modules', 'serverless-aws-lambda', 'package.json');
  if (existsSync(cli) && existsSync(plugin))
    return {
      path: cli,
      source: `serverless ${NPM_TOOL_VERSIONS.serverless} with serverless-aws-lambda ${NPM_TOOL_VERSIONS['serverless-aws-lambda']}`,
    };
  return { missing: `serverless-aws-lambda not found in ${dir}: ${SETUP_HINT}` };
}

export function toolsVenv(): string {
  return process.env.LSC_TOOLS_VENV ?? join(stateDir(), 'tools', 'venv');
}

function sitePackages(venv: string): string | undefined {
  const lib = join(venv, 'lib');
  if (!existsSync(lib)) return undefined;
  const python = readdirSync(lib).find((name) => name.startsWith('python'));
  return python ? join(lib, python, 'site-packages') : undefined;
}

export interface ToolLocation {
  path?: string;
  source?: string;
  missing?: string;
}

/** The Runtime Interface Emulator binary: LSC_RIE_BINARY, `aws-lambda-rie` on PATH, or the one aws-sam-cli ships. */
export function findRie(): ToolLocation {
  if (process.env.LSC_RIE_BINARY) {
    return existsSync(process.env.LSC_RIE_BINARY)
      ? { path: process.env.LSC_RIE_BINARY, source: 'LSC_RIE_BINARY' }
      : { missing: `LSC_RIE_BINARY=${process.env.LSC_RIE_BINARY} does not exist` };
  }
  const onPath = spawnSync('sh', ['-c', 'command -v aws-lambda-rie'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return { path: onPath, source: 'PATH' };
  const site = sitePackages(toolsVenv());
  const binary = site && join(site, 'samcli', 'local', 'rapid', `aws-lambda-rie-${arch() === 'arm64' ? 'arm64' : 'x86_64'}`);
  if (binary && existsSync(binary)) return { path: binary, source: `aws-sam-cli ${TOOL_VERSIONS['aws-sam-cli']}` };
  return { missing: `aws-lambda-rie not found: ${SETUP_HINT}, or set LSC_RIE_BINARY` };
}

let setpriv: ToolLocation | undefined;

/**
 * setpriv ties each emulator process to the harness: if the harness dies, the kernel kills them.
 * Looked up once per process: the reference emulator starts instances while it relays streams, and
 * a synchronous lookup per instance stalled its event loop whenever the shell was slow to run.
 */
export function findSetpriv(): ToolLocation {
  if (setpriv) return setpriv;
  const path = spawnSync('sh', ['-c', 'command -v setpriv'], { encoding: 'utf8' }).stdout.trim();
  setpriv = path ? { path, source: 'PATH' } : { missing: 'setpriv not found (Debian: apt-get install util-linux)' };
  return setpriv;
}

function venvBinary(name: string, pkg: keyof typeof TOOL_VERSIONS, override: string): ToolLocation {
  const overridden = process.env[override];
  if (overridden)
    return existsSync(overridden) ? { path: overridden, source: override } : { missing: `${override}=${overridden} does not exist` };
  const binary = join(toolsVenv(), 'bin', name);
  if (existsSync(binary)) return { path: binary, source: `${pkg} ${TOOL_VERSIONS[pkg]}` };
  return { missing: `${name} not found: ${SETUP_HINT}, or set ${override}` };
}

/** SAM CLI from the project's tools environment (LSC_SAM_BINARY overrides). */
export function findSam(): ToolLocation {
  return venvBinary('sam', 'aws-sam-cli', 'LSC_SAM_BINARY');
}

/** cargo-lambda from the project's tools environment (LSC_CARGO_LAMBDA_BINARY overrides). */
export function findCargoLambda(): ToolLocation {
  return venvBinary('cargo-lambda', 'cargo-lambda', 'LSC_CARGO_LAMBDA_BINARY');
}

/** cargo-lambda reads the project through `cargo metadata`, so cargo itself must be there: PATH or rustup's ~/.cargo/bin. */
export function findCargo(): ToolLocation {
  const onPath = spawnSync('sh', ['-c', 'command -v cargo'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return { path: onPath, source: 'PATH' };
  const rustup = join(process.env.HOME ?? '/root', '.cargo', 'bin', 'cargo');
  if (existsSync(rustup)) return { path: rustup, source: rustup };
  return { missing: 'cargo not found (cargo-lambda runs `cargo metadata`): apt-get install cargo, or install Rust with rustup' };
}
