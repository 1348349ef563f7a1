import { crc32 } from 'node:zlib';

/**
 * The AWS event stream framing InvokeWithResponseStream uses (SPEC.md §5): each message is total
 * length, headers length, prelude CRC32, headers, payload, message CRC32. Headers here are strings
 * (type 7), the only kind the Lambda events carry.
 */
export interface EventMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

const STRING_TYPE = 7;

export function encodeEvent(headers: Record<string, string>, payload: Buffer): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = Buffer.from(name, 'utf8');
      const valueBytes = Buffer.from(value, 'utf8');
      const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
      header.writeUInt8(nameBytes.length, 0);
      nameBytes.copy(header, 1);
      header.writeUInt8(STRING_TYPE, 1 + nameBytes.length);
      header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
      valueBytes.copy(header, 4 + nameBytes.length);
      return header;
    }),
  );
  const total = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  payload.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

export class EventStreamError extends Error {
  override name = 'EventStreamError';
}

/** Decodes messages as bytes arrive, whatever the chunk boundaries; a bad CRC is an error, not a guess. */
export class EventStreamDecoder {
  private pending: Buffer = Buffer.alloc(0);

  get bufferedBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): EventMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: EventMessage[] = [];
    while (this.pending.length >= 12) {
      const total = this.pending.readUInt32BE(0);
      const headersLength = this.pending.readUInt32BE(4);
      if (total < 16 || headersLength > total - 16)
        throw new EventStreamError(`impossible message lengths (total ${total}, headers ${headersLength})`);
      if (crc32(this.pending.subarray(0, 8)) !== this.pending.readUInt32BE(8)) throw new EventStreamError('prelude CRC mismatch');
      if (this.pending.length < total) break;
      const message = this.pending.subarray(0, total);
      if (crc32(message.subarray(0, total - 4)) !== message.readUInt32BE(total - 4)) throw new EventStreamError('message CRC mismatch');
      messages.push({
        headers: decodeHeaders(message.subarray(12, 12 + headersLength)),
        payload: Buffer.from(message.subarray(12 + headersLength, total - 4)),
      });
      this.pending = this.pending.subarray(total);
    }
    return messages;
  }
}

function decodeHeaders(bytes: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let offset = 0;
  while (offset < bytes.length) {
    const nameLength = bytes.readUInt8(offset);
    const name = bytes.subarray(offset + 1, offset + 1 + nameLength).toString('utf8');
    const type = bytes.readUInt8(offset + 1 + nameLength);
    if (type !== STRING_TYPE) throw new EventStreamError(`header ${name} has type ${type}; only strings are expected`);
    const valueLength = bytes.readUInt16BE(offset + 2 + nameLength);
    headers[name] = bytes.subarray(offset + 4 + nameLength, offset + 4 + nameLength + valueLength).toString('utf8');
    offset += 4 + nameLength + valueLength;
  }
  return headers;
}

export const payloadChunk = (payload: Buffer) =>
  encodeEvent({ ':event-type': 'PayloadChunk', ':content-type': 'application/octet-stream', ':message-type': 'event' }, payload);

export const invokeComplete = (body: { ErrorCode?: string; ErrorDetails?: string; LogResult?: string }) =>
  encodeEvent(
    { ':event-type': 'InvokeComplete', ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify(body)),
  );
