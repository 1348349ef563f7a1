import type { FastifyInstance } from 'fastify';
import type { FunctionSpec } from '../template/function-spec.ts';
import { dispatch } from './dispatch.ts';
import type { FunctionPool } from './function-pool.ts';
import { listenOnLoopback, rawBodyServer } from './function-url.ts';
import { DirectInvokeResponse, StreamInvokeResponse } from './invoke-response.ts';
import type { LogBuffer } from '../core/log-buffer.ts';

export const INVOKE_PATH = '/2015-03-31/functions/function/invocations';
export const STREAM_INVOKE_PATH = '/2021-11-15/functions/function/response-streaming-invocations';

/**
 * The invoke layer of one function, shaped like the Runtime Interface Emulator's server (one port per
 * function, the function named "function"), so the same cases judge RIE and this emulator.
 */
export async function startInvokeApi(
  fn: FunctionSpec,
  pool: FunctionPool,
  logs: LogBuffer,
): Promise<{ app: FastifyInstance; invokeUrl: string; streamInvokeUrl: string }> {
  const app = rawBodyServer();
  for (const [path, streamingApi] of [
    [INVOKE_PATH, false],
    [STREAM_INVOKE_PATH, true],
  ] as const) {
    app.post(path, async (request, reply) => {
      reply.hijack();
      const body = (request.body as Buffer | undefined) ?? Buffer.from('{}');
      await dispatch({
        pool,
        logs,
        source: `${fn.name}/invoke`,
        description: `POST ${path}`,
        res: reply.raw,
        payloadFor: () => (body.length > 0 ? body : Buffer.from('{}')),
        sinkFor: (context) => (streamingApi ? new StreamInvokeResponse(reply.raw, context) : new DirectInvokeResponse(reply.raw, context)),
      });
    });
  }
  const base = await listenOnLoopback(app);
  return { app, invokeUrl: `${base}${INVOKE_PATH}`, streamInvokeUrl: `${base}${STREAM_INVOKE_PATH}` };
}
