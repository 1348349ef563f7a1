import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EndpointMap } from '../../harness/targets/endpoint-map.ts';
import { writeEndpointMap } from '../../harness/targets/endpoint-map.ts';
import { PROBE_FUNCTION } from '../../harness/targets/readiness.ts';
import { startLsc } from './cli-process.ts';

export type ProxyMode = 'buffer' | 'rechunk' | 'fail-502' | 'empty-200';

/**
 * Proxies that stand between the suite and a served target, to prove the suite judges what arrives:
 * `buffer` holds the whole response and sends it with a Content-Length (what SAM CLI and RIE do);
 * `rechunk` splits every chunk into tiny pieces and forwards them at once (a harmless middlebox);
 * `fail-502` and `empty-200` answer every request at once without asking the target (an emulator
 * that does nothing right), and must earn no PASS.
 */
export async function startProxy(upstream: string, mode: ProxyMode): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(upstream);
  const server = http.createServer((request, response) => {
    if (mode === 'fail-502' || mode === 'empty-200') {
      request.resume();
      const body = mode === 'fail-502' ? '{"message":"Internal Server Error"}' : '';
      response.writeHead(mode === 'fail-502' ? 502 : 200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
      return;
    }
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

/**
 * Serves the reference target, puts a proxy of `mode` in front of every origin it serves (each
 * Function URL, and with `allEndpoints` the invoke and InvokeWithResponseStream endpoints too), writes
 * the proxied endpoint map, and runs `steps` against it. Everything started is stopped afterwards.
 */
export async function behindProxy<T>(
  mode: ProxyMode,
  steps: (dir: string, endpoints: string) => Promise<T>,
  options: { allEndpoints?: boolean } = {},
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `lsc-selftest-${mode}-`));
  const served = await startLsc(['serve', '--endpoints-out', join(dir, 'served.json')], /Ctrl-C stops it/, 60_000);
  const proxies = new Map<string, Promise<{ url: string; close: () => Promise<void> }>>();
  // One proxy per origin the target serves; paths are kept.
  const proxied = async (url: string | undefined) => {
    if (!url) return undefined;
    const { origin, pathname, search } = new URL(url);
    if (!proxies.has(origin)) proxies.set(origin, startProxy(origin, mode));
    const proxy = await proxies.get(origin)!;
    return new URL(`${pathname}${search}`, proxy.url).toString();
  };
  try {
    const map = JSON.parse(readFileSync(join(dir, 'served.json'), 'utf8')) as EndpointMap;
    const behind: EndpointMap = { target: `reference-behind-${mode}-proxy`, functions: {} };
    for (const [name, fn] of Object.entries(map.functions)) {
      if (!fn.url && !options.allEndpoints) continue;
      // A canned emulator still answers its readiness probe; everything else gets the canned answer.
      if (name === PROBE_FUNCTION && (mode === 'fail-502' || mode === 'empty-200')) {
        behind.functions[name] = fn;
        continue;
      }
      const entry = { url: await proxied(fn.url), invokeMode: fn.invokeMode, auth: fn.auth };
      const invoke = options.allEndpoints
        ? { invokeUrl: await proxied(fn.invokeUrl), streamInvokeUrl: await proxied(fn.streamInvokeUrl) }
        : {};
      behind.functions[name] = Object.fromEntries(Object.entries({ ...entry, ...invoke }).filter(([, value]) => value !== undefined));
    }
    writeEndpointMap(join(dir, 'proxied.yaml'), behind);
    return await steps(dir, join(dir, 'proxied.yaml'));
  } finally {
    await Promise.all([...proxies.values()].map(async (proxy) => (await proxy).close()));
    served.child.kill('SIGINT');
    await served.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
