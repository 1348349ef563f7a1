import http from 'node:http';
import { epochNow } from '../observe/clock.ts';

export type ControlKind = 'streaming' | 'buffering';

/**
 * The two controls of DESIGN §5: tiny SSE origins whose behaviour is known by construction. One
 * writes each frame when it is due; the other holds every frame and sends them all at the end. If
 * the harness cannot tell them apart, no verdict on a target means anything.
 */
export async function startControlOrigin(
  kind: ControlKind,
  schedule: { count: number; intervalMs: number },
): Promise<{ url: string; close: () => Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((request, response) => {
    if (request.url !== '/events') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>control</title>');
      return;
    }
    const held: string[] = [];
    const start = epochNow();
    if (kind === 'streaming') response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const tick = (seq: number) => {
      const frame = `id: ${seq}\ndata: ${JSON.stringify({ seq, emittedAt: epochNow() })}\n\n`;
      if (kind === 'streaming') response.write(frame);
      else held.push(frame);
      if (seq + 1 < schedule.count) {
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            tick(seq + 1);
          },
          Math.max(0, start + (seq + 1) * schedule.intervalMs - epochNow()),
        );
        timers.add(timer);
        return;
      }
      if (kind === 'buffering') {
        const body = held.join('');
        response.writeHead(200, { 'content-type': 'text/event-stream', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      } else {
        response.end();
      }
    };
    tick(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/events`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
