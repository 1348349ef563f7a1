// Prelude variants of SPEC.md §2, chosen with ?variant=. Most go through HttpResponseStream.from as
// users write them; `single-write` and `trickle` hand-craft the prelude bytes to vary chunk boundaries.
import { setTimeout as sleep } from 'node:timers/promises';

const INTEGRATION_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

/** Every byte value, then NUL runs and a fake second prelude that must pass through untouched. */
function binaryBody() {
  const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  return Buffer.concat([allBytes, Buffer.alloc(16), Buffer.from('{"statusCode":500}'), DELIMITER, Buffer.from('end')]);
}

const variants = {
  'status-headers-cookies': {
    prelude: {
      statusCode: 201,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-lsc-fixture': 'prelude' },
      cookies: ['session=abc123; Path=/; HttpOnly', 'theme=dark', 'lang=en-GB; Max-Age=60'],
    },
  },
  'no-cookies': { prelude: { statusCode: 202, headers: { 'content-type': 'text/plain', 'x-lsc-fixture': 'no-cookies' } } },
  'no-headers': { prelude: { statusCode: 418 } },
  'no-status': { prelude: { headers: { 'content-type': 'text/plain', 'x-lsc-fixture': 'no-status' }, cookies: ['only=one'] } },
  'nul-body': { prelude: { statusCode: 200, headers: { 'content-type': 'application/octet-stream' } }, body: binaryBody },
  'single-write': { prelude: { statusCode: 203, headers: { 'x-lsc-fixture': 'single-write' } }, raw: 'single' },
  trickle: { prelude: { statusCode: 206, headers: { 'x-lsc-fixture': 'trickle' } }, raw: 'trickle' },
};

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const name = event.queryStringParameters?.variant ?? 'status-headers-cookies';
  const variant = variants[name];
  if (!variant) throw new Error(`unknown prelude variant ${name}`);
  const body = variant.body ? variant.body() : Buffer.from(`prelude variant ${name}\n`);

  if (variant.raw) {
    responseStream.setContentType(INTEGRATION_TYPE);
    const bytes = Buffer.concat([Buffer.from(JSON.stringify(variant.prelude)), DELIMITER, body]);
    if (variant.raw === 'single') {
      responseStream.write(bytes);
    } else {
      // Three bytes at a time with a pause, so the delimiter straddles chunk boundaries.
      for (let offset = 0; offset < bytes.length; offset += 3) {
        responseStream.write(bytes.subarray(offset, offset + 3));
        await sleep(2);
      }
    }
    responseStream.end();
    return;
  }

  const stream = awslambda.HttpResponseStream.from(responseStream, variant.prelude);
  stream.write(body);
  stream.end();
});
