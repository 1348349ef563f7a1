import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { HarnessError } from '../core/errors.ts';
import { findServerlessAwsLambda, findSetpriv, NPM_TOOL_VERSIONS } from '../core/tools.ts';
import { urlAuth, type FunctionSpec } from '../template/function-spec.ts';
import { failOnExit, killAll, spawnTied } from '../runners/tied-process.ts';
import { BootingTarget } from './booting-target.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { freePort } from './free-port.ts';
import { probeEndpoints } from './readiness.ts';
import { scratchDir } from '../core/paths.ts';

/** The Serverless Framework's service file for the run's Node functions, written from the SAM template. */
export function serviceDefinition(functions: FunctionSpec[], port: number): Record<string, unknown> {
  return {
    service: 'lsc-fixtures',
    frameworkVersion: '3',
    plugins: ['serverless-aws-lambda'],
    provider: { name: 'aws', runtime: 'nodejs20.x', region: 'us-east-1', stage: 'dev' },
    // The plugin bundles each handler with esbuild, which finds the fixtures' .mjs files only when told.
    custom: { 'serverless-aws-lambda': { port, configPath: './sal.config.default' } },
    functions: Object.fromEntries(
      functions.map((fn) => [
        fn.name,
        {
          handler: `functions/${fn.name}/${fn.handler}`,
          timeout: fn.timeoutSeconds,
          memorySize: fn.memorySizeMb,
          ...(Object.keys(fn.environment).length ? { environment: fn.environment } : {}),
          // Serverless names IAM auth `authorizer: aws_iam`; an emulator may honour it.
          ...(fn.functionUrl
            ? {
                url: { invokeMode: fn.functionUrl.invokeMode, ...(fn.functionUrl.authType === 'AWS_IAM' ? { authorizer: 'aws_iam' } : {}) },
              }
            : {}),
        },
      ]),
    ),
  };
}

const ESBUILD_CONFIG = `export default function () {
  return { esbuild: { resolveExtensions: ['.mjs', '.js', '.cjs', '.ts', '.mts', '.json'] } };
}
`;

/** Processes a process started (the plugin's esbuild service), so none outlives the target. */
function childrenOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * serverless-aws-lambda (a Serverless Framework v3 plugin that runs Node functions in worker threads):
 * its Function URLs (`/@url/<function>/`), Invoke API and InvokeWithResponseStream on one port. The
 * harness writes the service from fixtures/template.yaml into a run directory of its own, with copies
 * of the Node functions; the plugin reads `provided.al2023` as Python and exits on the first invoke, so
 * Go and Rust functions are left out and their cases are unsupported here.
 */
export class ServerlessAwsLambdaTarget extends BootingTarget {
  readonly name = 'serverless-aws-lambda';
  private readonly processes: ChildProcess[] = [];
  private runDir?: string;

  missing(): string | undefined {
    return findServerlessAwsLambda().missing ?? findSetpriv().missing;
  }

  describe(): string {
    return `serverless aws-lambda (offline) from ${findServerlessAwsLambda().source ?? 'npm'}, Node functions only`;
  }

  async version(): Promise<string> {
    return `serverless-aws-lambda ${NPM_TOOL_VERSIONS['serverless-aws-lambda']} on serverless ${NPM_TOOL_VERSIONS.serverless}`;
  }

  protected async start(functions: FunctionSpec[]): Promise<EndpointMap> {
    const cli = findServerlessAwsLambda();
    if (!cli.path) throw new HarnessError(cli.missing!);
    const served = functions.filter((fn) => fn.language === 'node');
    const port = await freePort();
    const dir = (this.runDir = scratchDir('lsc-serverless-'));
    process.once('exit', this.removeRunDir);
    for (const fn of served) cpSync(fn.codeUri, join(dir, 'functions', fn.name), { recursive: true });
    writeFileSync(join(dir, 'serverless.yml'), stringify(serviceDefinition(served, port)));
    writeFileSync(join(dir, 'sal.config.js'), ESBUILD_CONFIG);
    mkdirSync(join(dir, 'home'));
    mkdirSync(join(dir, 'tmp'));
    const framework = spawnTied([process.execPath, cli.path, 'aws-lambda', '-s', 'dev'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: join(dir, 'home'),
        // The framework makes temp dirs of its own (node-process-*) and leaves them: they go with the run's.
        TMPDIR: join(dir, 'tmp'),
        PORT: String(port),
        // Offline and quiet: no telemetry, notifications, update checks or interactive set-up.
        SLS_TELEMETRY_DISABLED: '1',
        SLS_TRACKING_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        SLS_DEPRECATION_DISABLE: '*',
        SLS_DISABLE_AUTO_UPDATE: '1',
        SLS_INTERACTIVE_SETUP_DISABLE: '1',
        CI: '1',
        NO_COLOR: '1',
      },
      logs: this.logBuffer,
      source: 'serverless-aws-lambda',
    });
    this.processes.push(framework);
    const base = `http://127.0.0.1:${port}`;
    const map: EndpointMap = { target: this.name, version: await this.version(), functions: {} };
    for (const fn of served)
      map.functions[fn.name] = {
        ...(fn.functionUrl ? { url: `${base}/@url/${fn.name}/`, invokeMode: fn.functionUrl.invokeMode, ...urlAuth(fn) } : {}),
        invokeUrl: `${base}/2015-03-31/functions/${fn.name}/invocations`,
        streamInvokeUrl: `${base}/2021-11-15/functions/${fn.name}/response-streaming-invocations`,
      };
    const exits = failOnExit([{ child: framework, name: 'serverless aws-lambda' }]);
    try {
      // Through the Invoke API: the plugin answers 502 to any HttpResponseStream.from response whose first
      // write is not JSON (the probe's URL answer included), which is for the prelude cases to judge.
      const cancel = AbortSignal.any([exits.cancel, this.stopping.signal]);
      await Promise.race([exits.failed, probeEndpoints(map, { via: 'invoke', timeoutMs: 60_000, cancel })]);
    } finally {
      exits.dispose();
    }
    return map;
  }

  private readonly removeRunDir = () => {
    if (this.runDir) rmSync(this.runDir, { recursive: true, force: true });
  };

  protected async release(): Promise<void> {
    const helpers = this.processes.flatMap((child) => childrenOf(child.pid));
    await killAll(this.processes);
    for (const pid of helpers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone with its parent.
      }
    }
    this.removeRunDir();
    process.off('exit', this.removeRunDir);
  }
}
