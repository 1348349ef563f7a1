import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { lambdaEnvironment } from '../template/function-environment.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import { startPrefixProxy, type PrefixProxy } from '../runners/runtime-api-prefix.ts';
import { tiedPrefix } from '../runners/tied-process.ts';
import { runtimeClientEntry, runtimeCommand } from '../runtimes/launch.ts';
import type { Invocation } from './invocation.ts';
import type { LogBuffer } from '../core/log-buffer.ts';
import { startRuntimeApi } from './runtime-api.ts';

const lifeline = () => fileURLToPath(new URL('./lifeline.cjs', import.meta.url));

/** Lambda's limit on the Init phase of an on-demand function (docs/spec.md RS-LIFE-01). */
const INIT_LIMIT_SECONDS = 10;

export type InstanceState = 'booting' | 'idle' | 'busy' | 'dead';

export interface InstanceOptions {
  /**
   * Interposes the runtime-api-prefix adapter between the runtime client and this instance's Runtime
   * API, exactly as the cargo-lambda target attaches its runtimes: the API is served under
   * `/.rt/<function>`, events come without a Content-Type (the adapter repairs it, as it must for
   * cargo-lambda) and the client is given the adapter's `host:port`. Only there to prove the
   * adapter transparent: every verdict must be the same with and without it.
   */
  interposeRuntimeApiPrefix?: boolean;
  /**
   * How the runtime is started when this emulator is the container layer (RIE's place in an image):
   * the image's bootstrap, with the container's own environment, instead of a host command.
   */
  launch?: { command: string[]; env: NodeJS.ProcessEnv };
}

/**
 * One execution environment: a child process running the official Node runtime interface client
 * against a Runtime API of its own. It serves one invocation at a time, like a Lambda sandbox.
 */
export class FunctionInstance {
  state: InstanceState = 'booting';
  private child?: ChildProcess;
  private app?: FastifyInstance;
  private adapter?: PrefixProxy;
  private assigned?: Invocation;
  private waiter?: (invocation: Invocation) => void;
  private deadlineTimer?: NodeJS.Timeout;
  private readonly exitListeners: Array<() => void> = [];
  private markInitDone!: () => void;
  private markInitFailed!: (error: Error) => void;
  private readonly initDone = new Promise<void>((resolve, reject) => {
    this.markInitDone = resolve;
    this.markInitFailed = reject;
  });

  constructor(
    private readonly fn: FunctionSpec,
    private readonly label: string,
    private readonly logs: LogBuffer,
    private readonly options: InstanceOptions = {},
  ) {
    // Nobody may be waiting for readiness when an instance dies; that is not an unhandled error.
    this.initDone.catch(() => undefined);
  }

