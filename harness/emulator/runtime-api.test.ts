import http from 'node:http';
import { expect, test } from '@playwright/test';
import { Invocation, type FunctionError, type ResponseSink } from './invocation.ts';
import { MAX_BUFFERED_PAYLOAD, startRuntimeApi } from './runtime-api.ts';

/** Records what the runtime API tells the client side, in order. */
class RecordingSink implements ResponseSink {
  events: string[] = [];
  bytes = 0;
  error?: FunctionError;
  constructor(readonly streaming: boolean) {}
  streams() {
    return this.streaming;
  }
  begin(contentType: string) {
    this.events.push(`begin ${contentType}`);
  }
  write(chunk: Buffer) {
    this.bytes += chunk.length;
    this.events.push(`write ${chunk.length}`);
    return true;
  }
  writable() {
    return Promise.resolve();
  }
  complete() {
    this.events.push('complete');
  }
  fail(error: FunctionError) {
    this.error = error;
    this.events.push(`fail ${error.errorType}`);
  }
  onClientGone() {}
}

async function withRuntimeApi(
  streaming: boolean,
  body: (ctx: { address: string; invocation: Invocation; sink: RecordingSink }) => Promise<void>,
) {
  const sink = new RecordingSink(streaming);
  const invocation = new Invocation('Fn', () => Buffer.from('{"hello":"world"}'), sink);
  let delivered = false;
  const { app, address } = await startRuntimeApi({
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Fn',
    nextInvocation: () => (delivered ? new Promise(() => undefined) : ((delivered = true), Promise.resolve(invocation))),
    current: () => invocation,
    log: () => undefined,
  });
  try {
    await body({ address, invocation, sink });
  } finally {
    await app.close();
  }
}

/** A runtime's request, written by hand so chunking and trailers are exactly what the test says. */
function post(
  address: string,
  path: string,
  headers: Record<string, string | string[]>,
  chunks: Buffer[],
  trailers?: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port: Number(port), path, method: 'POST', headers }, (response) => {
      let body = '';
      response.on('data', (data: Buffer) => (body += data.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    if (trailers) request.addTrailers(trailers);
    request.end();
  });
}

async function next(address: string): Promise<{ id: string; body: string; deadline: string }> {
  const response = await fetch(`http://${address}/2018-06-01/runtime/invocation/next`);
  return {
    id: response.headers.get('lambda-runtime-aws-request-id') ?? '',
    body: await response.text(),
    deadline: response.headers.get('lambda-runtime-deadline-ms') ?? '',
  };
}

const streamingHeaders = {
  'Lambda-Runtime-Function-Response-Mode': 'streaming',
  'Transfer-Encoding': 'chunked',
  'Content-Type': 'text/plain',
  Trailer: ['Lambda-Runtime-Function-Error-Type', 'Lambda-Runtime-Function-Error-Body'],
};

test('/next hands out the event with its request ID; a streamed /response gets 202 after the last chunk', async () => {
  await withRuntimeApi(true, async ({ address, invocation, sink }) => {
    const event = await next(address);
    expect(event).toMatchObject({ id: invocation.id, body: '{"hello":"world"}' });
    const response = await post(address, `/2018-06-01/runtime/invocation/${event.id}/response`, streamingHeaders, [
      Buffer.from('ab'),
      Buffer.from('cde'),
    ]);
    expect(response.status).toBe(202);
    expect(sink.events[0]).toBe('begin text/plain');
    expect(sink.bytes).toBe(5);
    expect(sink.events.at(-1)).toBe('complete');
  });
});

test('a response mode other than lower-case "streaming" is refused with 400 and fails the invoke', async () => {
  await withRuntimeApi(true, async ({ address, sink }) => {
    const { id } = await next(address);
    const response = await post(
      address,
      `/2018-06-01/runtime/invocation/${id}/response`,
      { ...streamingHeaders, 'Lambda-Runtime-Function-Response-Mode': 'Streaming' },
      [Buffer.from('x')],
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ errorMessage: 'Invalid function response mode', errorType: 'InvalidFunctionResponseMode' });
    expect(sink.error?.errorType).toBe('Runtime.InvalidResponseModeHeader');
  });
});

test('a second /response is refused with 403 InvalidStateTransition', async () => {
  await withRuntimeApi(true, async ({ address }) => {
    const { id } = await next(address);
    expect((await post(address, `/2018-06-01/runtime/invocation/${id}/response`, streamingHeaders, [Buffer.from('x')])).status).toBe(202);
    const second = await post(address, `/2018-06-01/runtime/invocation/${id}/response`, streamingHeaders, [Buffer.from('y')]);
    expect(second.status).toBe(403);
    expect(JSON.parse(second.body).errorType).toBe('InvalidStateTransition');
  });
});

test('error trailers after data fail the invoke with the trailer type, its body decoded', async () => {
  await withRuntimeApi(true, async ({ address, sink }) => {
    const { id } = await next(address);
    const errorBody = Buffer.from(JSON.stringify({ errorType: 'TypeError', errorMessage: 'boom', trace: [] })).toString('base64');
    const response = await post(address, `/2018-06-01/runtime/invocation/${id}/response`, streamingHeaders, [Buffer.from('partial')], {
      'Lambda-Runtime-Function-Error-Type': 'TypeError',
      'Lambda-Runtime-Function-Error-Body': errorBody,
    });
    expect(response.status).toBe(202);
    expect(sink.bytes).toBe(7);
    expect(sink.error).toEqual({ errorType: 'TypeError', errorMessage: 'boom' });
  });
});

test('a buffered response over 6291556 bytes gets 413 and fails as Function.ResponseSizeTooLarge', async () => {
  await withRuntimeApi(false, async ({ address, sink }) => {
    const { id } = await next(address);
    const body = Buffer.alloc(MAX_BUFFERED_PAYLOAD + 1, 0x61);
    const response = await post(
      address,
      `/2018-06-01/runtime/invocation/${id}/response`,
      { 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
      [body],
    );
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errorType).toBe('RequestEntityTooLarge');
    expect(sink.error?.errorType).toBe('Function.ResponseSizeTooLarge');
    expect(sink.bytes).toBe(0);
  });
});

test('a buffered response of exactly 6291556 bytes is accepted whole', async () => {
  await withRuntimeApi(false, async ({ address, sink }) => {
    const { id } = await next(address);
    const body = Buffer.alloc(MAX_BUFFERED_PAYLOAD, 0x61);
    const response = await post(
      address,
      `/2018-06-01/runtime/invocation/${id}/response`,
      { 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
      [body],
    );
    expect(response.status).toBe(202);
    expect(sink.bytes).toBe(MAX_BUFFERED_PAYLOAD);
    expect(sink.events.at(-1)).toBe('complete');
  });
});

test('/error normalises error types and is refused once a response has started', async () => {
  await withRuntimeApi(true, async ({ address, sink }) => {
    const { id } = await next(address);
    const response = await post(
      address,
      `/2018-06-01/runtime/invocation/${id}/error`,
      { 'Lambda-Runtime-Function-Error-Type': 'Oops', 'Content-Type': 'application/json' },
      [Buffer.from('{"errorMessage":"bad","errorType":"Oops"}')],
    );
    expect(response.status).toBe(202);
    expect(sink.error).toEqual({ errorType: 'Runtime.Unknown', errorMessage: 'bad' });
    const late = await post(address, `/2018-06-01/runtime/invocation/${id}/response`, streamingHeaders, [Buffer.from('x')]);
    expect(late.status).toBe(403);
  });
});
