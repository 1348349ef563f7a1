// The throughput floor's origin, a process of its own: `?bytes=N` streamed in 1 MiB writes with
// backpressure, the way the BigStream fixture writes, but straight from a plain Node server.
import http from 'node:http';
import { once } from 'node:events';

const CHUNK = 1024 * 1024;
const block = Buffer.alloc(CHUNK, 0x61);
async function serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const total = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('bytes') ?? CHUNK);
  response.writeHead(200, { 'content-type': 'application/octet-stream' });
  for (let sent = 0; sent < total; sent += CHUNK) {
    if (!response.write(sent + CHUNK <= total ? block : block.subarray(0, total - sent))) await once(response, 'drain');
  }
  response.end();
}

// A client that goes away mid-stream ends the wait for 'drain' with an error; the response is gone anyway.
const server = http.createServer((request, response) => void serve(request, response).catch(() => response.destroy()));
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${(server.address() as { port: number }).port}/`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
