import type { ServerResponse } from 'node:http';
import type { FunctionError, ResponseSink } from './invocation.ts';
import { INTEGRATION_CONTENT_TYPE, PreludeError, PreludeSplitter, parsePreludeMetadata, type PreludeMetadata } from './prelude.ts';

/** Headers that belong to the runtime API or to HTTP framing and must never reach a URL client. */
const INTERNAL_HEADERS = new Set([
  'lambda-runtime-function-response-mode', 'trailer', 'transfer-encoding', 'connection', 'keep-alive',
  'lambda-runtime-function-error-type', 'lambda-runtime-function-error-body',
]);

export interface UrlResponseContext {
  requestId: string;
  traceId: string;
  log(message: string): void;
}

function clientHeaders(metadata: PreludeMetadata, context: UrlResponseContext): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(metadata.headers)) {
    if (INTERNAL_HEADERS.has(name)) continue;
    // Lambda renames a prelude Content-Length so it cannot contradict the chunked body (SPEC §10.6).
    headers[name === 'content-length' ? 'x-amzn-remapped-content-length' : name] = value;
  }
  if (metadata.cookies.length > 0) headers['set-cookie'] = metadata.cookies;
  headers['content-type'] ??= 'application/octet-stream';
  headers['x-amzn-requestid'] = context.requestId;
  headers['x-amzn-trace-id'] = context.traceId;
  return headers;
}

function sendFunctionError(res: ServerResponse, error: FunctionError, context: UrlResponseContext): void {
  // Function URLs answer a function error with 502 "Internal Server Error" (SPEC §10.2, BUFFERED, grade A).
  const body = 'Internal Server Error';
  res.writeHead(502, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': context.requestId,
    'x-amzn-errortype': error.errorType,
  });
  res.end(body);
}

/** The client side of a closed-before-end stream: no terminating chunk, so it cannot look complete. */
function abort(res: ServerResponse): void {
  res.destroy();
}

/** Lets the runtime API pause the runtime while the client is not keeping up. */
export class Backpressure {
  private waiting?: Promise<void>;

  constructor(private readonly res: ServerResponse) {}

  writable(): Promise<void> {
    if (!this.res.writableNeedDrain || this.res.destroyed) return Promise.resolve();
    this.waiting ??= new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        this.waiting = undefined;
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
    return this.waiting;
  }
}

/**
 * RESPONSE_STREAM: bytes go to the client the moment they arrive. Only the prelude is held back,
 * until its delimiter shows up, because status and headers come from it.
 */
export class StreamingUrlResponse implements ResponseSink {
  readonly streaming = true;
  private splitter?: PreludeSplitter;
  private pendingHead?: PreludeMetadata;
  private failed = false;
  private readonly backpressure: Backpressure;

  constructor(private readonly res: ServerResponse, private readonly context: UrlResponseContext) {
    this.backpressure = new Backpressure(res);
  }

  begin(contentType: string): void {
    if (contentType.split(';')[0]!.trim().toLowerCase() === INTEGRATION_CONTENT_TYPE) {
      this.splitter = new PreludeSplitter();
      return;
    }
    // Without a prelude the status is sent with the first byte, so an error before any write can
    // still be answered as an error (SPEC §10.2).
    this.pendingHead = { statusCode: 200, headers: { 'content-type': contentType }, cookies: [] };
  }

  write(chunk: Buffer): boolean {
    if (this.failed || this.res.destroyed || chunk.length === 0) return true;
    if (this.pendingHead) {
      this.sendHead(this.pendingHead);
      this.pendingHead = undefined;
    }
    if (this.splitter) {
      let result;
      try {
        result = this.splitter.push(chunk);
      } catch (error) {
        this.rejectPrelude(error as Error);
        return true;
      }
      if (!result.done) return true;
      this.splitter = undefined;
      let metadata: PreludeMetadata;
      try {
        metadata = parsePreludeMetadata(result.metadata);
      } catch (error) {
        this.rejectPrelude(error as Error);
        return true;
      }
      this.sendHead(metadata);
      return result.rest.length === 0 ? true : this.res.write(result.rest);
    }
    return this.res.write(chunk);
  }

  writable(): Promise<void> {
    return this.backpressure.writable();
  }

