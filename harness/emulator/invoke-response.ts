import { invokeComplete, payloadChunk } from '../protocol/event-stream.ts';
import { ClientSink } from './client-sink.ts';
import type { FunctionError } from './invocation.ts';

/**
 * A direct invoke (RIE's only route, /2015-03-31/functions/function/invocations) answered the way
 * RAPID answers a streaming direct invoke: the runtime's bytes and Content-Type, verbatim and as they
 * arrive, prelude included. A function error before any byte is the Invoke API's: 200 with
 * X-Amz-Function-Error and the error as JSON; after bytes have gone, the stream is cut.
 */
export class DirectInvokeResponse extends ClientSink {
  streams(_runtimeStreams: boolean): boolean {
    return true;
  }
  protected contentType = 'application/octet-stream';

  begin(contentType: string): void {
    this.contentType = contentType;
  }

  protected deliver(chunk: Buffer): boolean {
    this.head();
    return this.res.write(chunk);
  }

  protected finish(): undefined {
    this.head();
    this.res.end();
    return undefined;
  }

  protected answerFailure(error: FunctionError): void {
    if (this.headSent) return this.abort();
    const body = JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage });
    this.res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amz-function-error': 'Unhandled',
      'x-amzn-requestid': this.context.requestId,
    });
    this.res.end(body);
  }

  protected head(extra: Record<string, string> = {}): void {
    if (!this.headSent)
      this.sendHead(200, {
        'content-type': this.contentType,
        'x-amzn-requestid': this.context.requestId,
        'x-amz-executed-version': '$LATEST',
        ...extra,
      });
  }
}

/**
 * InvokeWithResponseStream (SPEC §5): every runtime chunk becomes a PayloadChunk event at once, the
 * prelude passed through untouched (§10.5), and exactly one InvokeComplete ends the stream, carrying
 * the error trailer's type and decoded details when the function failed.
 */
export class StreamInvokeResponse extends ClientSink {
  streams(): boolean {
    return true;
  }

  begin(_contentType: string): void {
    this.head();
  }

  protected deliver(chunk: Buffer): boolean {
    this.head();
    return this.res.write(payloadChunk(chunk));
  }

  protected finish(): undefined {
    this.head();
    this.res.end(invokeComplete({}));
    return undefined;
  }

  protected answerFailure(error: FunctionError): void {
    this.head();
    this.res.end(
      invokeComplete({
        ErrorCode: error.errorType,
        ErrorDetails: JSON.stringify({ errorMessage: error.errorMessage, errorType: error.errorType }),
      }),
    );
  }

  private head(): void {
    if (!this.headSent)
      this.sendHead(200, {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-requestid': this.context.requestId,
        'x-amz-executed-version': '$LATEST',
      });
  }
}
