import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionSpec } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { LogBuffer } from '../core/log-buffer.ts';
import type { EmulatorFunction } from '../emulator/reference-emulator.ts';
import type { ReferenceProcessInput, ReferenceProcessMessage } from '../emulator/reference-process.ts';
import { takeEarlyStart } from '../runners/early-start.ts';
import { attachTied, spawnTied } from '../runners/tied-process.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { probeEndpoints } from './readiness.ts';
import type { Target } from './target.ts';

/**
 * LSC_REFERENCE_INTERPOSE=runtime-api-prefix runs every instance behind the runtime-api-prefix
 * adapter, as the cargo-lambda target attaches its runtimes (the Runtime API under `/.rt/<function>`,
 * the runtime client talking to the adapter). It exists to prove the adapter transparent: a run with
 * it must give every case the verdict a plain run gives (specs/selftest/transparency.spec.ts), so a
 * verdict against cargo-lambda is cargo-lambda's, not the adapter's.
 */
const INTERPOSE_ENV = 'LSC_REFERENCE_INTERPOSE';
const INTERPOSABLE = ['runtime-api-prefix'];

function interposed(): string | undefined {
  const value = process.env[INTERPOSE_ENV];
  if (!value) return undefined;
  if (!INTERPOSABLE.includes(value))
    throw new HarnessError(`${INTERPOSE_ENV}=${value}: the reference target can interpose only ${INTERPOSABLE.join(', ')}`);
  return value;
}

const ENTRY = fileURLToPath(new URL('../emulator/reference-process.ts', import.meta.url));

/** The emulator's process for these functions: its command and what it reads on stdin. */
function emulatorLaunch(functions: FunctionSpec[]): { command: string[]; input: string } {
  const input: ReferenceProcessInput = {
    functions,
    instanceOptions: { interposeRuntimeApiPrefix: interposed() === 'runtime-api-prefix' },
  };
  const tsx = fileURLToPath(import.meta.resolve('tsx'));
  return { command: [process.execPath, '--import', tsx, ENTRY], input: JSON.stringify(input) };
}

const BOOT_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export class ReferenceTarget implements Target {
  readonly name = 'reference';
  private readonly buffer = new LogBuffer();
  private child?: ChildProcess;

  missing(): string | undefined {
    return undefined;
  }

  describe(): string {
    return `the embedded emulator (Node ${process.versions.node}, aws-lambda-ric)`;
  }

  async version(): Promise<string> {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const adapter = interposed();
    return `lsc-reference ${pkg.version}${adapter ? ` (Runtime API through the ${adapter} adapter, events without Content-Type, interposed by ${INTERPOSE_ENV})` : ''}`;
  }

  earlyLaunch(functions: FunctionSpec[]): { command: string[]; input: string } {
    return emulatorLaunch(functions);
  }

  async boot(functions: FunctionSpec[]): Promise<EndpointMap> {
    const launch = emulatorLaunch(functions);
    let exposed: EmulatorFunction[];
    try {
      exposed = await this.startEmulator(launch);
    } catch (error) {
      await this.stop();
      throw new HarnessError(`reference emulator failed to boot: ${(error as Error).message}\n${this.buffer.text().slice(-2000)}`);
    }
    const map: EndpointMap = {
      target: this.name,
      version: await this.version(),
      functions: Object.fromEntries(exposed.map(({ name, ...endpoints }) => [name, endpoints])),
    };
    await probeEndpoints(map);
    return map;
  }

  /**
   * Starts the emulator's own process (tied to this one), or takes over the one the runner started
   * with the same command and input, and waits for the endpoints it serves.
   */
  private startEmulator({ command, input }: { command: string[]; input: string }): Promise<EmulatorFunction[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready after ${BOOT_TIMEOUT_MS / 1000} s`)), BOOT_TIMEOUT_MS);
      const onLine = (line: string) => {
        let message: ReferenceProcessMessage;
        try {
          message = JSON.parse(line) as ReferenceProcessMessage;
        } catch {
          this.buffer.add('reference', line);
          return;
        }
        if (message.type === 'log') return this.buffer.add(message.source, message.text, message.origin);
        clearTimeout(timer);
        if (message.type === 'ready') resolve(message.functions);
        else reject(new Error(message.message));
      };
      const output = { logs: this.buffer, source: 'reference', onLine };
      const early = takeEarlyStart(command, input);
      if (early) attachTied(early, process.execPath, output);
      this.child = early ?? spawnTied(command, { env: process.env, input, ...output });
      // spawnTied logs the exit and a failed start; here they only end the wait.
      this.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the emulator process exited (code ${code}, signal ${signal})`));
      });
      this.child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  logs(): string {
    return this.buffer.text();
  }

  /** SIGTERM lets the emulator stop its instances; one that does not exit in time is killed. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}