  async start(): Promise<void> {
    const prefix = this.options.interposeRuntimeApiPrefix ? `/.rt/${this.fn.name}` : undefined;
    const { app, address, port } = await startRuntimeApi(
      {
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${this.fn.name}`,
        nextInvocation: () => this.nextInvocation(),
        current: () => this.assigned,
        log: (message) => this.logs.add(this.label, message),
      },
      { prefix, eventsWithoutContentType: prefix !== undefined },
    );
    this.app = app;
    let runtimeApi = address;
    if (prefix) {
      // The same options the cargo-lambda target gives it, so what is proven here holds there.
      this.adapter = await startPrefixProxy(port, prefix, {
        addMissingEventContentType: true,
        onRepair: (message) => this.logs.add(`${this.label} adapter`, message),
        onError: (message) => this.logs.add(`${this.label} adapter`, message),
      });
      runtimeApi = this.adapter.address;
    }
    const child = this.options.launch ? this.launchInContainer(runtimeApi, this.options.launch) : this.launchOnHost(runtimeApi);
    this.child = child;
    child.stdout?.on('data', (data: Buffer) => this.logs.add(this.label, data.toString('utf8')));
    child.stderr?.on('data', (data: Buffer) => this.logs.add(this.label, data.toString('utf8')));
    child.on('exit', (code, signal) => this.handleExit(code, signal));
  }

  private launchOnHost(runtimeApi: string): ChildProcess {
    // A Node instance exits when its IPC channel closes (lifeline); a compiled one has no such hook,
    // so the kernel kills it when the emulator dies.
    const [program, ...args] = this.fn.build
      ? [...tiedPrefix(), ...runtimeCommand(this.fn)]
      : [process.execPath, '--require', lifeline(), runtimeClientEntry()];
    return spawn(program!, args, {
      cwd: this.fn.codeUri,
      stdio: this.fn.build ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...lambdaEnvironment(this.fn, { taskRoot: this.fn.codeUri, logStream: this.label }),
        AWS_LAMBDA_RUNTIME_API: runtimeApi,
      },
    });
  }

  /** In a container the runtime dies with the container's first process, so it needs no tie of its own. */
  private launchInContainer(runtimeApi: string, launch: NonNullable<InstanceOptions['launch']>): ChildProcess {
    const [program, ...args] = launch.command;
    const child = spawn(program!, args, {
      cwd: this.fn.codeUri,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...launch.env, AWS_LAMBDA_RUNTIME_API: runtimeApi },
    });
    // A bootstrap that cannot be executed is an init failure, not a crash of the emulator.
    child.on('error', (error) => {
      this.logs.add(this.label, `could not start ${program}: ${error.message}`);
      this.handleExit(127, null);
    });
    return child;
  }

  /** Resolves once the runtime has asked for its first invocation, i.e. init is done. */
  ready(): Promise<void> {
    return this.initDone;
  }

  get available(): boolean {
    return this.state === 'idle' || (this.state === 'booting' && !this.assigned);
  }

  assign(invocation: Invocation): void {
    this.assigned = invocation;
    this.state = 'busy';
    invocation.onSettled(() => clearTimeout(this.deadlineTimer));
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      this.startInvokePhase(invocation);
      waiter(invocation);
      return;
    }
    // Init has a limit of its own and does not use up the function's timeout; an init that overruns it
    // is retried within the invoke, under the timeout (docs/spec.md RS-LIFE-01). A cold start on a
    // loaded machine must not turn a function that answers within its timeout into a timed-out one.
    this.deadlineTimer = setTimeout(() => this.timeOut(invocation), (INIT_LIMIT_SECONDS + this.fn.timeoutSeconds) * 1000);
  }

  /** The function's timeout runs from the moment its runtime receives the event. */
  private startInvokePhase(invocation: Invocation): void {
    clearTimeout(this.deadlineTimer);
    invocation.deadlineMs = Date.now() + this.fn.timeoutSeconds * 1000;
    this.deadlineTimer = setTimeout(() => this.timeOut(invocation), this.fn.timeoutSeconds * 1000);
  }

  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }

  private async nextInvocation(): Promise<Invocation> {
    this.markInitDone();
    // Asking for the next event means the previous one is over. Its /response may still be being read
    // on another connection, so wait for it to settle (the deadline bounds the wait) before moving on.
    const previous = this.assigned;
    if (previous && previous.state !== 'queued') {
      await new Promise<void>((resolve) => previous.onSettled(resolve));
      if (this.assigned === previous) this.assigned = undefined;
    }
    if (this.assigned) {
      this.startInvokePhase(this.assigned);
      return this.assigned;
    }
    this.state = 'idle';
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private timeOut(invocation: Invocation): void {
    if (invocation.settled) return;
    const message = `Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds`;
    this.logs.add(this.label, `${invocation.id} ${message}`);
    invocation.fail({ errorType: 'Sandbox.Timedout', errorMessage: message });
    // A timed-out sandbox is reset (SPEC §3, RAPID): the instance is discarded, never reused.
    void this.stop();
  }

  private handleExit(code: number | null, signal: NodeJS.Signals | null): void {
    const wasState = this.state;
    this.state = 'dead';
    this.markInitFailed(new Error(`${this.label} exited during init (code ${code}, signal ${signal})`));
    if (wasState !== 'dead') this.logs.add(this.label, `runtime exited (code ${code}, signal ${signal})`);
    this.assigned?.fail({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${this.assigned.id} Error: Runtime exited with error: ${signal ?? `exit status ${code}`}`,
    });
    void this.app?.close();
    void this.adapter?.close();
    for (const listener of this.exitListeners.splice(0)) listener();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    this.state = 'dead';
    await this.adapter?.close();
    await this.app?.close();
  }
}
