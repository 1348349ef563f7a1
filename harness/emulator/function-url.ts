import Fastify, { type FastifyInstance } from 'fastify';
import type { FunctionSpec } from '../catalogue/function-spec.ts';
import type { FunctionPool } from './function-pool.ts';
import { Invocation } from './invocation.ts';
import type { LogBuffer } from './log-buffer.ts';
import { buildUrlEvent } from './url-event.ts';
import { BufferedUrlResponse, StreamingUrlResponse } from './url-response.ts';

/** Function URL request payloads are capped at 6 MB like the invoke payload. */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/**
 * A Function URL front door: its own origin per function, as real URLs have their own host, so a
 * browser page on that origin can open an EventSource without CORS.
 */
export async function startFunctionUrl(fn: FunctionSpec, pool: FunctionPool, logs: LogBuffer, port = 0): Promise<{ app: FastifyInstance; url: string }> {
  if (!fn.functionUrl) throw new Error(`${fn.name} has no FunctionUrlConfig`);
  const invokeMode = fn.functionUrl.invokeMode;
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: MAX_REQUEST_BYTES });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.all('*', async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    const invocationContext = {
      requestId: '',
      traceId: '',
      log: (message: string) => logs.add(`${fn.name}/url`, message),
    };
    const sink = invokeMode === 'RESPONSE_STREAM' ? new StreamingUrlResponse(res, invocationContext) : new BufferedUrlResponse(res, invocationContext);
    const payloadFor = (requestId: string) =>
      buildUrlEvent({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body as Buffer | undefined,
        requestId,
        sourceIp: request.ip,
        urlId: fn.name.toLowerCase(),
      });
    const invocation = new Invocation(fn.name, payloadFor, sink);
    invocationContext.requestId = invocation.id;
    invocationContext.traceId = invocation.traceId;
    sink.onClientGone(() => logs.add(`${fn.name}/url`, `${invocation.id} client disconnected; the invocation runs on`));
    logs.add(`${fn.name}/url`, `START RequestId: ${invocation.id} ${request.method} ${request.url}`);
    const started = performance.now();
    invocation.onSettled(() => {
      const outcome = invocation.error ? ` ${invocation.error.errorType}` : '';
      logs.add(`${fn.name}/url`, `END RequestId: ${invocation.id} Duration: ${(performance.now() - started).toFixed(2)} ms${outcome}`);
    });
    try {
      const accepted = await pool.invoke(invocation);
      if (!accepted) {
        invocation.state = 'done';
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
        res.end(JSON.stringify({ Message: 'Rate Exceeded.' }));
      }
    } catch (error) {
      invocation.fail({ errorType: 'Runtime.StartError', errorMessage: (error as Error).message });
    }
  });

  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('function URL has no TCP address');
  return { app, url: `http://127.0.0.1:${address.port}/` };
}
