// The unhappy paths, chosen with ?mode=. Timed frames carry seq and emission time like the ticker's,
// so the judge can tell which bytes were written before the failure.
import http from 'node:http';
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
  // The normal path of this same function: cases that expect a failure first prove it works.
  async 'well-formed'(responseStream) {
    const stream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 201, headers: { 'x-lsc-fixture': 'well-formed' } });
    stream.write('well-formed body\n');
    stream.end();
  },
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
  async 'bad-response-mode'(responseStream, intervalMs, context) {
    // Answers its own invocation the way a hand-written runtime might, with the response mode in the
    // wrong case (RAPID compares with exactly "streaming"), then lets the official client finish.
    const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
    const status = await new Promise((resolve, reject) => {
      const request = http.request(
        {
          host,
          port,
          method: 'POST',
          path: `/2018-06-01/runtime/invocation/${context.awsRequestId}/response`,
          headers: { 'Lambda-Runtime-Function-Response-Mode': 'Streaming', 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
        },
      );
      request.on('error', reject);
      request.end('written with a bad response mode');
    });
    console.log(`runtime API answered ${status} to response mode "Streaming"`);
    responseStream.end();
  },
  async 'missing-delimiter'(responseStream) {
    // What users write by mistake: end(data) bypasses the prelude writer of HttpResponseStream.from.
    awslambda.HttpResponseStream.from(responseStream, { statusCode: 404, headers: { 'x-lsc-fixture': 'missing-delimiter' } }).end(
      'Not Found',
    );
  },
};

export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  const query = event.queryStringParameters ?? {};
  const mode = modes[query.mode];
  if (!mode) throw new Error(`unknown fault mode ${query.mode}`);
  const intervalMs = Math.min(Number.parseInt(query.interval ?? '1000', 10) || 1000, 60000);
  await mode(responseStream, intervalMs, context);
});
