import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { FunctionSpec } from '../template/function-spec.ts';
import { buildUrlEvent } from '../protocol/url-event.ts';
import { signingCredentials, signingRegion, verifySigV4 } from '../protocol/sigv4.ts';
import { dispatch } from './dispatch.ts';
import type { FunctionPool } from './function-pool.ts';
import type { LogBuffer } from '../core/log-buffer.ts';
import { BufferedUrlResponse, StreamingUrlResponse } from './url-response.ts';

/** Function URL request payloads are capped at 6 MB like the invoke payload. */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/** A loopback server whose request bodies reach the handlers as raw bytes, never parsed. */
export function rawBodyServer(): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: MAX_REQUEST_BYTES });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  return app;
}

export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * A Function URL front door: its own origin per function, as real URLs have their own host, so a
 * browser page on that origin can open an EventSource without CORS.
 */
export async function startFunctionUrl(
  fn: FunctionSpec,
  pool: FunctionPool,
  logs: LogBuffer,
): Promise<{ app: FastifyInstance; url: string }> {
  if (!fn.functionUrl) throw new Error(`${fn.name} has no FunctionUrlConfig`);
  const invokeMode = fn.functionUrl.invokeMode;
  const app = rawBodyServer();
  app.all('*', async (request, reply) => {
    if (fn.functionUrl?.authType === 'AWS_IAM') {
      const refusal = await verifySigV4(
        {
          method: request.method,
          rawUrl: request.url,
          headers: request.headers,
          body: (request.body as Buffer | undefined) ?? Buffer.alloc(0),
        },
        { credentials: await signingCredentials(), region: signingRegion() },
      );
      if (refusal) {
        logs.add(`${fn.name}/url`, `refused ${request.method} ${request.url}: ${refusal.errorType}: ${refusal.message}`);
        return reply
          .code(refusal.status)
          .header('x-amzn-errortype', refusal.errorType)
          .header('x-amzn-requestid', randomUUID())
          .send({ Message: refusal.message });
      }
    }
    reply.hijack();
    await dispatch({
      pool,
      logs,
      source: `${fn.name}/url`,
      description: `${request.method} ${request.url}`,
      res: reply.raw,
      payloadFor: (requestId) =>
        buildUrlEvent({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: request.body as Buffer | undefined,
          requestId,
          sourceIp: request.ip,
          urlId: fn.name.toLowerCase(),
        }),
      sinkFor: (context) =>
        invokeMode === 'RESPONSE_STREAM' ? new StreamingUrlResponse(reply.raw, context) : new BufferedUrlResponse(reply.raw, context),
    });
  });
  return { app, url: `${await listenOnLoopback(app)}/` };
}
