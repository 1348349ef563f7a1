import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { templateWithBuiltCode } from '../template/template.ts';
import { compiledBootstraps } from '../runtimes/launch.ts';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import type { FunctionSpec } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { buildRuntimeImage } from '../runners/container-image.ts';
import { dockerClient, dockerMissing, ensureDockerReachable, removeDockerRun, runLabels, sweepOrphans } from '../runners/docker-run.ts';
import { failOnExit, killAll, spawnTied } from '../runners/tied-process.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { freePort } from './free-port.ts';
import { BootingTarget } from './booting-target.ts';
import { PROBE_FUNCTION, probeEndpoints, retryUntilReady } from './readiness.ts';
import { findSam, findSetpriv, TOOL_VERSIONS } from '../core/tools.ts';
import { containerLayerMissing, containerLayerName, withContainerLayer } from '../rapid/binary.ts';
import { formatTargetName, type RuntimeApi } from './target-name.ts';
import { scratchDir } from '../core/paths.ts';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const SAM_ARCHITECTURES = ['x86_64', 'arm64'];

/** The route SAM mounts for a function: its first Api event without path parameters, ending in a slash like a Function URL. */
function apiRoute(fn: FunctionSpec): string | undefined {
  const event = fn.apiEvents.find((candidate) => !candidate.path.includes('{') && ['GET', 'ANY'].includes(candidate.method));
  return event && `${event.path.replace(/\/$/, '')}/`;
}

/**
 * SAM CLI as users run it: `sam local start-api` serves the template's Api routes (the URL cases go
 * there) and `sam local start-lambda` the Invoke API (the invoke cases), both on the unmodified
 * fixtures/template.yaml. SAM starts a container per invocation from its "rapid" image; with no
 * registry, that image is ours, built from scratch and tagged `<repo>:rapid-<arch>` so that
 * `--invoke-image <repo> --skip-pull-image` finds it instead of building on a pulled base image.
 * SAM's containers inherit the image's run labels, so whatever SAM leaves behind is removed with the run.
 */
export class SamTarget extends BootingTarget {
  readonly name: string;
  private client?: Docker;
  private readonly runId = process.env.LSC_RUN_ID ?? randomUUID().slice(0, 8);
  private readonly processes: ChildProcess[] = [];

  /** The engine's client, made on first use (../runners/docker-run.ts). */
  private get docker(): Docker {
    return (this.client ??= dockerClient());
  }

  constructor(
    private readonly runtimeApi: RuntimeApi = 'rie',
    private readonly template = `${root}/fixtures/template.yaml`,
  ) {
    super();
    this.name = formatTargetName({ front: 'sam', runtimeApi });
  }

  missing(): string | undefined {
    return findSam().missing ?? containerLayerMissing(this.runtimeApi) ?? findSetpriv().missing ?? dockerMissing();
  }

  describe(): string {
    return `sam local start-api + start-lambda from ${findSam().source}, containers from a rapid image built from scratch with ${containerLayerName(this.runtimeApi)}`;
  }

  async version(): Promise<string> {
    const engine = await this.docker.version().catch(() => undefined);
    const sam = process.env.LSC_SAM_BINARY ? `(LSC_SAM_BINARY: ${this.ownBuildVersion()})` : TOOL_VERSIONS['aws-sam-cli'];
    return `aws-sam-cli ${sam} over ${containerLayerName(this.runtimeApi)} in Docker ${engine?.Version ?? 'unknown'}`;
  }

