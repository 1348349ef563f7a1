import type { ServerResponse } from 'node:http';
import type { FunctionError, ResponseSink } from './invocation.ts';

/** Who the response is for, and where the emulator records what happened to it. */
export interface SinkContext {
  requestId: string;
  traceId: string;
  log(message: string): void;
}

/**
 * What every response sink shares: one client response, settled exactly once (by completion or by a
 * function error, which is logged), the client's backpressure passed back to the runtime, the client
 * walking away reported, and headers flushed when they are decided rather than with the first body
 * byte. Subclasses say only what the client sees: how bytes are framed, how success ends, and how a
 * failure is answered.
 */
export abstract class ClientSink implements ResponseSink {
  abstract streams(runtimeStreams: boolean): boolean;
  private settled = false;
  private drained?: Promise<void>;

  constructor(
    protected readonly res: ServerResponse,
    protected readonly context: SinkContext,
  ) {}

  abstract begin(contentType: string): void;

  /** Delivers one chunk; false when the client is not keeping up. Never called after settling. */
  protected abstract deliver(chunk: Buffer): boolean;

  /** Ends a successful response; a returned error (an unreadable prelude, say) fails it instead. */
  protected abstract finish(): FunctionError | undefined;

  /** Answers a function error, before or after the head was sent. */
  protected abstract answerFailure(error: FunctionError): void;

  write(chunk: Buffer): boolean {
    if (this.settled || this.res.destroyed || chunk.length === 0) return true;
    return this.deliver(chunk);
  }

  writable(): Promise<void> {
    if (!this.res.writableNeedDrain || this.res.destroyed) return Promise.resolve();
    this.drained ??= new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        this.drained = undefined;
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
    return this.drained;
  }

  complete(): void {
    if (this.settled) return;
    const error = this.finish();
    if (error) this.fail(error);
    else this.settled = true;
  }

  fail(error: FunctionError): void {
    if (this.settled) return;
    this.settled = true;
    this.context.log(`${this.context.requestId} failed: ${error.errorType}: ${error.errorMessage}`);
    this.answerFailure(error);
  }

  onClientGone(listener: () => void): void {
    this.res.once('close', () => {
      if (!this.res.writableFinished) listener();
    });
  }

  protected get headSent(): boolean {
    return this.res.headersSent;
  }

  /** Status and headers leave now, not with the first body byte: the client learns them when Lambda would send them. */
  protected sendHead(status: number, headers: Record<string, string | string[]>): void {
    this.res.writeHead(status, headers);
    this.res.flushHeaders();
  }

  /** A stream closed before its end: no terminating chunk, so it cannot look complete. */
  protected abort(): void {
    this.res.destroy();
  }
}
