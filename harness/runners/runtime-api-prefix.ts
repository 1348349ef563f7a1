import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface PrefixProxy {
  /** `host:port`, the form AWS_LAMBDA_RUNTIME_API takes. */
  address: string;
  close(): Promise<void>;
}

export interface PrefixProxyOptions {
  /**
   * aws-lambda-ric 4.0.2 crashes (SIGSEGV in its native client) on a /next answer without a
   * Content-Type. When set, such answers get `application/json`, the type AWS's Runtime API sends
   * for events, and `onRepair` reports it, so the repair is visible in the target's logs.
   */
  addMissingEventContentType?: boolean;
  onRepair?: (message: string) => void;
  onError: (message: string) => void;
  /** Sees each long poll for the next event as it starts, with the runtime's connection: a runtime asking is a runtime ready. */
  onNextPoll?: (runtimeConnection: Socket) => void;
}

type Outgoing = http.ClientRequest | http.ServerResponse;

function pairs(raw: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i]!, raw[i + 1]!]);
  return result;
}

/**
 * Connection management is each hop's own (RFC 9110 §7.6.1): the runtime's `Connection: close` must
 * not reach the emulator, or Node's client closes the upstream connection as soon as the emulator's
 * answer has been read, cutting a body the emulator is still reading. Node sets the proxy's own
 * Connection header on each side.
 */
function hopByHop(connection: string | string[] | undefined): Set<string> {
  const named = [connection ?? []].flat().flatMap((value) => value.split(',').map((token) => token.trim().toLowerCase()));
  return new Set(['connection', 'keep-alive', ...named.filter(Boolean)]);
}

function endToEndHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const drop = hopByHop(headers.connection);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name)));
}

function endToEndRawHeaders(raw: string[], connection: string | undefined): string[] {
  const drop = hopByHop(connection);
  return pairs(raw)
    .filter(([name]) => !drop.has(name.toLowerCase()))
    .flat();
}

/**
 * Calls `then` once `to` can take more. Not `to`'s own 'drain' alone: a ClientRequest stops
 * forwarding its socket's 'drain' as soon as the whole answer has been parsed (Node's client drops
 * its drain listener then), so when an emulator answers /response before it has read the body, as
 * cargo-lambda does, a pipe into the request waits for a 'drain' that never comes and the upload
 * hangs. The socket's own 'drain' is the event the write's `false` was about.
 */
function whenDrained(to: Outgoing, then: () => void): void {
  const sockets: Socket[] = [];
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    to.off('drain', finish);
    to.off('close', finish);
    to.off('socket', watch);
    for (const socket of sockets) socket.off('drain', finish);
    then();
  };
  const watch = (socket: Socket) => {
    sockets.push(socket);
    socket.once('drain', finish);
  };
  to.once('drain', finish);
  to.once('close', finish);
  // Before a request has its socket, its writes are buffered and it emits 'drain' itself once they
  // are flushed; the socket may still be the one to drain last.
  if (to.socket) watch(to.socket);
  else to.once('socket', watch);
}

/**
 * Forwards one message body chunk by chunk as it comes (each chunk written on its own, so chunks are
 * never merged), honouring backpressure, then its trailers (the runtime reports a mid-stream error in
 * trailers). The far side is ended through `endWhen` and only if this side ended cleanly: a sender
 * that dies mid-body leaves the receiver with a truncated message, as a direct connection would.
 */
function relay(from: http.IncomingMessage, to: Outgoing, endWhen: (end: () => void) => void = (end) => end()): void {
  from.on('data', (chunk: Buffer) => {
    if (to.write(chunk)) return;
    from.pause();
    whenDrained(to, () => {
      if (!to.destroyed) from.resume();
    });
  });
  from.once('end', () => {
    if (from.rawTrailers.length > 0) to.addTrailers(pairs(from.rawTrailers));
    endWhen(() => to.end());
  });
  from.once('close', () => {
    if (!from.complete) to.destroy();
  });
}

/**
 * The official runtime clients accept AWS_LAMBDA_RUNTIME_API only as `host:port`, while some emulators
 * (cargo-lambda) serve a function's Runtime API under a path such as `/.rt/<function>`. This proxy
 * puts the prefix in front of every path and otherwise passes requests and responses through as they
 * come: bodies are forwarded as they arrive, never collected; each piece the runtime writes goes upstream as its own
 * chunk, so chunks are never merged on the way (an emulator's framing is judged, not ours); trailers
 * and broken connections are passed on.
 *
 * An emulator may answer a request before it has read the body (cargo-lambda answers /response as
 * soon as it has the headers, then reads the body) while the runtime keeps uploading. The proxy must
 * then neither stop forwarding nor end or close anything the upload still needs: the body keeps
 * flowing after the answer (whenDrained), the connection upstream is kept alive and the runtime's
 * Connection header is not passed on (hopByHop), and on a runtime connection that is not kept alive
 * the answer's end waits for the request's (below).
 */
