import { getChunkedStream } from '@smithy/core/event-streams';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/**
 * The AWS event stream InvokeWithResponseStream speaks (SPEC.md §5), through the SDK's own libraries:
 * @smithy/eventstream-codec encodes and decodes messages (lengths, both CRC32s, headers), and
 * @smithy/core's chunked stream cuts the bytes into messages. Lambda's events carry string headers only.
 */
export interface EventMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export function encodeEvent(headers: Record<string, string>, payload: Buffer): Buffer {
  const encoded = codec.encode({
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }])),
    body: payload,
  });
  return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

export class EventStreamError extends Error {
  override name = 'EventStreamError';
}

/** One message's bytes as the codec reads them; its CRC and length errors are reported as they are. */
export function decodeEvent(bytes: Uint8Array): EventMessage {
  let message;
  try {
    message = codec.decode(bytes);
  } catch (error) {
    throw new EventStreamError((error as Error).message);
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers)) {
    if (header.type !== 'string') throw new EventStreamError(`header ${name} has type ${header.type}; only strings are expected`);
    headers[name] = header.value;
  }
  return { headers, payload: Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength) };
}

/**
 * Decodes a stream as its bytes arrive, whatever the chunk boundaries: each message is handed on with
 * the arrival time of the chunk that completed it. `end()` says what went wrong, if anything: a bad
 * CRC or length, or bytes left over that never made a whole message.
 */
export class EventStreamReader {
  private readonly queue: Array<{ chunk: Buffer; at: number }> = [];
  private wake?: () => void;
  private ended = false;
  private currentAt = 0;
  private error?: string;
  private pushed = 0;
  private decoded = 0;
  private readonly done: Promise<void>;

  constructor(onMessage: (message: EventMessage, at: number) => void) {
    this.done = (async () => {
      try {
        for await (const bytes of getChunkedStream(this.chunks())) {
          this.decoded += bytes.byteLength;
          onMessage(decodeEvent(bytes), this.currentAt);
        }
      } catch (error) {
        this.error = (error as Error).message;
        this.queue.length = 0;
      }
    })();
  }

  private async *chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        this.currentAt = next.at;
        yield next.chunk;
      } else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  push(chunk: Buffer, at: number): void {
    if (this.error !== undefined || this.ended) return;
    this.pushed += chunk.length;
    this.queue.push({ chunk, at });
    this.wake?.();
  }

  async end(): Promise<string | undefined> {
    this.ended = true;
    this.wake?.();
    await this.done;
    // A stream cut inside a message, even inside its length, leaves bytes no message accounts for.
    const left = this.pushed - this.decoded;
    if (left > 0 && (this.error === undefined || /truncated/i.test(this.error))) return `${left} bytes after the last whole message`;
    return this.error;
  }
}

export const payloadChunk = (payload: Buffer) =>
  encodeEvent({ ':event-type': 'PayloadChunk', ':content-type': 'application/octet-stream', ':message-type': 'event' }, payload);

export const invokeComplete = (body: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string }) =>
  encodeEvent(
    { ':event-type': 'InvokeComplete', ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify(body)),
  );