  complete(): void {
    if (this.failed) return;
    if (this.splitter) {
      if (this.splitter.bufferedBytes === 0) {
        // Node writes the prelude lazily: a stream ended without a write reaches Lambda empty (SPEC §10.7).
        this.sendHead({ statusCode: 200, headers: {}, cookies: [] });
      } else {
        this.rejectPrelude(new PreludeError('stream ended before the prelude delimiter'));
        return;
      }
    }
    if (this.pendingHead) this.sendHead(this.pendingHead);
    this.res.end();
  }

  fail(error: FunctionError): void {
    if (this.failed) return;
    this.failed = true;
    this.context.log(`${this.context.requestId} failed: ${error.errorType}: ${error.errorMessage}`);
    if (this.res.headersSent) abort(this.res);
    else sendFunctionError(this.res, error, this.context);
  }

  onClientGone(listener: () => void): void {
    this.res.once('close', () => {
      if (!this.res.writableFinished) listener();
    });
  }

  private rejectPrelude(error: Error): void {
    this.context.log(`${this.context.requestId} invalid prelude: ${error.message}`);
    this.fail({ errorType: 'Runtime.InvalidPrelude', errorMessage: error.message });
  }

  private sendHead(metadata: PreludeMetadata): void {
    this.res.writeHead(metadata.statusCode, clientHeaders(metadata, this.context));
    // Status and headers leave now, not with the first body byte: the client learns them as Lambda sends them.
    this.res.flushHeaders();
  }
}

/** The Function URL v2 response format a buffered handler's return value is read with. */
function interpretBufferedResult(body: Buffer, contentType: string): { metadata: PreludeMetadata; body: Buffer } {
  if (contentType.split(';')[0]!.trim().toLowerCase() === INTEGRATION_CONTENT_TYPE) {
    const splitter = new PreludeSplitter();
    const split = splitter.push(body);
    if (split.done) return { metadata: parsePreludeMetadata(split.metadata), body: split.rest };
    if (body.length === 0) return { metadata: { statusCode: 200, headers: {}, cookies: [] }, body };
    throw new PreludeError('response has the integration content type but no prelude delimiter');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { metadata: { statusCode: 200, headers: { 'content-type': contentType }, cookies: [] }, body };
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'statusCode' in parsed) {
    const result = parsed as { statusCode?: unknown; headers?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
    const metadata = parsePreludeMetadata(Buffer.from(JSON.stringify({ statusCode: result.statusCode, headers: result.headers, cookies: result.cookies })));
    const text = typeof result.body === 'string' ? result.body : result.body === undefined ? '' : JSON.stringify(result.body);
    return { metadata, body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text) };
  }
  return { metadata: { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [] }, body };
}

/** BUFFERED: the whole response is collected (the runtime API caps it at 6 MB) and sent with a length. */
export class BufferedUrlResponse implements ResponseSink {
  readonly streaming = false;
  private contentType = 'application/octet-stream';
  private chunks: Buffer[] = [];
  private settled = false;

  constructor(private readonly res: ServerResponse, private readonly context: UrlResponseContext) {}

  begin(contentType: string): void {
    this.contentType = contentType;
  }

  write(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  writable(): Promise<void> {
    return Promise.resolve();
  }

  complete(): void {
    if (this.settled) return;
    this.settled = true;
    let result;
    try {
      result = interpretBufferedResult(Buffer.concat(this.chunks), this.contentType);
    } catch (error) {
      this.settled = false;
      this.fail({ errorType: 'Runtime.InvalidPrelude', errorMessage: (error as Error).message });
      return;
    }
    this.chunks = [];
    const headers = clientHeaders(result.metadata, this.context);
    delete headers['x-amzn-remapped-content-length'];
    headers['content-length'] = String(result.body.length);
    this.res.writeHead(result.metadata.statusCode, headers);
    this.res.end(result.body);
  }

  fail(error: FunctionError): void {
    if (this.settled) return;
    this.settled = true;
    this.chunks = [];
    this.context.log(`${this.context.requestId} failed: ${error.errorType}: ${error.errorMessage}`);
    if (this.res.headersSent) abort(this.res);
    else sendFunctionError(this.res, error, this.context);
  }

  onClientGone(listener: () => void): void {
    this.res.once('close', () => {
      if (!this.res.writableFinished) listener();
    });
  }
}
