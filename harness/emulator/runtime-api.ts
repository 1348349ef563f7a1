import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { FunctionError, Invocation } from './invocation.ts';

/** RAPID's buffered-response ceiling: 6 MiB + 100 bytes (SPEC.md §4). */
export const MAX_BUFFERED_PAYLOAD = 6 * 1024 * 1024 + 100;
const TRAILER_ERROR_TYPE = 'lambda-runtime-function-error-type';
const TRAILER_ERROR_BODY = 'lambda-runtime-function-error-body';

/** What the runtime API needs from the instance it serves. */
export interface RuntimeApiHost {
  readonly functionArn: string;
  /** Resolves with the next invocation for this instance; the runtime long-polls on it. */
  nextInvocation(): Promise<Invocation>;
  current(): Invocation | undefined;
  log(message: string): void;
}

function rapidError(reply: FastifyReply, status: number, errorType: string, errorMessage: string) {
  return reply.code(status).send({ errorMessage, errorType });
}

/** Error body trailers are base64 JSON (SPEC §1.5); a body that does not decode is kept verbatim. */
function decodeErrorBody(encoded: string | undefined, fallbackType: string): FunctionError {
  if (!encoded) return { errorType: fallbackType, errorMessage: '' };
  try {
    const parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Partial<FunctionError>;
    return { errorType: fallbackType, errorMessage: String(parsed.errorMessage ?? '') };
  } catch {
    return { errorType: fallbackType, errorMessage: encoded };
  }
}

/** RAPID normalises error types posted to /error (SPEC §1.2); trailers pass through as they are. */
export function normaliseErrorType(type: string | undefined): string {
  if (type && /^(Runtime|Function)\.[A-Z][a-zA-Z]+$/.test(type)) return type;
  return type?.startsWith('Function.') ? 'Function.Unknown' : 'Runtime.Unknown';
}

async function drain(raw: IncomingMessage): Promise<void> {
  raw.resume();
  await new Promise<void>((resolve) => {
    raw.once('end', resolve);
    raw.once('close', resolve);
  });
}

/** Streams the runtime's body into the sink as it arrives, honouring the client's backpressure. */
async function relayStreaming(raw: IncomingMessage, invocation: Invocation): Promise<'complete' | 'truncated'> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = (how: 'complete' | 'truncated') => {
      if (finished) return;
      finished = true;
      resolve(how);
    };
    raw.on('data', (chunk: Buffer) => {
      if (invocation.settled) return;
      if (!invocation.sink.write(chunk)) {
        raw.pause();
        void invocation.sink.writable().then(() => raw.resume());
      }
    });
    raw.once('end', () => finish('complete'));
    raw.once('close', () => finish(raw.complete ? 'complete' : 'truncated'));
    raw.once('error', () => finish('truncated'));
  });
}

async function collectBuffered(raw: IncomingMessage): Promise<{ body?: Buffer; size: number; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let oversized = false;
  return new Promise((resolve) => {
    raw.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BUFFERED_PAYLOAD) oversized = true;
      if (!oversized) chunks.push(chunk);
    });
    const done = () => resolve({ body: oversized ? undefined : Buffer.concat(chunks), size, truncated: !raw.complete });
    raw.once('end', done);
    raw.once('close', done);
  });
}

