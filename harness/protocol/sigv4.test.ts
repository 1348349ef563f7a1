import { expect, test } from '@playwright/test';
import { LOCAL_CREDENTIALS, signedHeaders, verifySigV4 } from './sigv4.ts';

const url = 'http://127.0.0.1:9000/path/?b=2&a=1';
const region = 'eu-west-1';
const at = new Date('2026-11-29T12:00:00Z');
const expected = { credentials: LOCAL_CREDENTIALS, region, now: at };

async function signed(overrides: { method?: string; body?: string; date?: Date; region?: string; secret?: string } = {}) {
  const method = overrides.method ?? 'POST';
  const body = overrides.body ?? 'signed body';
  const headers = await signedHeaders(
    { url, method, headers: { 'content-type': 'text/plain' }, body },
    {
      credentials: { ...LOCAL_CREDENTIALS, ...(overrides.secret ? { secretAccessKey: overrides.secret } : {}) },
      region: overrides.region ?? region,
      date: overrides.date ?? at,
    },
  );
  return { method, headers, body };
}

const received = (
  request: { method: string; headers: Record<string, string>; body: string },
  rawUrl = '/path/?b=2&a=1',
  body = request.body,
) => ({
  method: request.method,
  rawUrl,
  headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key.toLowerCase(), value])),
  body: Buffer.from(body),
});

test('a request as signed passes', async () => {
  expect(await verifySigV4(received(await signed()), expected)).toBeUndefined();
});

test('an unsigned request is Forbidden', async () => {
  const refusal = await verifySigV4({ method: 'GET', rawUrl: '/', headers: { host: '127.0.0.1:9000' }, body: Buffer.alloc(0) }, expected);
  expect(refusal).toEqual({ status: 403, errorType: 'AccessDeniedException', message: 'Forbidden' });
});

test('another body, path, query, method, key, region or a stale date is refused', async () => {
  const request = await signed();
  const refusals = await Promise.all([
    verifySigV4(received(request, undefined, 'another body'), expected),
    verifySigV4(received(request, '/other/?b=2&a=1'), expected),
    verifySigV4(received(request, '/path/?b=3&a=1'), expected),
    verifySigV4({ ...received(request), method: 'PUT' }, expected),
    verifySigV4(received(await signed({ secret: 'not the secret' })), expected),
    verifySigV4(received(await signed({ region: 'us-east-1' })), expected),
    verifySigV4(received(await signed({ date: new Date(at.getTime() - 6 * 60 * 1000) })), expected),
  ]);
  for (const refusal of refusals) expect(refusal?.status).toBe(403);
  expect(refusals[0]?.message).toMatch(/x-amz-content-sha256/);
  expect(refusals[6]?.message).toMatch(/expired/);
});
