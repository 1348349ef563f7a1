import { createHash, randomBytes } from 'node:crypto';
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
      const request = http.request({ host, port: Number(port), method: 'POST', path: '/2018-06-01/runtime/invocation/abc/response', headers: { 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
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
    const post = (id: string) => http.request({ host, port: Number(port), method: 'POST', path: `/2018-06-01/runtime/invocation/${id}/response`, headers: { 'transfer-encoding': 'chunked', trailer: 'Lambda-Runtime-Function-Error-Type' } });
    const failing = post('failing');
    failing.on('response', (response) => response.resume());
    failing.write('partial');
    failing.addTrailers([['Lambda-Runtime-Function-Error-Type', 'Error']]);
    failing.end();
    // A raw connection that sends half a body and is then cut, as a crashing runtime would.
    const socket = net.connect(Number(port), host!);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /2018-06-01/runtime/invocation/dying/response HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n');
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

/** Rejects after `ms`, so a stalled upload fails the test with what it saw instead of hanging it. */
function within<T>(ms: number, what: () => string, promise: Promise<T>): Promise<T> {
  let timer!: NodeJS.Timeout;
  const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what()}`)), ms)));
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// cargo-lambda answers /response (complete, Content-Length 0) as soon as it has the headers and only
// then reads the body, while the runtime keeps uploading. The runtime here is a raw connection that
// behaves as aws-lambda-ric's native client (curl) does: it keeps sending after the answer, honouring
// its socket's backpressure. Both ways a runtime may hold its connection are covered.
for (const variant of [
  { name: 'a Content-Length body on a kept-alive connection', connection: 'keep-alive', chunked: false },
  { name: 'a chunked body on a connection the runtime closes', connection: 'close', chunked: true },
]) {
  test(`an emulator that answers before it reads still gets the whole body: ${variant.name}`, async () => {
    const size = 8 * 1024 * 1024;
    const body = randomBytes(size);
    let received = 0;
    const seen = createHash('sha256');
    let settle!: (complete: boolean) => void;
    const bodyRead = new Promise<boolean>((resolve) => (settle = resolve));
    const upstream = http.createServer((request, response) => {
      // The whole answer first, before a byte of the body has been read.
      response.writeHead(202, { 'content-type': 'application/json', 'content-length': '15' }).end('{"status":"OK"}');
      request.on('data', (data: Buffer) => {
        received += data.length;
        seen.update(data);
      });
      request.once('close', () => settle(request.complete));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const proxy = await startPrefixProxy((upstream.address() as net.AddressInfo).port, '/.rt/Fn', {
      onError: (message) => expect.soft(message).toBe('no error'),
    });
    const [host, port] = proxy.address.split(':');
    const runtime = net.connect({ port: Number(port), host });
    try {
      let answer = '';
      const answered = new Promise<string>((resolve) => {
        runtime.on('data', (data: Buffer) => {
          answer += data.toString('latin1');
          if (answer.includes('{"status":"OK"}')) resolve(answer);
        });
      });
      runtime.on('error', () => undefined);
      await new Promise<void>((resolve) => runtime.once('connect', () => resolve()));
      const framing = variant.chunked ? 'transfer-encoding: chunked' : `content-length: ${size}`;
      runtime.write(
        `POST /2018-06-01/runtime/invocation/abc/response HTTP/1.1\r\nhost: ${proxy.address}\r\nconnection: ${variant.connection}\r\n${framing}\r\n\r\n`,
      );
      let sent = 0;
      const uploaded = (async () => {
        for (let at = 0; at < size; at += 64 * 1024) {
          const piece = body.subarray(at, at + 64 * 1024);
          const framed = variant.chunked
            ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
            : piece;
          const more = runtime.write(framed);
          sent = at + piece.length;
          if (!more) await new Promise<void>((resolve) => runtime.once('drain', () => resolve()));
        }
        if (variant.chunked) runtime.write('0\r\n\r\n');
      })();
      const progress = () =>
        `runtime sent ${sent} of ${size} bytes, emulator read ${received}; runtime got ${JSON.stringify(answer.slice(0, 200))}`;
      expect((await within(10_000, progress, answered)).split('\r\n')[0]).toBe('HTTP/1.1 202 Accepted');
      await within(10_000, progress, uploaded);
      expect(await within(10_000, progress, bodyRead), 'the emulator saw the body end cleanly').toBe(true);
      expect(received).toBe(size);
      expect(seen.digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
    } finally {
      runtime.destroy();
      await proxy.close();
      upstream.closeAllConnections();
      upstream.close();
    }
  });
}

test('each runtime connection has its own upstream connection, used in order and closed with it, both ways', async () => {
  const seen: Array<{ url: string; port: number }> = [];
  const upstreamClosed = new Map<number, Promise<void>>();
  const upstream = http.createServer((request, response) => {
    seen.push({ url: request.url ?? '', port: request.socket.remotePort ?? 0 });
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-length': '2' }).end('ok'));
  });
  upstream.on('connection', (socket: net.Socket) => {
    upstreamClosed.set(socket.remotePort ?? 0, new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const proxy = await startPrefixProxy((upstream.address() as net.AddressInfo).port, '/.rt/Fn', {
    onError: (message) => expect.soft(message).toBe('no error'),
  });
  const [host, port] = proxy.address.split(':');
  // Two runtime connections, as aws-lambda-ric holds one for /next and one for /response.
  const a = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const b = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Map<http.Agent, net.Socket>();
  const get = (agent: http.Agent, path: string) =>
    new Promise<string>((resolve, reject) => {
      const request = http.request({ host, port: Number(port), path, agent }, (response) => {
        let text = '';
        response.on('data', (data: Buffer) => (text += data.toString()));
        response.on('end', () => resolve(text));
      });
      request.on('socket', (socket) => sockets.set(agent, socket));
      request.on('error', reject);
      request.end();
    });
  try {
    expect(await get(a, '/a1')).toBe('ok');
    expect(await get(b, '/b1')).toBe('ok');
    expect(await get(a, '/a2')).toBe('ok');
    const portOf = (url: string) => seen.find((entry) => entry.url === `/.rt/Fn${url}`)?.port ?? -1;
    expect(portOf('/a2'), 'a runtime connection keeps its upstream connection').toBe(portOf('/a1'));
    expect(portOf('/b1'), 'another runtime connection has another').not.toBe(portOf('/a1'));
    // The runtime closes a connection: the emulator sees its connection close.
    sockets.get(a)?.destroy();
    const closedA = upstreamClosed.get(portOf('/a1')) ?? Promise.reject(new Error('no upstream connection for /a1'));
    await within(5_000, () => 'the upstream connection of a closed runtime connection stayed open', closedA);
    // The emulator closes an idle connection: the runtime sees its connection close.
    const runtimeClosed = new Promise<void>((resolve) => sockets.get(b)?.once('close', () => resolve()));
    upstream.closeIdleConnections();
    await within(5_000, () => 'the runtime connection stayed open after the emulator closed its connection', runtimeClosed);
  } finally {
    a.destroy();
    b.destroy();
    await proxy.close();
    upstream.closeAllConnections();
    upstream.close();
  }
});
