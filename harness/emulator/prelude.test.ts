import { expect, test } from '@playwright/test';
import { PreludeError, PreludeSplitter, parsePreludeMetadata } from './prelude.ts';

const prelude = Buffer.from('{"statusCode":201,"headers":{"x-a":"1"},"cookies":["a=b"]}');
const body = Buffer.concat([Buffer.from('body'), Buffer.alloc(8), Buffer.from('more')]);
const wire = Buffer.concat([prelude, Buffer.alloc(8), body]);

test('the delimiter is found wherever the chunk boundaries fall', () => {
  for (let first = 0; first <= wire.length; first++) {
    for (const second of [first, Math.min(wire.length, first + 1), Math.min(wire.length, first + 9)]) {
      const splitter = new PreludeSplitter();
      const pieces = [wire.subarray(0, first), wire.subarray(first, second), wire.subarray(second)];
      let result;
      let rest = Buffer.alloc(0);
      for (const piece of pieces) {
        if (result?.done) {
          rest = Buffer.concat([rest, piece]);
          continue;
        }
        result = splitter.push(piece);
        if (result.done) rest = Buffer.from(result.rest);
      }
      expect(result?.done, `split at ${first}/${second}`).toBe(true);
      if (result?.done) expect(result.metadata.equals(prelude)).toBe(true);
      expect(rest.equals(body), `split at ${first}/${second}`).toBe(true);
    }
  }
});

test('a stream without a delimiter is rejected once it exceeds the prelude limit', () => {
  const splitter = new PreludeSplitter(32);
  expect(splitter.push(Buffer.alloc(20, 0x61)).done).toBe(false);
  expect(() => splitter.push(Buffer.alloc(40, 0x61))).toThrow(PreludeError);
});

test('metadata defaults: no statusCode is 200, no headers or cookies are empty', () => {
  expect(parsePreludeMetadata(Buffer.from('{}'))).toEqual({ statusCode: 200, headers: {}, cookies: [] });
});

test('multi-value headers are joined, header names lower-cased', () => {
  const parsed = parsePreludeMetadata(Buffer.from('{"headers":{"X-Multi":["a","b"],"X-One":"c"},"multiValueHeaders":{"x-mv":["d","e"]}}'));
  expect(parsed.headers).toEqual({ 'x-multi': 'a, b', 'x-one': 'c', 'x-mv': 'd, e' });
});

test('invalid prelude JSON and impossible statuses are errors', () => {
  expect(() => parsePreludeMetadata(Buffer.from('{nope'))).toThrow(/not valid JSON/);
  expect(() => parsePreludeMetadata(Buffer.from('[1]'))).toThrow(/not a JSON object/);
  expect(() => parsePreludeMetadata(Buffer.from('{"statusCode":42}'))).toThrow(/not an HTTP status/);
});
