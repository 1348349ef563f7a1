import net from 'node:net';
import { retryUntilReady } from './readiness.ts';

/** A loopback port free right now, for servers (like RIE) that cannot report the one they bound. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the loopback port; bounded in time and attempts. */
export async function waitUntilListening(port: number, timeoutMs: number, cancel?: AbortSignal): Promise<void> {
  const problem = await retryUntilReady(
    () =>
      new Promise<string | undefined>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(undefined);
        });
        socket.once('error', (error) => resolve(error.message));
      }),
    { timeoutMs, cancel, maxAttempts: 300 },
  );
  if (problem !== undefined) throw new Error(`nothing is listening on 127.0.0.1:${port}: ${problem}`);
}
