import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Docker from 'dockerode';
import { HarnessError } from '../core/errors.ts';

/**
 * Everything a run creates on the Docker engine carries these labels: images directly, containers
 * directly or by inheriting them from the image (SAM CLI creates its own containers from ours). So a
 * run can be removed by its id whoever created the objects, and a dead owner's leftovers found later.
 */
const OWNER_LABEL = 'lsc.owner-pid';
const RUN_LABEL = 'lsc.run';

export function runLabels(runId: string): Record<string, string> {
  return { [RUN_LABEL]: runId, [OWNER_LABEL]: String(process.pid) };
}

const require = createRequire(import.meta.url);

/**
 * A Docker engine client. dockerode and what it pulls in (ssh2, gRPC, protobufjs) take about 0.12 s
 * to load, in the command line and again in Playwright's runner before every run, so they load on
 * first use: only the container targets and their cleanup talk to an engine.
 */
export function dockerClient(): Docker {
  const DockerClient = require('dockerode') as typeof Docker;
  return new DockerClient();
}

/** What this machine lacks to talk to a Docker engine, or undefined. */
export function dockerMissing(): string | undefined {
  if (process.env.DOCKER_HOST || existsSync('/var/run/docker.sock')) return undefined;
  return 'no Docker engine (no /var/run/docker.sock): install docker.io and start dockerd';
}

export async function ensureDockerReachable(docker: Docker): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    throw new HarnessError(
      `the Docker engine is not reachable (${(error as Error).message}); start dockerd, or install it: apt-get install docker.io`,
    );
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's; their run is not ours to sweep.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes every container and image of one run, whoever started them. */
export async function removeDockerRun(runId: string, docker = dockerClient()): Promise<void> {
  const filters = { label: [`${RUN_LABEL}=${runId}`] };
  const containers = await docker.listContainers({ all: true, filters }).catch(() => []);
  await Promise.all(
    containers.map((info) =>
      docker
        .getContainer(info.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
  const images = await docker.listImages({ filters }).catch(() => []);
  await Promise.all(
    images.map((info) =>
      docker
        .getImage(info.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

/** Containers and images of runs whose harness died (its owner PID is gone) are removed. */
export async function sweepOrphans(docker: Docker): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [OWNER_LABEL] } });
  for (const info of containers) {
    if (!processAlive(Number(info.Labels[OWNER_LABEL])))
      await docker
        .getContainer(info.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
  const images = await docker.listImages({ filters: { label: [OWNER_LABEL] } });
  for (const info of images) {
    if (!processAlive(Number(info.Labels?.[OWNER_LABEL])))
      await docker
        .getImage(info.Id)
        .remove({ force: true })
        .catch(() => undefined);
  }
}
