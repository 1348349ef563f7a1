import type { ServerResponse } from 'node:http';
import { ClientSink, type SinkContext } from './client-sink.ts';
import type { FunctionError } from './invocation.ts';
import { INTEGRATION_CONTENT_TYPE, PreludeError, PreludeSplitter, parsePreludeMetadata, type PreludeMetadata } from './prelude.ts';

/** Headers that belong to the runtime API or to HTTP framing and must never reach a URL client. */
const INTERNAL_HEADERS = new Set([
  'lambda-runtime-function-response-mode',
  'trailer',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'lambda-runtime-function-error-type',
  'lambda-runtime-function-error-body',
]);

function clientHeaders(metadata: PreludeMetadata, context: SinkContext): Record<string, string | string[]> {
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

function sendFunctionError(res: ServerResponse, error: FunctionError, context: SinkContext): void {
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

/**
 * RESPONSE_STREAM: bytes go to the client the moment they arrive. Only the prelude is held back,
 * until its delimiter shows up, because status and headers come from it.
 */
export class StreamingUrlResponse extends ClientSink {
  streams(): boolean {
    return true;
  }
  private splitter?: PreludeSplitter;
  private pendingHead?: PreludeMetadata;

  begin(contentType: string): void {
    if (contentType.split(';')[0]!.trim().toLowerCase() === INTEGRATION_CONTENT_TYPE) {
      this.splitter = new PreludeSplitter();
      return;
    }
    // Without a prelude the status is sent with the first byte, so an error before any write can
    // still be answered as an error (SPEC §10.2).
    this.pendingHead = { statusCode: 200, headers: { 'content-type': contentType }, cookies: [] };
  }

  protected deliver(chunk: Buffer): boolean {
    if (this.pendingHead) {
      this.head(this.pendingHead);
      this.pendingHead = undefined;
    }
    if (!this.splitter) return this.res.write(chunk);
    let rest: Buffer;
    try {
      const result = this.splitter.push(chunk);
      if (!result.done) return true;
      this.splitter = undefined;
      this.head(parsePreludeMetadata(result.metadata));
      rest = result.rest;
    } catch (error) {
      this.fail(invalidPrelude(error as Error));
      return true;
    }
    return rest.length === 0 ? true : this.res.write(rest);
  }

  protected finish(): FunctionError | undefined {
    if (this.splitter) {
      // Node writes the prelude lazily: a stream ended without a write reaches Lambda empty (SPEC §10.7).
      if (this.splitter.bufferedBytes > 0) return invalidPrelude(new PreludeError('stream ended before the prelude delimiter'));
      this.head({ statusCode: 200, headers: {}, cookies: [] });
    }
    if (this.pendingHead) this.head(this.pendingHead);
    this.res.end();
    return undefined;
  }

  protected answerFailure(error: FunctionError): void {
    if (this.headSent) this.abort();
    else sendFunctionError(this.res, error, this.context);
  }

  private head(metadata: PreludeMetadata): void {
    this.sendHead(metadata.statusCode, clientHeaders(metadata, this.context));
  }
}

const invalidPrelude = (error: Error): FunctionError => ({ errorType: 'Runtime.InvalidPrelude', errorMessage: error.message });

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
    const metadata = parsePreludeMetadata(
      Buffer.from(JSON.stringify({ statusCode: result.statusCode, headers: result.headers, cookies: result.cookies })),
    );
    const text = typeof result.body === 'string' ? result.body : result.body === undefined ? '' : JSON.stringify(result.body);
    return { metadata, body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text) };
  }
  return { metadata: { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [] }, body };
}

/** BUFFERED: the whole response is collected (the runtime API caps it at 6 MB) and sent with a length. */
export class BufferedUrlResponse extends ClientSink {
  streams(): boolean {
    return false;
  }
  private contentType = 'application/octet-stream';
  private chunks: Buffer[] = [];

  begin(contentType: string): void {
    this.contentType = contentType;
  }

  protected deliver(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  protected finish(): FunctionError | undefined {
    let result;
    try {
      result = interpretBufferedResult(Buffer.concat(this.chunks), this.contentType);
    } catch (error) {
      return invalidPrelude(error as Error);
    } finally {
      this.chunks = [];
    }
    const headers = clientHeaders(result.metadata, this.context);
    delete headers['x-amzn-remapped-content-length'];
    headers['content-length'] = String(result.body.length);
    this.res.writeHead(result.metadata.statusCode, headers);
    this.res.end(result.body);
    return undefined;
  }

  protected answerFailure(error: FunctionError): void {
    this.chunks = [];
    if (this.headSent) this.abort();
    else sendFunctionError(this.res, error, this.context);
  }
}