export async function startPrefixProxy(upstreamPort: number, prefix: string, options: PrefixProxyOptions): Promise<PrefixProxy> {
  // One upstream connection per runtime connection, used for its requests in their order, closed when
  // it closes and closing it when it closes while idle: the emulator sees the connections the runtime
  // opens, as it would without the proxy. That matters: cargo-lambda (hyper) has read a Content-Length
  // /response body it answered early to the last byte only once more bytes come on that connection or
  // it closes; a shared pool would hand it neither when it should, or when it should not. Kept alive,
  // as the runtime clients' own connections are: Node's client ends a connection that is not kept
  // alive as soon as the answer has been read, before an unfinished body is through.
  const links = new Map<Socket, { agent: http.Agent; busy: number; upstream: WeakSet<Socket> }>();
  const linkOf = (socket: Socket) => {
    let link = links.get(socket);
    if (!link) {
      const created = { agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), busy: 0, upstream: new WeakSet<Socket>() };
      links.set(socket, created);
      socket.once('close', () => {
        links.delete(socket);
        created.agent.destroy();
      });
      link = created;
    }
    return link;
  };
  const server = http.createServer((request, response) => {
    const runtimeSocket = request.socket;
    if (request.method === 'GET' && request.url?.endsWith('/runtime/invocation/next')) options.onNextPoll?.(request.socket);
    const link = linkOf(runtimeSocket);
    link.busy += 1;
    response.once('close', () => (link.busy -= 1));
    let requestOver = false;
    const afterRequest: Array<() => void> = [];
    const markOver = () => {
      if (requestOver) return;
      requestOver = true;
      for (const run of afterRequest.splice(0)) run();
    };
    request.once('end', markOver);
    request.once('close', markOver);
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: request.method,
        path: `${prefix}${request.url ?? '/'}`,
        headers: endToEndHeaders(request.headers),
        agent: link.agent,
      },
      (upstreamResponse) => {
        const headers = endToEndRawHeaders(upstreamResponse.rawHeaders, upstreamResponse.headers.connection);
        const isEvent = request.url?.endsWith('/runtime/invocation/next') && upstreamResponse.statusCode === 200;
        if (isEvent && options.addMissingEventContentType && !upstreamResponse.headers['content-type']) {
          headers.push('Content-Type', 'application/json');
          options.onRepair?.(`GET ${prefix}${request.url} answered without Content-Type; added application/json`);
        }
        response.writeHead(upstreamResponse.statusCode ?? 502, headers);
        // Node's server closes a connection that is not kept alive (the runtime sent `Connection:
        // close`) as soon as its answer ends, which would cut an upload still under way: then the
        // answer's headers and body go out as they come and only its end waits for the request's.
        const holdEnd = !response.shouldKeepAlive && !requestOver;
        if (holdEnd) response.flushHeaders();
        relay(upstreamResponse, response, (end) => (holdEnd && !requestOver ? afterRequest.push(end) : end()));
      },
    );
    upstream.on('error', (error) => {
      options.onError(`${request.method} ${prefix}${request.url}: ${error.message}`);
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
    // The emulator's side closed before the runtime's body was through: the upload has nowhere to
    // go, so the runtime's connection breaks too, once anything already answered has been flushed.
    upstream.once('close', () => {
      if (requestOver) return;
      if (!response.writableEnded) response.destroy();
      else if (response.writableFinished) request.socket.destroy();
      else response.once('finish', () => request.socket.destroy());
    });
    upstream.on('socket', (socket: Socket) => {
      if (link.upstream.has(socket)) return;
      link.upstream.add(socket);
      // The emulator closed the connection between requests: so does the proxy, as the runtime's own
      // connection would have been. A close during a request is handled above, as a broken one.
      socket.once('close', () => {
        if (link.busy === 0) runtimeSocket.destroy();
      });
    });
    relay(request, upstream);
  });
  // /next is a long poll: a runtime waits there as long as no event comes.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        for (const { agent } of links.values()) agent.destroy();
        server.close(() => resolve());
      }),
  };
}
