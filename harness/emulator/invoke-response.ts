import type { ServerResponse } from 'node:http';
import { invokeComplete, payloadChunk } from '../protocol/event-stream.ts';
import type { FunctionError, ResponseSink } from './invocation.ts';
import { Backpressure, type UrlResponseContext } from './url-response.ts';

function onClientGone(res: ServerResponse, listener: () => void): void {
  res.once('close', () => {
    if (!res.writableFinished) listener();
  });
}

/**
 * A direct invoke (RIE's only route, /2015-03-31/functions/function/invocations) answered the way
 * RAPID answers a streaming direct invoke: the runtime's bytes and Content-Type, verbatim and as they
 * arrive, prelude included. A function error before any byte is the Invoke API's: 200 with
 * X-Amz-Function-Error and the error as JSON; after bytes have gone, the stream is cut.
 */
export class DirectInvokeResponse implements ResponseSink {
  readonly streaming = true;
  private contentType = 'application/octet-stream';
  private failed = false;
  private readonly backpressure: Backpressure;

  constructor(private readonly res: ServerResponse, private readonly context: UrlResponseContext) {
    this.backpressure = new Backpressure(res);
  }

  begin(contentType: string): void {
    this.contentType = contentType;
  }

  write(chunk: Buffer): boolean {
    if (this.failed || this.res.destroyed || chunk.length === 0) return true;
    this.sendHead();
    return this.res.write(chunk);
  }

  writable(): Promise<void> {
    return this.backpressure.writable();
  }

  complete(): void {
    if (this.failed) return;
    this.sendHead();
    this.res.end();
  }

  fail(error: FunctionError): void {
    if (this.failed) return;
    this.failed = true;
    this.context.log(`${this.context.requestId} failed: ${error.errorType}: ${error.errorMessage}`);
    if (this.res.headersSent) {
      this.res.destroy();
      return;
    }
    const body = JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage });
    this.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-amz-function-error': 'Unhandled', 'x-amzn-requestid': this.context.requestId });
    this.res.end(body);
  }

  onClientGone(listener: () => void): void {
    onClientGone(this.res, listener);
  }

  private sendHead(): void {
    if (this.res.headersSent) return;
    this.res.writeHead(200, { 'content-type': this.contentType, 'x-amzn-requestid': this.context.requestId, 'x-amz-executed-version': '$LATEST' });
    this.res.flushHeaders();
  }
}

/**
 * InvokeWithResponseStream (SPEC §5): every runtime chunk becomes a PayloadChunk event at once, the
 * prelude passed through untouched (§10.5), and exactly one InvokeComplete ends the stream, carrying
 * the error trailer's type and decoded details when the function failed.
 */
export class StreamInvokeResponse implements ResponseSink {
  readonly streaming = true;
  private settled = false;
  private readonly backpressure: Backpressure;

  constructor(private readonly res: ServerResponse, private readonly context: UrlResponseContext) {
    this.backpressure = new Backpressure(res);
  }

  begin(_contentType: string): void {
    this.sendHead();
  }

  write(chunk: Buffer): boolean {
    if (this.settled || this.res.destroyed || chunk.length === 0) return true;
    this.sendHead();
    return this.res.write(payloadChunk(chunk));
  }

  writable(): Promise<void> {
    return this.backpressure.writable();
  }

  complete(): void {
    if (this.settled) return;
    this.settled = true;
    this.sendHead();
    this.res.end(invokeComplete({}));
  }

  fail(error: FunctionError): void {
    if (this.settled) return;
    this.settled = true;
    this.context.log(`${this.context.requestId} failed: ${error.errorType}: ${error.errorMessage}`);
    this.sendHead();
    this.res.end(invokeComplete({ ErrorCode: error.errorType, ErrorDetails: JSON.stringify({ errorMessage: error.errorMessage, errorType: error.errorType }) }));
  }

  onClientGone(listener: () => void): void {
    onClientGone(this.res, listener);
  }

  private sendHead(): void {
    if (this.res.headersSent) return;
    this.res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': this.context.requestId, 'x-amz-executed-version': '$LATEST' });
    this.res.flushHeaders();
  }
}
