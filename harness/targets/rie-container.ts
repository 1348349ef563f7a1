import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { FunctionSpec } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { buildRuntimeImage } from '../runners/container-image.ts';
import { dockerClient, dockerMissing, ensureDockerReachable, runLabels, sweepOrphans } from '../runners/docker-run.ts';
import { BootingTarget } from './booting-target.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { probeEndpoints } from './readiness.ts';
import { rieEnvironment } from './rie.ts';
import { compiledBootstraps, containerRuntimeCommand } from '../runtimes/launch.ts';
import { containerLayerMissing, containerLayerName, withContainerLayer } from '../rapid/binary.ts';
import { formatTargetName, type RuntimeApi } from './target-name.ts';

/**
 * RIE inside containers, laid out like an AWS Lambda base image (RIE as entrypoint, the runtime
 * client, the function at /var/task), one container per fixture function, published on loopback only.
 * The image is built for the run and, with every container, carries the run's label and is removed
 * at the end; what a crashed run left behind is swept at the next boot.
 */
export class RieContainerTarget extends BootingTarget {
  readonly name: string;
  private client?: Docker;
  // The command line names the run, so it can remove what the run created even if the runner was killed.
  private readonly runId = process.env.LSC_RUN_ID ?? randomUUID().slice(0, 8);
  private readonly containers: Docker.Container[] = [];
  private image?: string;

  /** The engine's client, made on first use (../runners/docker-run.ts). */
  private get docker(): Docker {
    return (this.client ??= dockerClient());
  }

  constructor(private readonly runtimeApi: RuntimeApi = 'rie') {
    super();
    this.name = formatTargetName({ front: 'rie-container', runtimeApi });
  }

  missing(): string | undefined {
    return dockerMissing() ?? containerLayerMissing(this.runtimeApi);
  }

  describe(): string {
    return `${containerLayerName(this.runtimeApi)} in a Docker image built from scratch`;
  }

  async version(): Promise<string> {
    const engine = await this.docker.version().catch(() => undefined);
    return `${containerLayerName(this.runtimeApi)} in Docker ${engine?.Version ?? 'unknown'}`;
  }

  protected async start(functions: FunctionSpec[]): Promise<EndpointMap> {
    await ensureDockerReachable(this.docker);
    await sweepOrphans(this.docker);
    const labels = runLabels(this.runId);
    const map: EndpointMap = { target: this.name, version: await this.version(), functions: {} };
    this.image = `lsc/lambda:run-${this.runId}`;
    const image = this.image;
    await withContainerLayer(this.runtimeApi, (layer) =>
      buildRuntimeImage(this.docker, layer, image, labels, compiledBootstraps(functions)),
    );
    for (const fn of functions) {
      this.checkNotStopped();
      const container = await this.docker.createContainer({
        Image: this.image,
        name: `lsc-${this.runId}-${fn.name.toLowerCase()}`,
        Labels: labels,
        Entrypoint: ['/usr/local/bin/aws-lambda-rie', ...containerRuntimeCommand(fn)],
        Env: Object.entries(rieEnvironment(fn, '/var/task')).map(([key, value]) => `${key}=${value}`),
        ExposedPorts: { '8080/tcp': {} },
        HostConfig: {
          Binds: [`${fn.codeUri}:/var/task:ro`],
          PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
        },
      });
      this.containers.push(container);
      this.checkNotStopped();
      await container.start();
      const port = (await container.inspect()).NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort;
      if (!port) throw new HarnessError(`container for ${fn.name} published no port`);
      const logs = await container.logs({ follow: true, stdout: true, stderr: true });
      const sink = { write: (chunk: Buffer) => this.logBuffer.add(`${fn.name}/container`, chunk.toString('utf8')) };
      this.docker.modem.demuxStream(logs, sink as never, sink as never);
      map.functions[fn.name] = {
        invokeUrl: `http://127.0.0.1:${port}/2015-03-31/functions/function/invocations`,
        // Where InvokeWithResponseStream lives on Lambda's API; RIE serves nothing there (IWRS-001).
        streamInvokeUrl: `http://127.0.0.1:${port}/2021-11-15/functions/function/response-streaming-invocations`,
      };
    }
    await probeEndpoints(map, { cancel: this.stopping.signal });
    return map;
  }

  protected async release(): Promise<void> {
    await Promise.all(this.containers.splice(0).map((container) => container.remove({ force: true }).catch(() => undefined)));
    if (this.image)
      await this.docker
        .getImage(this.image)
        .remove({ force: true })
        .catch(() => undefined);
    this.image = undefined;
  }
}
