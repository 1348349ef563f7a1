import { crc32 } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { encodeEvent, EventStreamReader, invokeComplete, payloadChunk, type EventMessage } from './event-stream.ts';

async function read(chunks: Buffer[]): Promise<{ messages: Array<EventMessage & { at: number }>; error?: string }> {
  const messages: Array<EventMessage & { at: number }> = [];
  const reader = new EventStreamReader((message, at) => messages.push({ ...message, at }));
  chunks.forEach((chunk, index) => reader.push(chunk, index));
  return { messages, error: await reader.end() };
}

test('messages decode whatever the chunk boundaries, each stamped with the chunk that completed it', async () => {
  const wire = Buffer.concat([payloadChunk(Buffer.from('hello')), payloadChunk(Buffer.alloc(3)), invokeComplete({})]);
  for (let split = 0; split <= wire.length; split += split < 48 ? 1 : 7) {
    const { messages, error } = await read([wire.subarray(0, split), wire.subarray(split)]);
    expect(error).toBeUndefined();
    expect(messages.map((m) => m.headers[':event-type'])).toEqual(['PayloadChunk', 'PayloadChunk', 'InvokeComplete']);
    expect(messages[0]!.payload.toString()).toBe('hello');
    expect(messages[1]!.payload).toEqual(Buffer.alloc(3));
    const firstEnds = payloadChunk(Buffer.from('hello')).length;
    expect(messages[0]!.at).toBe(split >= firstEnds ? 0 : 1);
  }
});

test('the framing matches the spec: lengths and both CRC32s', () => {
  const message = encodeEvent({ ':event-type': 'PayloadChunk' }, Buffer.from('x'));
  const headersLength = 1 + 11 + 1 + 2 + 12;
  expect(message.readUInt32BE(0)).toBe(12 + headersLength + 1 + 4);
  expect(message.readUInt32BE(4)).toBe(headersLength);
  expect(message.readUInt32BE(8)).toBe(crc32(message.subarray(0, 8)));
  expect(message.readUInt32BE(message.length - 4)).toBe(crc32(message.subarray(0, message.length - 4)));
});

test('a corrupted message is an error that says which checksum, not a guess', async () => {
  const message = payloadChunk(Buffer.from('hello'));
  message.writeUInt8(message.readUInt8(message.length - 6) ^ 0xff, message.length - 6);
  expect((await read([message])).error).toMatch(/message checksum/i);
  const prelude = payloadChunk(Buffer.from('hello'));
  prelude.writeUInt8(prelude.readUInt8(9) ^ 0xff, 9);
  expect((await read([prelude])).error).toMatch(/prelude checksum/i);
});

test('a stream cut inside a message, or inside its length, says how many bytes were left over', async () => {
  const whole = payloadChunk(Buffer.from('hello'));
  expect((await read([whole, whole.subarray(0, 10)])).error).toBe('10 bytes after the last whole message');
  expect((await read([whole, whole.subarray(0, 2)])).error).toBe('2 bytes after the last whole message');
});