  /** A contributor's own build says what it is, so a report of it can be told from a release's. */
  private ownBuildVersion(): string {
    if (this.printedVersion) return this.printedVersion;
    const sam = findSam();
    const printed = sam.path ? spawnSync(sam.path, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim() : undefined;
    this.printedVersion ??= printed || 'version unknown';
    return this.printedVersion;
  }

  private printedVersion?: string;

  protected async start(functions: FunctionSpec[]): Promise<EndpointMap> {
    const sam = findSam();
    if (!sam.path) throw new HarnessError(sam.missing!);
    await ensureDockerReachable(this.docker);
    await sweepOrphans(this.docker);
    const repository = `lsc-sam-${this.runId}`;
    const map: EndpointMap = { target: this.name, version: await this.version(), functions: {} };
    const [first, ...others] = SAM_ARCHITECTURES;
    await withContainerLayer(this.runtimeApi, (layer) =>
      buildRuntimeImage(this.docker, layer, `${repository}:rapid-${first}`, runLabels(this.runId), compiledBootstraps(functions)),
    );
    for (const architecture of others)
      await this.docker.getImage(`${repository}:rapid-${first}`).tag({ repo: repository, tag: `rapid-${architecture}` });
    this.checkNotStopped();
    const [apiPort, lambdaPort] = [await freePort(), await freePort()];
    const common = [
      '--template',
      this.derivedTemplate(functions),
      '--skip-pull-image',
      '--invoke-image',
      repository,
      '--host',
      '127.0.0.1',
      '--container-host',
      '127.0.0.1',
    ];
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      LANG: 'C.UTF-8',
      SAM_CLI_TELEMETRY: '0',
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    };
    const startApi = spawnTied([sam.path, 'local', 'start-api', ...common, '--port', String(apiPort)], {
      cwd: dirname(this.template),
      env,
      logs: this.logBuffer,
      source: 'sam start-api',
    });
    const startLambda = spawnTied([sam.path, 'local', 'start-lambda', ...common, '--port', String(lambdaPort)], {
      cwd: dirname(this.template),
      env,
      logs: this.logBuffer,
      source: 'sam start-lambda',
    });
    this.processes.push(startApi, startLambda);
    for (const fn of functions) {
      const route = apiRoute(fn);
      map.functions[fn.name] = {
        ...(route ? { url: `http://127.0.0.1:${apiPort}${route}` } : {}),
        ...(fn.functionUrl ? { invokeMode: fn.functionUrl.invokeMode } : {}),
        invokeUrl: `http://127.0.0.1:${lambdaPort}/2015-03-31/functions/${fn.name}/invocations`,
        streamInvokeUrl: `http://127.0.0.1:${lambdaPort}/2021-11-15/functions/${fn.name}/response-streaming-invocations`,
      };
    }
    // The probe answers through the Invoke API; start-api only has to be serving its routes, since
    // turning the streamed answer into a 502 is exactly the behaviour the URL cases judge.
    const exits = failOnExit([
      { child: startApi, name: 'sam local start-api' },
      { child: startLambda, name: 'sam local start-lambda' },
    ]);
    const cancel = AbortSignal.any([exits.cancel, this.stopping.signal]);
    try {
      await Promise.race([exits.failed, probeEndpoints(map, { via: 'invoke', timeoutMs: 60_000, cancel })]);
      await Promise.race([exits.failed, this.waitForApi(map.functions[PROBE_FUNCTION]?.url ?? `http://127.0.0.1:${apiPort}/`, cancel)]);
    } finally {
      exits.dispose();
    }
    return map;
  }

  /** SAM reads the template itself, so it gets one whose CodeUris name the built code of the run's functions. */
  private derivedTemplate(functions: FunctionSpec[]): string {
    this.workDir = scratchDir('lsc-sam-');
    process.once('exit', this.removeWorkDir);
    const file = join(this.workDir, 'template.json');
    writeFileSync(file, templateWithBuiltCode(this.template, functions));
    return file;
  }

  private workDir?: string;
  private readonly removeWorkDir = () => {
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
  };

  /** start-api is up when its HTTP server answers at all. */
  private async waitForApi(url: string, cancel: AbortSignal): Promise<void> {
    const problem = await retryUntilReady(
      async (signal) => {
        const response = await fetch(url, { signal });
        await response.arrayBuffer();
        return response.headers.get('server')?.startsWith('Werkzeug')
          ? undefined
          : `answered ${response.status} from ${response.headers.get('server') ?? 'an unknown server'}`;
      },
      { timeoutMs: 60_000, cancel },
    );
    this.checkNotStopped();
    if (problem !== undefined) throw new HarnessError(`sam local start-api is not serving at ${url}: ${problem}`);
  }

  protected async release(): Promise<void> {
    await killAll(this.processes);
    this.removeWorkDir();
    process.off('exit', this.removeWorkDir);
    // SAM removes a container when its invocation ends, but not one still running when SAM is killed;
    // a second pass catches one whose creation the engine finished after the first listing.
    await removeDockerRun(this.runId, this.docker);
    await removeDockerRun(this.runId, this.docker);
  }
}
