import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startPrefixProxy } from './runtime-api-prefix.ts';

// How the adapter holds connections: an emulator that answers before it has read the body, and the
// pairing of each runtime connection with an upstream one.

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
