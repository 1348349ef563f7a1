import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import type { FunctionSpec } from '../catalogue/function-spec.ts';
import { HarnessError } from '../cli/errors.ts';
import { LogBuffer } from '../emulator/log-buffer.ts';
import { buildRuntimeImage } from '../runners/container-image.ts';
import type { EndpointMap } from './endpoint-map.ts';
import { probeEndpoints } from './readiness.ts';
import { rieEnvironment } from './rie.ts';
import type { Target } from './target.ts';
import { findRie } from './tools.ts';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const OWNER_LABEL = 'lsc.owner-pid';
const RUN_LABEL = 'lsc.run';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * RIE inside containers, laid out like an AWS Lambda base image (RIE as entrypoint, the runtime
 * client, the function at /var/task), one container per fixture function, published on loopback only.
 * The image is built for the run and, with every container, carries the run's label and is removed
 * at the end; what a crashed run left behind is swept at the next boot.
 */
export class RieContainerTarget implements Target {
  readonly name = 'rie-container';
  private readonly docker = new Docker();
  // The command line names the run, so it can remove what the run created even if the runner was killed.
  private readonly runId = process.env.LSC_RUN_ID ?? randomUUID().slice(0, 8);
  private readonly logBuffer = new LogBuffer();
  private readonly containers: Docker.Container[] = [];
  private image?: string;
  private booting?: Promise<unknown>;
  private stopped = false;
  missing(): string | undefined {
    const socket = process.env.DOCKER_HOST ? undefined : '/var/run/docker.sock';
    if (socket && !existsSync(socket)) return 'no Docker engine (no /var/run/docker.sock): install docker.io and start dockerd';
    return findRie(root).missing;
  }

  async version(): Promise<string> {
    const engine = await this.docker.version().catch(() => undefined);
    return `aws-lambda-rie from ${findRie(root).source ?? 'unknown'} in Docker ${engine?.Version ?? 'unknown'}`;
  }

  boot(functions: FunctionSpec[]): Promise<EndpointMap> {
    const booting = this.bootContainers(functions);
    this.booting = booting.catch(() => undefined);
    return booting;
  }

  /** Every step checks whether a stop came in meanwhile, so nothing is created after cleanup began. */
  private checkNotStopped(): void {
    if (this.stopped) throw new HarnessError('rie-container: stopped while booting');
  }

  private async bootContainers(functions: FunctionSpec[]): Promise<EndpointMap> {
    const rie = findRie(root);
    if (!rie.path) throw new HarnessError(rie.missing!);
    try {
      await this.docker.ping();
    } catch (error) {
      throw new HarnessError(`the Docker engine is not reachable (${(error as Error).message}); start dockerd, or install it: apt-get install docker.io`);
    }
    await this.sweepOrphans();
    const labels = { [RUN_LABEL]: this.runId, [OWNER_LABEL]: String(process.pid) };
    const map: EndpointMap = { target: this.name, version: await this.version(), functions: {} };
    try {
      this.image = `lsc/lambda-nodejs:run-${this.runId}`;
      await buildRuntimeImage(this.docker, rie.path, this.image, labels);
      for (const fn of functions) {
        this.checkNotStopped();
        if (!fn.runtime.startsWith('nodejs')) throw new HarnessError(`function ${fn.name}: the rie-container target runs nodejs functions only, not ${fn.runtime}`);
        const container = await this.docker.createContainer({
          Image: this.image,
          name: `lsc-${this.runId}-${fn.name.toLowerCase()}`,
          Labels: labels,
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
        map.functions[fn.name] = { invokeUrl: `http://127.0.0.1:${port}/2015-03-31/functions/function/invocations` };
      }
      await probeEndpoints(map);
    } catch (error) {
      await this.removeAll();
      throw error instanceof HarnessError ? new HarnessError(`${error.message}\n${this.logBuffer.text().slice(-2000)}`) : error;
    }
    return map;
  }

  logs(): string {
    return this.logBuffer.text();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.booting;
    await this.removeAll();
  }

  private async removeAll(): Promise<void> {
    await Promise.all(this.containers.splice(0).map((container) => container.remove({ force: true }).catch(() => undefined)));
    if (this.image) await this.docker.getImage(this.image).remove({ force: true }).catch(() => undefined);
    this.image = undefined;
  }

  /** Removes every container and image of one run, whoever started them. */
  static async removeRun(runId: string): Promise<void> {
    const docker = new Docker();
    const filters = { label: [`${RUN_LABEL}=${runId}`] };
    const containers = await docker.listContainers({ all: true, filters }).catch(() => []);
    await Promise.all(containers.map((info) => docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined)));
    const images = await docker.listImages({ filters }).catch(() => []);
    await Promise.all(images.map((info) => docker.getImage(info.Id).remove({ force: true }).catch(() => undefined)));
  }

  /** Containers and images of runs whose harness died (its owner PID is gone) are removed. */
  private async sweepOrphans(): Promise<void> {
    const containers = await this.docker.listContainers({ all: true, filters: { label: [OWNER_LABEL] } });
    for (const info of containers) {
      if (!processAlive(Number(info.Labels[OWNER_LABEL]))) await this.docker.getContainer(info.Id).remove({ force: true }).catch(() => undefined);
    }
    const images = await this.docker.listImages({ filters: { label: [OWNER_LABEL] } });
    for (const info of images) {
      if (!processAlive(Number(info.Labels?.[OWNER_LABEL]))) await this.docker.getImage(info.Id).remove({ force: true }).catch(() => undefined);
    }
  }
}
