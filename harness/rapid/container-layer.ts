/**
 * The process a Lambda-style image runs in RIE's place (`/usr/local/bin/aws-lambda-rie`,
 * `/var/rapid/aws-lambda-rie`) under `--runtime-api lsc`: RIE's command line and environment contract
 * on the outside, the reference emulator's Runtime API and instances on the inside. Bundled into one
 * file (rapid/binary.ts, from rapid/main.ts) because the image has node and nothing else; a static
 * entrypoint (listen-first/main.go) holds the invoke port from the first moment and relays to it.
 */
import { LogBuffer } from '../core/log-buffer.ts';
import { dispatch } from '../emulator/dispatch.ts';
import { FunctionPool } from '../emulator/function-pool.ts';
import { rawBodyServer } from '../emulator/function-url.ts';
import { INVOKE_PATH } from '../emulator/invoke-api.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import type { LayerCommandLine } from './command-line.ts';
import { ContainerInvokeResponse } from './container-invoke-response.ts';

/** The function as the container's environment describes it, with RIE's defaults for what it leaves out. */
export function functionFromEnvironment(env: NodeJS.ProcessEnv): { fn: FunctionSpec; env: NodeJS.ProcessEnv } {
  const runtimeEnv: NodeJS.ProcessEnv = {
    AWS_LAMBDA_FUNCTION_NAME: 'test_function',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '3008',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    ...env,
  };
  runtimeEnv.AWS_LAMBDA_LOG_GROUP_NAME ??= `/aws/lambda/${runtimeEnv.AWS_LAMBDA_FUNCTION_NAME}`;
  runtimeEnv.AWS_LAMBDA_LOG_STREAM_NAME ??= '$LATEST';
  runtimeEnv._HANDLER ??= env.AWS_LAMBDA_FUNCTION_HANDLER;
  const timeoutSeconds = Number(env.AWS_LAMBDA_FUNCTION_TIMEOUT ?? 300);
  const fn: FunctionSpec = {
    name: runtimeEnv.AWS_LAMBDA_FUNCTION_NAME!,
    runtime: env.AWS_EXECUTION_ENV ?? 'provided',
    language: 'node',
    handler: runtimeEnv._HANDLER ?? '',
    codeUri: env.LAMBDA_TASK_ROOT ?? '/var/task',
    timeoutSeconds: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 300,
    memorySizeMb: Number(runtimeEnv.AWS_LAMBDA_FUNCTION_MEMORY_SIZE),
    environment: {},
    apiEvents: [],
  };
  return { fn, env: runtimeEnv };
}

/** The container's output is its log: SAM and Docker show it, and the harness collects it from there. */
class ConsoleLog extends LogBuffer {
  override add(source: string, text: string): void {
    for (const line of text.split('\n')) if (line.length > 0) process.stdout.write(`[lsc-rapid ${source}] ${line}\n`);
  }
}

/** Serves the direct invoke until SIGTERM, as RIE does. */
export async function runContainerLayer(commandLine: LayerCommandLine): Promise<void> {
  const { fn, env } = functionFromEnvironment(process.env);
  const logs = new ConsoleLog();
  const pool = new FunctionPool(fn, logs, undefined, { launch: { command: commandLine.command, env } });
  const app = rawBodyServer();
  app.post(INVOKE_PATH, async (request, reply) => {
    reply.hijack();
    const body = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
    await dispatch({
      pool,
      logs,
      source: 'invoke',
      description: `POST ${INVOKE_PATH}`,
      res: reply.raw,
      payloadFor: () => (body.length > 0 ? body : Buffer.from('{}')),
      sinkFor: (context) => new ContainerInvokeResponse(reply.raw, context),
    });
  });
  // Anything else is answered as RIE's Go server answers it, so a front sees the same 404 over either layer.
  app.setNotFoundHandler((_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send('404 page not found\n'));
  const stop = () => void Promise.all([app.close(), pool.stop()]).finally(() => process.exit(0));
  // The entrypoint passes on the container's SIGTERM; the instances go with the layer.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const { host, port } = commandLine.invokeAddress;
  await app.listen({ host, port });
  logs.add('rapid', `listening on ${host}:${port}, runtime ${commandLine.command.join(' ')}`);
  // Init starts now rather than with the first invoke, which then finds the instance booting and waits for it.
  pool.prewarm().catch((error: Error) => logs.add('rapid', `init failed: ${error.message}`));
}
