import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lambdaEnvironment } from '../template/function-environment.ts';
import { urlAuth, type FunctionSpec } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { startPrefixProxy, type PrefixProxy } from '../runners/runtime-api-prefix.ts';
import { failOnExit, killAll, spawnTied } from '../runners/tied-process.ts';
import { runtimeCommand } from '../runtimes/launch.ts';
import { BootingTarget } from './booting-target.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { freePort, waitUntilListening } from './free-port.ts';
import { probeEndpoints } from './readiness.ts';
import { findCargo, findCargoLambda, findSetpriv, TOOL_VERSIONS } from '../core/tools.ts';
import { scratchDir } from '../core/paths.ts';

/** Runtimes attached per function: two, so two concurrent requests to one function each find one. */
const RUNTIMES_PER_FUNCTION = 2;
const RUNTIMES_ATTACH_TIMEOUT_MS = 30_000;
/** A runtime that exits is replaced, as Lambda replaces a failed instance, but not endlessly. */
const MAX_RESTARTS_PER_FUNCTION = 20;

/**
 * cargo-lambda knows its functions as the binaries of a Cargo project, so each fixture function
 * becomes a `[[bin]]` of a throwaway package; nothing is compiled.
 */
function cargoProject(functions: FunctionSpec[]): string {
  // Inside the command line's work dir when there is one: it is removed even if the runner is killed.
  const dir = scratchDir('lsc-cargo-lambda-');
  const bins = functions.map((fn) => `[[bin]]\nname = "${fn.name}"\npath = "src/main.rs"\n`).join('\n');
  writeFileSync(join(dir, 'Cargo.toml'), `[package]\nname = "lsc-fixtures"\nversion = "0.0.0"\nedition = "2021"\n\n${bins}`);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'main.rs'), 'fn main() {}\n');
  return dir;
}

/**
 * `cargo lambda watch --only-lambda-apis`: cargo-lambda serves the Function URLs
 * (`/lambda-url/<function>/`), the Invoke API and a Runtime API per function (`/.rt/<function>`), and
 * our Node functions attach to it through the official runtime client, as its docs describe for
 * runtimes it does not build. The client only takes `host:port`, so a pass-through proxy adds the path.
 */
export class CargoLambdaTarget extends BootingTarget {
  readonly name = 'cargo-lambda';
  private readonly processes: ChildProcess[] = [];
  private readonly proxies: PrefixProxy[] = [];
  private projectDir?: string;
  /** Once released, runtimes that exit (they are being killed) are not replaced. */
  private released = false;

  missing(): string | undefined {
    return findCargoLambda().missing ?? findCargo().missing ?? findSetpriv().missing;
  }

  describe(): string {
    return `cargo lambda watch --only-lambda-apis from ${findCargoLambda().source}, the fixture functions attached to its Runtime API`;
  }

  async version(): Promise<string> {
    const version = process.env.LSC_CARGO_LAMBDA_BINARY ? '(LSC_CARGO_LAMBDA_BINARY)' : TOOL_VERSIONS['cargo-lambda'];
    return `cargo-lambda ${version} (functions through the lsc Runtime API adapter)`;
  }

