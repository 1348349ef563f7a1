import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { HarnessError } from '../core/errors.ts';
import { scratchDir } from '../core/paths.ts';

const ricDir = dirname(createRequire(import.meta.url).resolve('aws-lambda-ric'));

/** Shared libraries a binary loads, as the host's dynamic loader resolves them. */
function sharedLibraries(binary: string): string[] {
  const ldd = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (/not a dynamic executable/.test(`${ldd.stdout}${ldd.stderr}`)) return [];
  if (ldd.status !== 0) throw new HarnessError(`ldd ${binary} failed: ${ldd.stderr.trim()}`);
  return [...ldd.stdout.matchAll(/(\/\S+) \(0x/g)].map((match) => match[1]!);
}

/**
 * Base images start the runtime through /var/runtime/bootstrap with the handler in _HANDLER. SAM starts
 * RIE without arguments, so RIE finds this file, and passes the handler only as
 * AWS_LAMBDA_FUNCTION_HANDLER. There is no shell in the image, so node itself is the interpreter.
 */
const BOOTSTRAP = `#!/usr/bin/node
process.env._HANDLER ||= process.env.AWS_LAMBDA_FUNCTION_HANDLER;
import('/var/runtime/aws-lambda-ric/index.mjs');
`;

/**
 * A Lambda-style image built from scratch, because no registry can be reached: the host's node
 * and the libraries it loads, the official runtime client (with its native addon) in /var/runtime,
 * and the Runtime API (RIE, or lsc's own layer and its files) as the entrypoint, laid out like an AWS
 * base image. Function code is mounted at /var/task. The entrypoint is also at /var/rapid/aws-lambda-rie,
 * where SAM CLI's "rapid" images keep RIE, so SAM runs the same image when it is tagged `<repo>:rapid-<arch>`.
 */
export async function buildRuntimeImage(
  docker: Docker,
  runtimeApi: { entry: string; files: Array<[string, string]> },
  tag: string,
  labels: Record<string, string>,
  functionBinaries: string[] = [],
): Promise<void> {
  const context = scratchDir('lsc-image-');
  try {
    const files: string[] = [];
    const add = (source: string, target: string) => {
      mkdirSync(join(context, dirname(target)), { recursive: true });
      copyFileSync(source, join(context, target));
      files.push(target);
    };
    add(process.execPath, 'usr/bin/node');
    // Compiled functions (provided.al2023) bring their own bootstrap, mounted at /var/task; the image
    // carries the shared libraries they load, as Amazon Linux would (a static Go binary needs none).
    const libraries = new Set(
      [process.execPath, join(ricDir, 'rapid-client.node'), ...functionBinaries].flatMap((binary) => sharedLibraries(binary)),
    );
    for (const library of libraries) add(library, library.slice(1));
    for (const file of ['index.mjs', 'rapid-client.node', 'package.json']) add(join(ricDir, file), `var/runtime/aws-lambda-ric/${file}`);
    add(runtimeApi.entry, 'usr/local/bin/aws-lambda-rie');
    add(runtimeApi.entry, 'var/rapid/aws-lambda-rie');
    for (const [source, target] of runtimeApi.files) add(source, target);
    writeFileSync(join(context, 'var/runtime/bootstrap'), BOOTSTRAP, { mode: 0o755 });
    files.push('var/runtime/bootstrap');
    mkdirSync(join(context, 'var/task'), { recursive: true });
    writeFileSync(join(context, 'var/task/.keep'), '');
    files.push('var/task/.keep');
    const labelLine = Object.entries(labels)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join(' ');
    writeFileSync(
      join(context, 'Dockerfile'),
      `FROM scratch\nCOPY . /\nLABEL ${labelLine}\nENV LAMBDA_TASK_ROOT=/var/task LAMBDA_RUNTIME_DIR=/var/runtime PATH=/usr/local/bin:/usr/bin:/bin TZ=:UTC\nWORKDIR /var/task\nENTRYPOINT ["/usr/local/bin/aws-lambda-rie", "/usr/bin/node", "/var/runtime/aws-lambda-ric/index.mjs"]\n`,
    );
    files.push('Dockerfile');
    const stream = await docker.buildImage({ context, src: files }, { t: tag, forcerm: true });
    const output = await new Promise<Array<{ error?: string; errorDetail?: { message?: string } }>>((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, result: Array<{ error?: string }>) =>
        error ? reject(error) : resolve(result),
      ),
    );
    const failure = output.find((line) => line.error || line.errorDetail);
    if (failure) throw new HarnessError(`building ${tag} failed: ${failure.errorDetail?.message ?? failure.error}`);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
