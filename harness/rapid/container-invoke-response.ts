import { DirectInvokeResponse } from '../emulator/invoke-response.ts';

/**
 * RIE's direct invoke (POST /2015-03-31/functions/function/invocations) as lsc's container layer answers
 * it. A runtime that streams (declares it, or sends its response chunked as aws-lambda-go does) has each write relayed the moment it arrives, under
 * `Lambda-Runtime-Function-Response-Mode: streaming` and the runtime's Content-Type: what RIE PR #179
 * describes (flush per write) and SAM CLI PR #9028 switches on. A buffered response is collected under
 * RAPID's 6 MB ceiling and answered whole, as RIE answers it. Errors are answered as the reference's
 * direct invoke answers them: before any byte 200 with `X-Amz-Function-Error` and the error as JSON (the
 * errorType/errorMessage shape RIE passes on and SAM recognises, a timeout included, which RIE answers
 * as bare text: upstream issue #21); after bytes have gone the stream is cut, so it cannot look complete.
 */
export class ContainerInvokeResponse extends DirectInvokeResponse {
  private runtimeStreams = false;
  private buffered: Buffer[] = [];

  override streams(runtimeStreams: boolean): boolean {
    this.runtimeStreams = runtimeStreams;
    return runtimeStreams;
  }

  protected override deliver(chunk: Buffer): boolean {
    if (this.runtimeStreams) {
      this.head({ 'lambda-runtime-function-response-mode': 'streaming' });
      return this.res.write(chunk);
    }
    this.buffered.push(chunk);
    return true;
  }

  protected override finish(): undefined {
    if (this.runtimeStreams) {
      this.head({ 'lambda-runtime-function-response-mode': 'streaming' });
      this.res.end();
      return undefined;
    }
    const body = Buffer.concat(this.buffered);
    this.head({ 'content-length': String(body.length) });
    this.res.end(body);
    return undefined;
  }
}
