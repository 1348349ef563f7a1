// The unhappy paths, chosen with ?mode=. Timed frames carry seq and emission time like the ticker's,
// so the judge can tell which bytes were written before the failure.
import { setTimeout as sleep } from 'node:timers/promises';

const INTEGRATION_TYPE = 'application/vnd.awslambda.http-integration-response';
const now = () => performance.timeOrigin + performance.now();
const frame = (seq) => `id: ${seq}\ndata: ${JSON.stringify({ seq, emittedAt: now() })}\n\n`;
const sse = (responseStream) =>
  awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'content-type': 'text/event-stream' } });

async function twoFrames(stream, intervalMs) {
  stream.write(frame(0));
  await sleep(intervalMs);
  stream.write(frame(1));
  await sleep(intervalMs / 2);
}

const modes = {
  async 'throw-before-write'() {
    throw new Error('fixture failure before the first write');
  },
  async 'throw-mid-stream'(responseStream, intervalMs) {
    await twoFrames(sse(responseStream), intervalMs);
    throw new Error('fixture failure after two frames');
  },
  async 'destroy-mid-stream'(responseStream, intervalMs) {
    const stream = sse(responseStream);
    await twoFrames(stream, intervalMs);
    stream.destroy(new Error('fixture stream destroyed after two frames'));
  },
  async 'slow-first-byte'(responseStream, intervalMs) {
    const stream = sse(responseStream);
    await sleep(intervalMs);
    stream.write(frame(0));
    stream.end();
  },
  async 'prelude-only'(responseStream) {
    awslambda.HttpResponseStream.from(responseStream, { statusCode: 404, headers: { 'x-lsc-fixture': 'prelude-only' } }).end();
  },
  async empty(responseStream) {
    responseStream.end();
  },
  async 'invalid-prelude'(responseStream) {
    responseStream.setContentType(INTEGRATION_TYPE);
    responseStream.write(Buffer.concat([Buffer.from('{"statusCode":201,'), Buffer.alloc(8), Buffer.from('body')]));
    responseStream.end();
  },
  async 'missing-delimiter'(responseStream) {
    // What users write by mistake: end(data) bypasses the prelude writer of HttpResponseStream.from.
    awslambda.HttpResponseStream.from(responseStream, { statusCode: 404, headers: { 'x-lsc-fixture': 'missing-delimiter' } }).end('Not Found');
  },
};

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const query = event.queryStringParameters ?? {};
  const mode = modes[query.mode];
  if (!mode) throw new Error(`unknown fault mode ${query.mode}`);
  const intervalMs = Math.min(Number.parseInt(query.interval ?? '1000', 10) || 1000, 60000);
  await mode(responseStream, intervalMs);
});
