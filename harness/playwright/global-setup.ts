import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { getPriority, setPriority, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { loadTemplate } from '../template/template.ts';
import { prepareFunctions } from '../runtimes/prepare.ts';
import { RUNTIMES_ENV, selectedRuntimes } from '../runtimes/languages.ts';
import { writeEndpointMap } from '../targets/endpoint-map.ts';
import { createTarget } from '../targets/registry.ts';
import { expectationsFor } from '../verdict/expectations.ts';
import { defaultTemplate, runEnv, selectedTarget } from '../core/run-environment.ts';
import { startSharedChromium } from '../browser/chromium.ts';
import { startMachineSentinel } from './sentinel.ts';
import { writeRunPlan } from './run-plan.ts';
import { burstTokenHandler } from './burst-token.ts';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/**
 * What the run's processes share on loopback: the target's logs, which workers attach to failing
 * cases, and the token the burst cases take turns with (./burst-token.ts).
 */
async function serveRun(logs: () => string): Promise<{ url: string; close: () => Promise<void> }> {
  const burstToken = burstTokenHandler();
  const server = http.createServer((request, response) => {
    if (request.url === '/burst-token') return burstToken(request, response);
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(logs());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Once the target runs, everything the run starts after it (the workers with their observers, the
 * Chromium) runs at a lower priority, so on a busy machine the CPU goes to the target and its
 * functions first. The observers' own hiccups are measured and taken off their stamps
 * (harness/observe/stalls.ts); a delay inside the target cannot be measured and counts against it,
 * so it must not be the harness's doing.
 */
function yieldToTarget(): void {
  setPriority(Math.min(19, getPriority() + 10));
}

/**
 * Boots the selected target once for the whole run; every worker reads the endpoint map it writes.
 * Returns the teardown, which Playwright also runs after Ctrl-C.
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const target = createTarget(selectedTarget(), { endpoints: process.env[runEnv.endpoints], template: defaultTemplate(root) });
  const ownedByCaller = process.env[runEnv.workDir];
  const workDir = ownedByCaller ?? mkdtempSync(join(tmpdir(), 'lsc-run-'));
  let runServer: Awaited<ReturnType<typeof serveRun>> | undefined;
  let browser: Awaited<ReturnType<typeof startSharedChromium>>;
  let sentinel: ReturnType<typeof startMachineSentinel> | undefined;
  let stopped = false;
  // Once setup returns, Playwright handles an interrupt by running the teardown below. While the target
  // is still booting nobody would: stop it here and end the run, as the signal would have.
  const interruptedDuringBoot = () => void teardown().finally(() => process.exit(130));
  const teardown = async () => {
    if (stopped) return;
    stopped = true;
    await runServer?.close();
    await browser?.close();
    await target.stop();
    await sentinel?.stop();
    if (!ownedByCaller) rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', interruptedDuringBoot);
  process.once('SIGTERM', interruptedDuringBoot);
  // A crash of the runner must not leave the temp dir behind (instances die with it via their lifeline).
  if (!ownedByCaller) process.once('exit', () => rmSync(workDir, { recursive: true, force: true }));
  try {
    const runtimes = selectedRuntimes();
    // Workers inherit the list instead of each probing the toolchains again (a spawn each).
    process.env[RUNTIMES_ENV] = runtimes.join(',');
    const template = loadTemplate(defaultTemplate(root));
    const functions = prepareFunctions(template, runtimes, (line) => console.log(`lsc: ${line}`));
    const map = await target.boot(functions);
    // A broken manifest is a configuration error before any case runs.
    writeRunPlan(join(workDir, 'run-plan.json'), expectationsFor(map.target, root), template);
    const file = join(workDir, 'endpoints.json');
    writeEndpointMap(file, map);
    runServer = await serveRun(() => target.logs());
    const machineStallsFile = join(workDir, 'machine-stalls.jsonl');
    sentinel = startMachineSentinel(machineStallsFile);
    process.env[runEnv.machineStalls] = machineStallsFile;
    yieldToTarget();
    browser = await startSharedChromium();
    if (browser) process.env[runEnv.browserEndpoint] = browser.wsEndpoint;
    process.env[runEnv.bootedEndpoints] = file;
    process.env[runEnv.targetLogsUrl] = `${runServer.url}logs`;
    process.env[runEnv.burstToken] = `${runServer.url}burst-token`;
  } catch (error) {
    await teardown();
    throw error;
  } finally {
    process.off('SIGINT', interruptedDuringBoot);
    process.off('SIGTERM', interruptedDuringBoot);
  }
  return teardown;
}
