import http from 'node:http';

export type ProxyMode = 'buffer' | 'rechunk';

/**
 * Proxies that stand between the suite and a served target, to prove the suite judges what arrives:
 * `buffer` holds the whole response and sends it with a Content-Length (what SAM CLI and RIE do);
 * `rechunk` splits every chunk into tiny pieces and forwards them at once (a harmless middlebox).
 */
export async function startProxy(upstream: string, mode: ProxyMode): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(upstream);
  const server = http.createServer((request, response) => {
    const outbound = http.request(
      { host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers, agent: false },
      (upstreamResponse) => {
        const headers = { ...upstreamResponse.headers };
        delete headers['transfer-encoding'];
        delete headers.connection;
        if (mode === 'buffer') {
          const chunks: Buffer[] = [];
          upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
          upstreamResponse.on('end', () => {
            const body = Buffer.concat(chunks);
            response.writeHead(upstreamResponse.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
            response.end(body);
          });
        } else {
          response.writeHead(upstreamResponse.statusCode ?? 502, headers);
          response.flushHeaders();
          upstreamResponse.on('data', (chunk: Buffer) => {
            for (let offset = 0; offset < chunk.length; offset += 5) response.write(chunk.subarray(offset, offset + 5));
          });
          upstreamResponse.on('end', () => response.end());
        }
        upstreamResponse.on('error', () => response.destroy());
      },
    );
    outbound.on('error', () => response.destroy());
    request.pipe(outbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
