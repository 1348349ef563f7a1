import { crc32 } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { EventStreamDecoder, EventStreamError, encodeEvent, invokeComplete, payloadChunk } from './event-stream.ts';

test('messages decode whatever the chunk boundaries', () => {
  const wire = Buffer.concat([payloadChunk(Buffer.from('hello')), payloadChunk(Buffer.alloc(3)), invokeComplete({})]);
  for (let split = 0; split <= wire.length; split++) {
    const decoder = new EventStreamDecoder();
    const messages = [...decoder.push(wire.subarray(0, split)), ...decoder.push(wire.subarray(split))];
    expect(messages.map((m) => m.headers[':event-type'])).toEqual(['PayloadChunk', 'PayloadChunk', 'InvokeComplete']);
    expect(messages[0]!.payload.toString()).toBe('hello');
    expect(messages[1]!.payload).toEqual(Buffer.alloc(3));
    expect(decoder.bufferedBytes).toBe(0);
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

test('a corrupted message is an error, not a guess', () => {
  const message = payloadChunk(Buffer.from('hello'));
  message.writeUInt8(message.readUInt8(message.length - 6) ^ 0xff, message.length - 6);
  expect(() => new EventStreamDecoder().push(message)).toThrow(EventStreamError);
});