async function handleResponse(host: RuntimeApiHost, request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const invocation = host.current();
  const raw = request.raw;
  if (!invocation || invocation.id !== request.params.id) {
    await drain(raw);
    return rapidError(reply, 400, 'InvalidRequestID', 'Invalid request ID');
  }
  if (invocation.state !== 'running') {
    await drain(raw);
    return rapidError(reply, 403, 'InvalidStateTransition', 'State transition from Responding/Done to Responding is not allowed');
  }
  const mode = request.headers['lambda-runtime-function-response-mode'];
  if (mode !== undefined && mode !== 'streaming') {
    await drain(raw);
    invocation.fail({ errorType: 'Runtime.InvalidResponseModeHeader', errorMessage: `invalid response mode ${JSON.stringify(mode)}` });
    return rapidError(reply, 400, 'InvalidFunctionResponseMode', 'Invalid function response mode');
  }
  invocation.state = 'responding';
  const contentType = request.headers['content-type'] ?? 'application/octet-stream';

  // A body without a length is one the runtime writes as it goes, whether or not it declared the mode.
  const sentAsItGoes = mode === 'streaming' || request.headers['content-length'] === undefined;
  if (invocation.sink.streams(sentAsItGoes)) {
    invocation.sink.begin(contentType);
    const how = await relayStreaming(raw, invocation);
    if (how === 'truncated') {
      invocation.fail({ errorType: 'Runtime.TruncatedResponse', errorMessage: 'HTTP request detected as truncated' });
      return rapidError(reply, 400, 'TruncatedHTTPRequest', 'HTTP request detected as truncated');
    }
  } else {
    const { body, size, truncated } = await collectBuffered(raw);
    if (truncated) {
      invocation.fail({ errorType: 'Runtime.TruncatedResponse', errorMessage: 'HTTP request detected as truncated' });
      return rapidError(reply, 400, 'TruncatedHTTPRequest', 'HTTP request detected as truncated');
    }
    if (!body) {
      invocation.fail({
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_BUFFERED_PAYLOAD} bytes).`,
      });
      host.log(`response of ${size} bytes exceeds ${MAX_BUFFERED_PAYLOAD}`);
      return rapidError(reply, 413, 'RequestEntityTooLarge', `Exceeded maximum allowed payload size (${MAX_BUFFERED_PAYLOAD} bytes).`);
    }
    if (!readErrorTrailers(raw)) {
      invocation.sink.begin(contentType);
      invocation.sink.write(body);
    }
  }
  const trailerError = readErrorTrailers(raw);
  if (trailerError) {
    host.log(`function error via trailers: ${trailerError.errorType}: ${trailerError.errorMessage}`);
    invocation.fail(trailerError);
  } else {
    invocation.succeed();
  }
  return reply.code(202).send({ status: 'OK' });
}

function readErrorTrailers(raw: IncomingMessage): FunctionError | undefined {
  const type = raw.trailers[TRAILER_ERROR_TYPE];
  if (!type) return undefined;
  return decodeErrorBody(raw.trailers[TRAILER_ERROR_BODY], type);
}

async function handleError(host: RuntimeApiHost, request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const invocation = host.current();
  const body = await readSmallBody(request.raw);
  if (!invocation || invocation.id !== request.params.id) return rapidError(reply, 400, 'InvalidRequestID', 'Invalid request ID');
  if (invocation.state !== 'running') {
    return rapidError(reply, 403, 'InvalidStateTransition', 'State transition from Responding/Done to Error is not allowed');
  }
  let message = body.toString('utf8');
  try {
    message = String((JSON.parse(message) as { errorMessage?: unknown }).errorMessage ?? message);
  } catch {
    // Kept as sent: RAPID forwards whatever the runtime posted.
  }
  const errorType = normaliseErrorType(request.headers['lambda-runtime-function-error-type'] as string | undefined);
  host.log(`function error: ${errorType}: ${message}`);
  invocation.fail({ errorType, errorMessage: message });
  return reply.code(202).send({ status: 'OK' });
}

async function readSmallBody(raw: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    size += (chunk as Buffer).length;
    if (size <= 1024 * 1024) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface RuntimeApiOptions {
  /**
   * A path every route is served under, e.g. `/.rt/<function>` as cargo-lambda serves its Runtime
   * APIs; a runtime client then reaches it only through the runtime-api-prefix adapter.
   */
  prefix?: string;
  /**
   * Serves events without a Content-Type, as cargo-lambda does, so that the adapter's repair of it is
   * exercised whenever the adapter is proven transparent.
   */
  eventsWithoutContentType?: boolean;
}

/** The Lambda Runtime API for one instance, with RAPID's semantics (SPEC.md §1). */
export async function startRuntimeApi(
  host: RuntimeApiHost,
  options: RuntimeApiOptions = {},
): Promise<{ app: FastifyInstance; address: string; port: number }> {
  const at = (path: string) => `${options.prefix ?? ''}${path}`;
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // Bodies are consumed by the handlers themselves: streamed, never parsed or buffered by the framework.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.get(at('/2018-06-01/runtime/invocation/next'), async (request, reply) => {
    const invocation = await host.nextInvocation();
    invocation.state = 'running';
    const headers = {
      'lambda-runtime-aws-request-id': invocation.id,
      'lambda-runtime-deadline-ms': String(invocation.deadlineMs),
      'lambda-runtime-invoked-function-arn': host.functionArn,
      'lambda-runtime-trace-id': invocation.traceId,
    };
    if (options.eventsWithoutContentType) {
      // Fastify would add a Content-Type of its own to anything sent through the reply.
      reply.hijack();
      reply.raw.writeHead(200, { ...headers, 'content-length': invocation.payload.length });
      reply.raw.end(invocation.payload);
      return reply;
    }
    return reply.headers({ 'content-type': 'application/json', ...headers }).send(invocation.payload);
  });
  app.post<{ Params: { id: string } }>(at('/2018-06-01/runtime/invocation/:id/response'), (request, reply) =>
    handleResponse(host, request, reply),
  );
  app.post<{ Params: { id: string } }>(at('/2018-06-01/runtime/invocation/:id/error'), (request, reply) =>
    handleError(host, request, reply),
  );
  app.post(at('/2018-06-01/runtime/init/error'), async (request, reply) => {
    const body = await readSmallBody(request.raw);
    host.log(`init error: ${body.toString('utf8').slice(0, 2000)}`);
    host.current()?.fail({ errorType: 'Runtime.InitError', errorMessage: body.toString('utf8').slice(0, 2000) });
    return reply.code(202).send({ status: 'OK' });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('runtime API has no TCP address');
  return { app, address: `127.0.0.1:${address.port}`, port: address.port };
}
