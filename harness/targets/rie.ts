import type { ChildProcess } from 'node:child_process';
import { lambdaEnvironment } from '../template/function-environment.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { killAll, spawnTied, tiedPrefix } from '../runners/tied-process.ts';
import { runtimeCommand } from '../runtimes/launch.ts';
import { BootingTarget } from './booting-target.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { freePort } from './free-port.ts';
import { probeEndpoints } from './readiness.ts';
import { findRie, findSetpriv } from '../core/tools.ts';

/** What RIE and the runtime client read from the environment to be this function. */
export function rieEnvironment(fn: FunctionSpec, taskRoot: string): Record<string, string> {
  return lambdaEnvironment(fn, { taskRoot, logStream: `rie/${fn.name}` });
}

/**
 * The upstream Runtime Interface Emulator as a host process, one per fixture function, each running the
 * official Node runtime client as its bootstrap. RIE offers only the direct invoke route, so the cases
 * that need a Function URL are UNSUPPORTED here and the invoke-layer cases judge it.
 */
export class RieTarget extends BootingTarget {
  readonly name = 'rie';
  private readonly processes: ChildProcess[] = [];
  private binaryVersion = 'unknown';

  missing(): string | undefined {
    return findRie().missing ?? findSetpriv().missing;
  }

  describe(): string {
    return `aws-lambda-rie from ${findRie().source}, one host process per function`;
  }

  async version(): Promise<string> {
    return this.binaryVersion;
  }

  protected async start(functions: FunctionSpec[]): Promise<EndpointMap> {
    const rie = findRie();
    if (!rie.path) throw new HarnessError(rie.missing!);
    this.binaryVersion = `aws-lambda-rie from ${rie.source}`;
    const map: EndpointMap = { target: this.name, version: this.binaryVersion, functions: {} };
    for (const fn of functions) {
      const [invokePort, runtimeApiPort] = [await freePort(), await freePort()];
      const child = spawnTied(
        [
          rie.path,
          '--runtime-interface-emulator-address',
          `127.0.0.1:${invokePort}`,
          '--runtime-api-address',
          `127.0.0.1:${runtimeApiPort}`,
          // The runtime is tied to RIE the same way, so killing RIE never orphans it.
          ...tiedPrefix(),
          ...runtimeCommand(fn),
        ],
        {
          cwd: fn.codeUri,
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...rieEnvironment(fn, fn.codeUri) },
          logs: this.logBuffer,
          source: `${fn.name}/rie`,
        },
      );
      this.processes.push(child);
      map.functions[fn.name] = {
        invokeUrl: `http://127.0.0.1:${invokePort}/2015-03-31/functions/function/invocations`,
        // Where InvokeWithResponseStream lives on Lambda's API; RIE serves nothing there (IWRS-001).
        streamInvokeUrl: `http://127.0.0.1:${invokePort}/2021-11-15/functions/function/response-streaming-invocations`,
      };
    }
    await probeEndpoints(map, { cancel: this.stopping.signal });
    return map;
  }

  protected async release(): Promise<void> {
    await killAll(this.processes);
  }
}
