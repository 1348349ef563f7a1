import { readFileSync } from 'node:fs';
import net from 'node:net';
import { retryUntilReady } from './readiness.ts';

/**
 * The lowest port the kernel hands out on its own: to connections' local ends and to binds to port 0.
 * Linux says so in /proc; elsewhere (macOS: 49152) it is no lower than Linux's default.
 */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32768;
  } catch {
    return 32768;
  }
}

const bindable = (port: number) =>
  new Promise<number | undefined>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as net.AddressInfo;
      server.close(() => resolve(bound));
    });
  });

/** Ports this process has handed out: two servers of one run never get the same. */
const handedOut = new Set<number>();
const LOWEST = 10_000;

/**
 * A loopback port free right now, for servers (like RIE) that cannot report the one they bound.
 * Between this check and the server's own bind the port must stay free: a port from the kernel's
 * ephemeral range could meanwhile become the local end of any process's outgoing connection (a run
 * makes hundreds) or come back from another bind to port 0; RIE then panics when its invoke server
 * cannot listen (once in CI, booting a target file's 22 RIE processes). So it is drawn at random
 * from below that range, and never twice in one process.
 */
export async function freePort(): Promise<number> {
  const highest = ephemeralLow() - 1;
  for (let attempt = 0; highest - LOWEST >= 1000 && attempt < 50; attempt++) {
    const candidate = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
    if (handedOut.has(candidate)) continue;
    // Reserved before the check, so calls at once cannot both take it.
    handedOut.add(candidate);
    if ((await bindable(candidate)) !== undefined) return candidate;
    handedOut.delete(candidate);
  }
  // No room below the ephemeral range (or all taken): the kernel's choice, still never twice.
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await bindable(0);
    if (port !== undefined && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free loopback port after 100 attempts');
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
