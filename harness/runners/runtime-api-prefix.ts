import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable, Writable } from 'node:stream';

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
}

function pairs(raw: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i]!, raw[i + 1]!]);
  return result;
}

/**
 * Forwards one message body as it comes, then its trailers (the runtime reports a mid-stream error in
 * trailers), and ends the far side only if this side ended cleanly: a sender that dies mid-body
 * leaves the receiver with a truncated message, as a direct connection would.
 */
function relay(from: http.IncomingMessage, to: Writable & { addTrailers(headers: Array<[string, string]>): void }): void {
  (from as Readable).pipe(to, { end: false });
  from.once('end', () => {
    if (from.rawTrailers.length > 0) to.addTrailers(pairs(from.rawTrailers));
    to.end();
  });
  from.once('close', () => {
    if (!from.complete) to.destroy();
  });
}

/**
 * The official runtime clients accept AWS_LAMBDA_RUNTIME_API only as `host:port`, while some emulators
 * (cargo-lambda) serve a function's Runtime API under a path such as `/.rt/<function>`. This proxy
 * puts the prefix in front of every path and otherwise passes requests and responses through as they
 * come: bodies are piped, never collected; each piece the runtime writes goes upstream as its own
 * chunk, so chunks are never merged on the way (an emulator's framing is judged, not ours); trailers
 * and broken connections are passed on.
 */
export async function startPrefixProxy(upstreamPort: number, prefix: string, options: PrefixProxyOptions): Promise<PrefixProxy> {
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: request.method, path: `${prefix}${request.url ?? '/'}`, headers: request.headers, agent },
      (upstreamResponse) => {
        const headers = [...upstreamResponse.rawHeaders];
        const isEvent = request.url?.endsWith('/runtime/invocation/next') && upstreamResponse.statusCode === 200;
        if (isEvent && options.addMissingEventContentType && !upstreamResponse.headers['content-type']) {
          headers.push('Content-Type', 'application/json');
          options.onRepair?.(`GET ${prefix}${request.url} answered without Content-Type; added application/json`);
        }
        response.writeHead(upstreamResponse.statusCode ?? 502, headers);
        relay(upstreamResponse, response);
      },
    );
    upstream.on('error', (error) => {
      options.onError(`${request.method} ${prefix}${request.url}: ${error.message}`);
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
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
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
