import net from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { freePort } from './free-port.ts';

test('free ports are bindable, never handed out twice, and below the range the kernel hands out itself', async () => {
  const range = '/proc/sys/net/ipv4/ip_local_port_range';
  const ephemeralLow = existsSync(range) ? Number(readFileSync(range, 'utf8').trim().split(/\s+/)[0]) : 32768;
  const ports = await Promise.all(Array.from({ length: 60 }, () => freePort()));
  expect(new Set(ports).size).toBe(ports.length);
  for (const port of ports) expect(port).toBeLessThan(ephemeralLow);
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
  server.close();
});
