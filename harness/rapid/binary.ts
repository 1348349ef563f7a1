import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { HarnessError } from '../core/errors.ts';
import { findRie } from '../core/tools.ts';
import { scratchDir } from '../core/paths.ts';

/** The container layers a Lambda-style image can run: upstream RIE, or lsc's own Runtime API. */
export const RUNTIME_APIS = ['rie', 'lsc'] as const;
export type RuntimeApi = (typeof RUNTIME_APIS)[number];

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
const listenFirst = fileURLToPath(new URL('./listen-first/', import.meta.url));

/** What a Lambda-style image gets as its Runtime API: the entrypoint at RIE's paths, and any files it needs. */
export interface ContainerLayerFiles {
  entry: string;
  /** [source on this machine, path in the image] */
  files: Array<[string, string]>;
}

/** Where the listen-first entrypoint (listen-first/main.go) starts the bundled layer. */
const LAYER_IN_IMAGE = 'var/rapid/lsc-rapid.cjs';

/**
 * lsc's container layer as one file: the image has node at /usr/bin/node and nothing else, so the
 * layer and everything it imports (fastify included) are bundled, as CommonJS.
 */
async function bundleContainerLayer(dir: string): Promise<string> {
  const outfile = join(dir, 'lsc-rapid.cjs');
  try {
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
      banner: { js: 'const __layerUrl = require("node:url").pathToFileURL(__filename).href;' },
      define: { 'import.meta.url': '__layerUrl' },
    });
  } catch (error) {
    throw new HarnessError(`bundling lsc's container layer failed: ${(error as Error).message}`);
  }
  chmodSync(outfile, 0o755);
  return outfile;
}

/** The static Go entrypoint that listens at once and relays to the layer (listen-first/main.go). */
function buildListenFirst(dir: string): string {
  const output = join(dir, 'aws-lambda-rie');
  const result = spawnSync('go', ['build', '-trimpath', '-o', output, '.'], {
    cwd: listenFirst,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0)
    throw new HarnessError(`building lsc's container layer entrypoint failed: ${result.error?.message ?? result.stderr.trim()}`);
  return output;
}

/** What a report calls the container layer. */
export function containerLayerName(runtimeApi: RuntimeApi): string {
  return runtimeApi === 'rie' ? `aws-lambda-rie from ${findRie().source ?? 'nowhere'}` : "lsc's Runtime API";
}

/** What this machine lacks to put the layer in an image; lsc's own is built on the spot, with Go. */
export function containerLayerMissing(runtimeApi: RuntimeApi): string | undefined {
  if (runtimeApi === 'rie') return findRie().missing;
  return spawnSync('go', ['version']).status === 0 ? undefined : "lsc's container layer is built with Go: put Go on PATH";
}

/**
 * Hands `use` the binary a Lambda-style image runs as its Runtime API: upstream RIE as found on this
 * machine, or lsc's own layer, bundled for the call and removed after it.
 */
export async function withContainerLayer<T>(runtimeApi: RuntimeApi, use: (layer: ContainerLayerFiles) => Promise<T>): Promise<T> {
  if (runtimeApi === 'rie') {
    const rie = findRie();
    if (!rie.path) throw new HarnessError(rie.missing!);
    return use({ entry: rie.path, files: [] });
  }
  const dir = scratchDir('lsc-rapid-');
  try {
    return await use({ entry: buildListenFirst(dir), files: [[await bundleContainerLayer(dir), LAYER_IN_IMAGE]] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
