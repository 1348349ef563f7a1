import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { EndpointMap } from '../../harness/targets/endpoint-map.ts';
import { writeEndpointMap } from '../../harness/targets/endpoint-map.ts';
import { runLsc, startLsc } from './cli-process.ts';
import { startProxy, type ProxyMode } from './proxies.ts';

// The timing cases: what a buffering middlebox must break and a re-chunking one must not.
const timingCases = 'SSE-00[1245] ';

test.describe.configure({ mode: 'parallel' });

async function runBehindProxy(mode: ProxyMode): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), `lsc-selftest-${mode}-`));
  const served = await startLsc(['serve', '--endpoints-out', join(dir, 'served.json')], /Ctrl-C stops it/, 60_000);
  const proxies: Array<{ close: () => Promise<void> }> = [];
  try {
    const map = JSON.parse(readFileSync(join(dir, 'served.json'), 'utf8')) as EndpointMap;
    const proxied: EndpointMap = { target: `reference-behind-${mode}-proxy`, functions: {} };
    for (const [name, fn] of Object.entries(map.functions)) {
      const proxy = await startProxy(fn.url, mode);
      proxies.push(proxy);
      proxied.functions[name] = { ...fn, url: proxy.url };
    }
    writeEndpointMap(join(dir, 'proxied.yaml'), proxied);
    return await runLsc(
      ['run', '--target', 'external', '--endpoints', join(dir, 'proxied.yaml'), '--grep', timingCases, '--report', join(dir, 'report'), '--workers', '2'],
      { timeoutMs: 120_000 },
    );
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    served.child.kill('SIGINT');
    await served.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

test('behind a buffering proxy the timing cases fail, and say it was buffered', async () => {
  const { code, output } = await runBehindProxy('buffer');
  expect(code, output).toBe(1);
  expect(output).toMatch(/unexpected \(SSE-00\d(, SSE-00\d){3}\)/);
  expect(output).toMatch(/SSE-001: .*\d+ frames arrived within \d+ ms at t=\d+\.\d\d s.*buffered/);
  expect(output).toMatch(/SSE-002: .*buffered/);
  expect(output).toMatch(/SSE-004: first frame arrived at t=\d+\.\d\d s, \d+\.\d\d s after it was written/);
  expect(output).toMatch(/SSE-005: first frame arrived at/);
});

test('behind a proxy that only re-chunks bytes the timing cases still pass', async () => {
  const { code, output } = await runBehindProxy('rechunk');
  expect(code, output).toBe(0);
  expect(output).toMatch(/external: 4 as expected, 0 unexpected/);
});
