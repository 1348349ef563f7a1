import { randomUUID } from 'node:crypto';

/** How an invocation failed, in the error types Lambda uses (SPEC.md §1.2, §4, §10). */
export interface FunctionError {
  errorType: string;
  errorMessage: string;
}

/**
 * Where an invocation's response goes: a Function URL client, streaming or buffered. The runtime API
 * drives it; the sink decides what the client sees.
 */
export interface ResponseSink {
  /**
   * Whether the runtime's response is relayed as it arrives or collected first. On Lambda the invoke
   * side decides (SPEC §1.3); a container layer in RIE's place cannot know the invoke mode, so it
   * follows the runtime: `runtimeStreams` is true when the runtime declared streaming or sent its
   * response chunked (aws-lambda-go's lambdaurl streams without declaring it, docs/spec.md RS-GO-01).
   */
  streams(runtimeStreams: boolean): boolean;
  begin(contentType: string): void;
  /** Returns false when the client is not keeping up; the caller then awaits `writable()`. */
  write(chunk: Buffer): boolean;
  writable(): Promise<void>;
  complete(): void;
  fail(error: FunctionError): void;
  /** Called when the client goes away; the invocation keeps running, as on Lambda (SPEC §10.3). */
  onClientGone(listener: () => void): void;
}

export type InvocationState = 'queued' | 'running' | 'responding' | 'done';

export class Invocation {
  readonly id = randomUUID();
  readonly traceId = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)};Sampled=0`;
  state: InvocationState = 'queued';
  deadlineMs = 0;
  error?: FunctionError;
  private settleListeners: Array<() => void> = [];

  readonly payload: Buffer;

  /** The payload is built from the invocation's own request ID, which the event carries. */
  constructor(
    readonly functionName: string,
    payloadFor: (requestId: string) => Buffer,
    readonly sink: ResponseSink,
  ) {
    this.payload = payloadFor(this.id);
  }

  get settled(): boolean {
    return this.state === 'done';
  }

  succeed(): void {
    if (this.settled) return;
    this.state = 'done';
    this.sink.complete();
    this.notify();
  }

  fail(error: FunctionError): void {
    if (this.settled) return;
    this.state = 'done';
    this.error = error;
    this.sink.fail(error);
    this.notify();
  }

  onSettled(listener: () => void): void {
    if (this.settled) listener();
    else this.settleListeners.push(listener);
  }

  private notify(): void {
    for (const listener of this.settleListeners.splice(0)) listener();
  }
}
