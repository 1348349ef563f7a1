import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PrefixProxy {
  /** `host:port`, the form AWS_LAMBDA_RUNTIME_API takes. */
  address: string;
  close(): Promise<void>;
}

/**
 * The official runtime clients accept AWS_LAMBDA_RUNTIME_API only as `host:port`, while some emulators
 * (cargo-lambda) serve a function's Runtime API under a path such as `/.rt/<function>`. This proxy
 * puts the prefix in front of every path and otherwise passes requests and responses through as
 * they come: bodies are piped, never collected, and each piece the runtime writes goes upstream as
 * its own chunk, so chunks are never merged on the way (an emulator's framing is judged, not ours).
 */
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
        upstreamResponse.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      options.onError(`${request.method} ${prefix}${request.url}: ${error.message}`);
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
    request.pipe(upstream);
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