  protected async start(functions: FunctionSpec[]): Promise<EndpointMap> {
    const cargoLambda = findCargoLambda();
    const cargo = findCargo();
    if (!cargoLambda.path) throw new HarnessError(cargoLambda.missing!);
    if (!cargo.path) throw new HarnessError(cargo.missing!);
    for (const fn of functions) {
      if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(fn.name))
        throw new HarnessError(`function ${fn.name}: cargo-lambda needs a name that is a valid Cargo binary name`);
    }
    const map: EndpointMap = { target: this.name, version: await this.version(), functions: {} };
    this.projectDir = cargoProject(functions);
    process.once('exit', this.removeProject);
    const port = await freePort();
    const watch = spawnTied(
      [
        cargoLambda.path,
        'lambda',
        'watch',
        '--only-lambda-apis',
        '--ignore-changes',
        '--invoke-address',
        '127.0.0.1',
        '--invoke-port',
        String(port),
      ],
      {
        cwd: this.projectDir,
        env: {
          PATH: `${dirname(cargo.path)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
          HOME: process.env.HOME ?? '/tmp',
          NO_COLOR: '1',
          ...(process.env.CARGO_HOME ? { CARGO_HOME: process.env.CARGO_HOME } : {}),
        },
        logs: this.logBuffer,
        source: 'cargo-lambda',
      },
    );
    this.processes.push(watch);
    const exits = failOnExit([{ child: watch, name: 'cargo lambda watch' }]);
    const cancel = AbortSignal.any([exits.cancel, this.stopping.signal]);
    try {
      // Runtimes attached before its server listens would fail their first /next.
      const listening = waitUntilListening(port, 30_000, cancel).catch(() => {
        throw new HarnessError(`cargo lambda watch did not start listening on 127.0.0.1:${port}`);
      });
      await Promise.race([exits.failed, listening]);
      const base = `http://127.0.0.1:${port}`;
      // Ready means every runtime is waiting for an event, not just the probe's: runtimes still
      // loading when the cases start would compete with them for the two cores and skew timing.
      const expectedPolls = functions.length * RUNTIMES_PER_FUNCTION;
      const polling = new WeakSet<object>();
      let polls = 0;
      let allPolling!: () => void;
      const everyRuntimePolling = new Promise<void>((resolve) => (allPolling = resolve));
      for (const fn of functions) {
        const proxy = await startPrefixProxy(port, `/.rt/${fn.name}`, {
          onNextPoll: (connection) => {
            if (polling.has(connection)) return;
            polling.add(connection);
            if (++polls === expectedPolls) allPolling();
          },
          addMissingEventContentType: true,
          onRepair: (message) => this.noteRepair(message),
          onError: (message) => this.logBuffer.add(`${fn.name}/runtime-api`, message),
        });
        this.proxies.push(proxy);
        for (let i = 0; i < RUNTIMES_PER_FUNCTION; i++) this.attachRuntime(fn, proxy.address);
        map.functions[fn.name] = {
          url: `${base}/lambda-url/${fn.name}/`,
          ...(fn.functionUrl ? { invokeMode: fn.functionUrl.invokeMode } : {}),
          ...urlAuth(fn),
          invokeUrl: `${base}/2015-03-31/functions/${fn.name}/invocations`,
          streamInvokeUrl: `${base}/2021-11-15/functions/${fn.name}/response-streaming-invocations`,
        };
      }
      await Promise.race([exits.failed, probeEndpoints(map, { cancel })]);
      const attachTimeout = AbortSignal.any([cancel, AbortSignal.timeout(RUNTIMES_ATTACH_TIMEOUT_MS)]);
      const timedOut = new Promise<never>((_, reject) =>
        attachTimeout.addEventListener('abort', () =>
          reject(
            new HarnessError(
              `only ${polls} of ${expectedPolls} runtimes asked cargo-lambda for an event within ${RUNTIMES_ATTACH_TIMEOUT_MS / 1000} s`,
            ),
          ),
        ),
      );
      await Promise.race([exits.failed, everyRuntimePolling, timedOut]);
    } finally {
      exits.dispose();
    }
    return map;
  }

  private restarts = new Map<string, number>();

  private attachRuntime(fn: FunctionSpec, runtimeApi: string): void {
    if (this.stopped || this.released) return;
    const child = spawnTied(runtimeCommand(fn), {
      cwd: fn.codeUri,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...lambdaEnvironment(fn, { taskRoot: fn.codeUri, logStream: `cargo-lambda/${fn.name}` }),
        AWS_LAMBDA_RUNTIME_API: runtimeApi,
      },
      logs: this.logBuffer,
      source: `${fn.name}/runtime`,
      origin: 'function',
    });
    this.processes.push(child);
    child.once('exit', () => {
      const restarts = this.restarts.get(fn.name) ?? 0;
      if (this.stopped || this.released) return;
      if (restarts >= MAX_RESTARTS_PER_FUNCTION) {
        this.logBuffer.add(
          `${fn.name}/runtime`,
          `not replaced: ${MAX_RESTARTS_PER_FUNCTION} runtimes already exited; ${fn.name} may have no runtime left`,
        );
        return;
      }
      this.restarts.set(fn.name, restarts + 1);
      this.attachRuntime(fn, runtimeApi);
    });
  }

  /** Also runs when the process exits without a stop (a crash), so the throwaway project never stays. */
  private readonly removeProject = (): void => {
    if (this.projectDir) rmSync(this.projectDir, { recursive: true, force: true });
    this.projectDir = undefined;
  };

  private repairNoted = false;

  /** Once per run is enough to explain every repaired /next; more would flood the bounded log. */
  private noteRepair(message: string): void {
    if (this.repairNoted) return;
    this.repairNoted = true;
    this.logBuffer.add('lsc adapter', `${message} (aws-lambda-ric segfaults without it); every such answer is repaired the same way`);
  }

  protected async release(): Promise<void> {
    this.released = true;
    await killAll(this.processes);
    await Promise.all(this.proxies.splice(0).map((proxy) => proxy.close()));
    this.removeProject();
    process.off('exit', this.removeProject);
  }
}
