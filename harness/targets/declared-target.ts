import type { ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { root } from '../core/paths.ts';
import { failOnExit, killAll, spawnTied, tiedPrefix } from '../runners/tied-process.ts';
import { runtimeCommand } from '../runtimes/launch.ts';
import { lambdaEnvironment } from '../template/function-environment.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import { urlAuth } from '../template/function-spec.ts';
import { BootingTarget } from './booting-target.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { freePort } from './free-port.ts';
import { probeEndpoints } from './readiness.ts';
import { fill, fillCommand, readTargetFile, type Placeholders, type TargetFile } from './target-file.ts';

const portNames = (texts: string[]) => [
  ...new Set(texts.flatMap((text) => [...text.matchAll(/\{port\.([a-zA-Z0-9_-]+)\}/g)].map((m) => m[1]!))),
];

async function allocate(names: string[]): Promise<Placeholders> {
  const ports: Placeholders = {};
  for (const name of names) ports[`port.${name}`] = String(await freePort());
  return ports;
}

const stringsOf = (process: TargetFile['processes'][number]) => [...process.command, process.cwd ?? '', ...Object.values(process.env)];

/**
 * An emulator described by a target file (target-file.ts): booted, judged and stopped like a
 * built-in target. Its processes are tied to the harness (they die with it), ended with the file's
 * stop signal, and a process that exits during the boot fails it at once with its logs.
 */
export class DeclaredTarget extends BootingTarget {
  readonly name: string;
  private readonly spec: TargetFile;
  private readonly processes: ChildProcess[] = [];
  /** The log source of each process: a failed boot quotes the one that exited. */
  private readonly sources = new Map<ChildProcess, string>();

  constructor(
    private readonly file: string,
    private readonly template: string,
  ) {
    super();
    this.spec = readTargetFile(file);
    this.name = this.spec.name;
  }

  missing(): string | undefined {
    return undefined;
  }

  describe(): string {
    return `${this.spec.name}, described by ${this.file}`;
  }

  async version(): Promise<string> {
    return this.spec.version;
  }

  private common(): Placeholders {
    const env = Object.fromEntries(Object.entries(process.env).map(([key, value]) => [`env.${key}`, value ?? '']));
    return {
      ...env,
      template: resolve(this.template),
      functions: join(root, 'functions'),
      targetFile: resolve(this.file),
      targetDir: dirname(resolve(this.file)),
    };
  }

  private functionValues(fn: FunctionSpec): Placeholders {
    return {
      'function.name': fn.name,
      'function.codeUri': fn.codeUri,
      'function.handler': fn.handler,
      'function.runtime': fn.runtime,
      'function.timeout': String(fn.timeoutSeconds),
      'function.memory': String(fn.memorySizeMb),
      // Tied like every process lsc starts: the runtime dies with the emulator that started it.
      'function.command': [...tiedPrefix(), ...runtimeCommand(fn)],
    };
  }

  private launch(declared: TargetFile['processes'][number], values: Placeholders, where: string, fn?: FunctionSpec): void {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...(fn && declared.lambdaEnvironment ? lambdaEnvironment(fn, { taskRoot: fn.codeUri, logStream: `${this.name}/${fn.name}` }) : {}),
      ...Object.fromEntries(Object.entries(declared.env).map(([key, value]) => [key, fill(value, values, `${where}.env.${key}`)])),
    };
    const source = fn ? `${fn.name}/${this.name}` : this.name;
    const child = spawnTied(fillCommand(declared.command, values, `${where}.command`), {
      ...(declared.cwd ? { cwd: fill(declared.cwd, values, `${where}.cwd`) } : {}),
      env,
      logs: this.logBuffer,
      source,
    });
    this.processes.push(child);
    this.sources.set(child, source);
  }

  protected async start(functions: FunctionSpec[]): Promise<EndpointMap> {
    const where = (index: number) => `${this.file}: processes[${index}]`;
    const perFunction = this.spec.processes.filter((p) => p.per === 'function');
    const functionPortNames = portNames(perFunction.flatMap(stringsOf));
    const shared = {
      ...this.common(),
      ...(await allocate(portNames(this.spec.processes.filter((p) => p.per === 'once').flatMap(stringsOf)))),
    };
    const perFunctionValues = new Map<string, Placeholders>();
    for (const fn of functions)
      perFunctionValues.set(fn.name, { ...shared, ...this.functionValues(fn), ...(await allocate(functionPortNames)) });
    for (const [index, process] of this.spec.processes.entries()) {
      this.checkNotStopped();
      if (process.per === 'once') this.launch(process, shared, where(index));
      else for (const fn of functions) this.launch(process, perFunctionValues.get(fn.name)!, where(index), fn);
    }
    const map: EndpointMap = { target: this.name, version: this.spec.version, functions: {} };
    const { url, invokeUrl, streamInvokeUrl, invokeMode } = this.spec.endpoints;
    for (const fn of functions) {
      const values = perFunctionValues.get(fn.name)!;
      const endpoint = (template: string | undefined, field: string) =>
        template ? fill(template, values, `${this.file}: endpoints.${field}`) : undefined;
      const entry: EndpointMap['functions'][string] = {
        ...(url && fn.functionUrl ? { url: endpoint(url, 'url')!, ...urlAuth(fn) } : {}),
        ...(url && fn.functionUrl && invokeMode === 'template' ? { invokeMode: fn.functionUrl.invokeMode } : {}),
        ...(invokeUrl ? { invokeUrl: endpoint(invokeUrl, 'invokeUrl')! } : {}),
        ...(streamInvokeUrl ? { streamInvokeUrl: endpoint(streamInvokeUrl, 'streamInvokeUrl')! } : {}),
      };
      if (entry.url || entry.invokeUrl) map.functions[fn.name] = entry;
    }
    const exits = failOnExit(
      this.processes.map((child, index) => ({
        child,
        name: `${this.name} process ${index + 1} (${this.sources.get(child)})`,
        lastWords: () => this.logBuffer.lastLinesOf(this.sources.get(child)!),
      })),
    );
    try {
      const cancel = AbortSignal.any([exits.cancel, this.stopping.signal]);
      const probing = probeEndpoints(map, { via: this.spec.ready.via, timeoutMs: this.spec.ready.timeoutSeconds * 1000, cancel });
      await Promise.race([exits.failed, probing]);
    } finally {
      exits.dispose();
    }
    return map;
  }

  protected async release(): Promise<void> {
    await killAll(this.processes, this.spec.stop.signal);
    this.sources.clear();
  }
}
