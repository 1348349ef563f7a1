import http from 'node:http';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startPrefixProxy } from './runtime-api-prefix.ts';

/** Chunk sizes of a chunked body, read from the raw bytes an upstream received. */
function chunkSizes(raw: Buffer): number[] {
  const text = raw.toString('latin1');
  let at = text.indexOf('\r\n\r\n') + 4;
  const sizes: number[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const lineEnd = text.indexOf('\r\n', at);
    const size = Number.parseInt(text.slice(at, lineEnd), 16);
    if (size === 0) return sizes;
    sizes.push(size);
    at = lineEnd + 2 + size + 2;
  }
  throw new Error('unterminated chunked body');
}

/** An upstream that keeps the exact bytes of one request and answers once its chunked body ended. */
async function rawUpstream(): Promise<{ port: number; received: Promise<Buffer>; close: () => void }> {
  let resolveReceived!: (raw: Buffer) => void;
  const received = new Promise<Buffer>((resolve) => (resolveReceived = resolve));
  const server = net.createServer((socket) => {
    const parts: Buffer[] = [];
    socket.on('data', (data) => {
      parts.push(data);
      const raw = Buffer.concat(parts);
      if (raw.toString('latin1').endsWith('\r\n0\r\n\r\n')) {
        resolveReceived(raw);
        socket.end('HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, received, close: () => server.close() };
}

test('the proxy prefixes the path and passes each chunk the runtime writes as its own chunk', async () => {
  const upstream = await rawUpstream();
  const proxy = await startPrefixProxy(upstream.port, '/.rt/Fn', { onError: (message) => expect.soft(message).toBe('no error') });
  try {
    const [host, port] = proxy.address.split(':');
    const prelude = JSON.stringify({ statusCode: 200, headers: { 'content-type': 'text/plain' } });
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host,
          port: Number(port),
          method: 'POST',
          path: '/2018-06-01/runtime/invocation/abc/response',
          headers: { 'transfer-encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      // Written in one tick, as a runtime writes prelude, delimiter and body: they may share a TCP
      // segment, but must stay three chunks upstream, since some emulators read the prelude as one.
      request.write(prelude);
      request.write(Buffer.alloc(8));
      request.end('data');
    });
    expect(status).toBe(202);
    const raw = await upstream.received;
    expect(raw.toString('latin1').split('\r\n')[0]).toBe('POST /.rt/Fn/2018-06-01/runtime/invocation/abc/response HTTP/1.1');
    expect(chunkSizes(raw)).toEqual([prelude.length, 8, 4]);
  } finally {
    await proxy.close();
    upstream.close();
  }
});

test('an event without Content-Type gets application/json and the repair is reported; one with it is untouched', async () => {
  let withType = false;
  const upstream = http.createServer((request, response) => {
    expect.soft(request.url).toBe('/.rt/Fn/2018-06-01/runtime/invocation/next');
    response.writeHead(200, { 'lambda-runtime-aws-request-id': 'abc', ...(withType ? { 'content-type': 'text/x-event' } : {}) });
    response.end('{}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const repairs: string[] = [];
  const proxy = await startPrefixProxy((upstream.address() as net.AddressInfo).port, '/.rt/Fn', {
    addMissingEventContentType: true,
    onRepair: (message) => repairs.push(message),
    onError: (message) => expect.soft(message).toBe('no error'),
  });
  try {
    const next = () => fetch(`http://${proxy.address}/2018-06-01/runtime/invocation/next`);
    const repaired = await next();
    expect(repaired.headers.get('content-type')).toBe('application/json');
    expect(await repaired.text()).toBe('{}');
    expect(repairs).toHaveLength(1);
    withType = true;
    const untouched = await next();
    expect(untouched.headers.get('content-type')).toBe('text/x-event');
    expect(repairs).toHaveLength(1);
  } finally {
    await proxy.close();
    upstream.closeAllConnections();
    upstream.close();
  }
});

test('trailers reach the emulator, and a runtime that dies mid-body leaves it a truncated request', async () => {
  const seen: Array<{ body: string; trailers: string[]; complete: boolean }> = [];
  let settled!: () => void;
  let expected = 2;
  const allSeen = new Promise<void>((resolve) => (settled = resolve));
  let relayed!: () => void;
  const firstChunkRelayed = new Promise<void>((resolve) => (relayed = resolve));
  const upstream = http.createServer((request, response) => {
    let body = '';
    request.on('data', (data: Buffer) => {
      body += data.toString();
      if (body === 'hello') relayed();
    });
    request.on('close', () => {
      seen.push({ body, trailers: request.rawTrailers, complete: request.complete });
      if (--expected === 0) settled();
    });
    request.on('end', () => response.writeHead(202).end());
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const proxy = await startPrefixProxy((upstream.address() as net.AddressInfo).port, '/.rt/Fn', { onError: () => undefined });
  try {
    const [host, port] = proxy.address.split(':');
    const post = (id: string) =>
      http.request({
        host,
        port: Number(port),
        method: 'POST',
        path: `/2018-06-01/runtime/invocation/${id}/response`,
        headers: { 'transfer-encoding': 'chunked', trailer: 'Lambda-Runtime-Function-Error-Type' },
      });
    const failing = post('failing');
    failing.on('response', (response) => response.resume());
    failing.write('partial');
    failing.addTrailers([['Lambda-Runtime-Function-Error-Type', 'Error']]);
    failing.end();
    // A raw connection that sends half a body and is then cut, as a crashing runtime would.
    const socket = net.connect(Number(port), host!);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST /2018-06-01/runtime/invocation/dying/response HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n',
    );
    // Cut only once the proxy has relayed the first chunk: the emulator's view is what is tested.
    await firstChunkRelayed;
    socket.destroy();
    await allSeen;
    const byBody = Object.fromEntries(seen.map((entry) => [entry.body, entry]));
    expect(byBody.partial).toEqual({ body: 'partial', trailers: ['Lambda-Runtime-Function-Error-Type', 'Error'], complete: true });
    expect(byBody.hello?.complete, 'the emulator saw the request end cleanly though the runtime died').toBe(false);
  } finally {
    await proxy.close();
    upstream.closeAllConnections();
    upstream.close();
  }
});
