import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { EndpointMap } from '../../harness/targets/endpoint-map.ts';
import { alive, cleanEnv, descendants, described, lsc, root, startLsc } from './cli-process.ts';

test.skip(!existsSync('/proc'), 'process trees are read from /proc');

async function refused(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => false,
    () => true,
  );
}

/** Polls a condition a bounded number of times; the thing awaited has no event we can subscribe to. */
async function eventually<T>(probe: () => T | undefined, what: string, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Waits for every process of `tree` to end; a failure names the ones still alive and what they are. */
async function allExited(tree: number[], what: string, attempts = 100): Promise<void> {
  await eventually(() => (alive(tree).length === 0 ? true : undefined), what, attempts).catch((error: Error) => {
    throw new Error(`${error.message}; still alive:\n${described(alive(tree))}`);
  });
}

test('Ctrl-C on lsc serve leaves no process or port behind', async () => {
  const out = join(tmpdir(), `lsc-interrupt-${process.pid}.json`);
  const served = await startLsc(['serve', '--endpoints-out', out], /Ctrl-C stops it/, 60_000);
  const map = JSON.parse(readFileSync(out, 'utf8')) as EndpointMap;
  rmSync(out, { force: true }); // the endpoint map is read; the test leaves no file behind
  const started = descendants(served.child.pid!);
  expect(started.length, 'function instances running').toBeGreaterThanOrEqual(Object.keys(map.functions).length);
  served.child.kill('SIGINT');
  expect(await served.exited).toBe(0);
  expect(alive(started), 'processes still alive after Ctrl-C').toEqual([]);
  for (const fn of Object.values(map.functions))
    for (const url of [fn.url, fn.invokeUrl]) if (url) expect(await refused(url), `${url} still answers`).toBe(true);
});

test('Ctrl-C during lsc run leaves no process or temp dir behind', async () => {
  // A temp root of its own, so runs of other tests in parallel cannot be mistaken for leftovers.
  const privateTmp = mkdtempSync(join(tmpdir(), 'lsc-interrupt-tmp-'));
  const run = await startLsc(['run', '--grep', 'SSE-001 ', '--report', join(privateTmp, 'report')], /Running \d+ tests?/, 60_000, {
    TMPDIR: privateTmp,
  });
  // Wait until the target's function instances exist, so the interrupt lands mid-run.
  const tree = await eventually(() => {
    const pids = descendants(run.child.pid!);
    const hasInstances = pids.some((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('aws-lambda-ric');
      } catch {
        return false;
      }
    });
    return hasInstances ? pids : undefined;
  }, 'function instances to start');
  run.child.kill('SIGINT');
  const code = await Promise.race([
    run.exited,
    new Promise<string>((resolve) => setTimeout(() => resolve('still running 30 s after Ctrl-C'), 30_000)),
  ]);
  expect(code, run.output()).toBe(2);
  await allExited(tree, 'every process of the run to exit');
  // Anything but the report asked for and the compile caches of tsx and Playwright, which are meant
  // to outlive runs: our work dirs, and the trace staging dirs Playwright leaves when a worker is
  // killed mid-trace.
  const kept = /^(report|tsx-\d+|playwright-transform-cache(-\d+)?)$/;
  const leftovers = readdirSync(privateTmp).filter((name) => !kept.test(name));
  rmSync(privateTmp, { recursive: true, force: true });
  expect(leftovers, 'temp dirs left behind').toEqual([]);
});

test('Ctrl-C at the terminal as the reference target boots ends the run quietly and leaves nothing', async () => {
  const privateTmp = mkdtempSync(join(tmpdir(), 'lsc-interrupt-tmp-'));
  // A terminal's Ctrl-C goes to its foreground process group: lsc and what it started in that group.
  const child = spawn(process.execPath, [lsc, 'run', '--grep', 'SSE-001 ', '--report', join(privateTmp, 'report')], {
    cwd: root,
    env: cleanEnv({ TMPDIR: privateTmp }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const isInstance = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('aws-lambda-ric');
    } catch {
      return false;
    }
  };
  // The emulator, started with Playwright's runner, is starting its instances (the last part of its
  // boot) while the runner collects the cases or has reached global setup and waits for it.
  const tree = await eventually(() => {
    const pids = descendants(child.pid!);
    return pids.some(isInstance) ? pids : undefined;
  }, 'the reference emulator to start its instances');
  process.kill(-child.pid!, 'SIGINT');
  const code = await Promise.race([
    exited,
    new Promise<string>((resolve) => setTimeout(() => resolve('still running 30 s after Ctrl-C'), 30_000)),
  ]);
  expect(code, output).toBe(2);
  expect(output).toContain('lsc: interrupted');
  // The interrupt is the whole story: no boot failure, though the emulator got the signal as well.
  expect(output).not.toMatch(/failed to boot|Error/);
  await allExited([...tree, ...descendants(child.pid!)], 'every process of the run to exit');
  const kept = /^(report|tsx-\d+|playwright-transform-cache(-\d+)?)$/;
  const leftovers = readdirSync(privateTmp).filter((name) => !kept.test(name));
  rmSync(privateTmp, { recursive: true, force: true });
  expect(leftovers, 'temp dirs left behind').toEqual([]);
});

test('Ctrl-C while rie-container boots removes its containers and image', async () => {
  const { RieContainerTarget } = await import('../../harness/targets/rie-container.ts');
  const missing = new RieContainerTarget().missing();
  if (missing && !process.env.CI) test.skip(true, `rie-container cannot run here: ${missing}`);
  const Docker = (await import('dockerode')).default;
  const docker = new Docker();
  const privateTmp = mkdtempSync(join(tmpdir(), 'lsc-interrupt-tmp-'));
  const run = await startLsc(
    ['run', '--target', 'rie-container', '--report', join(privateTmp, 'report')],
    /Running \d+ tests?|controls/,
    60_000,
  );
  // Ours are the containers whose owner is a process of this run.
  const ours = async () => {
    const tree = new Set(descendants(run.child.pid!).map(String));
    return (await docker.listContainers({ all: true, filters: { label: ['lsc.owner-pid'] } })).filter((c) =>
      tree.has(c.Labels['lsc.owner-pid'] ?? ''),
    );
  };
  let seen: Array<{ Id: string; ImageID: string }> = [];
  for (let attempt = 0; attempt < 300 && seen.length < 3; attempt++) {
    seen = await ours();
    if (seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(seen.length, 'containers started before the interrupt').toBeGreaterThanOrEqual(3);
  run.child.kill('SIGINT');
  expect(await run.exited).toBe(2);
  rmSync(privateTmp, { recursive: true, force: true });
  const left = await Promise.all(
    seen.map((c) =>
      docker
        .getContainer(c.Id)
        .inspect()
        .then(
          () => c.Id,
          () => undefined,
        ),
    ),
  );
  expect(left.filter(Boolean), 'containers left behind').toEqual([]);
  const image = await docker
    .getImage(seen[0]!.ImageID)
    .inspect()
    .then(
      () => seen[0]!.ImageID,
      () => undefined,
    );
  expect(image, 'image left behind').toBeUndefined();
});

test('Ctrl-C while SAM serves a stream removes its containers, image and processes', async () => {
  test.setTimeout(180_000);
  const { SamTarget } = await import('../../harness/targets/sam.ts');
  const missing = new SamTarget().missing();
  if (missing && !process.env.CI) test.skip(true, `sam cannot run here: ${missing}`);
  const Docker = (await import('dockerode')).default;
  const docker = new Docker();
  const privateTmp = mkdtempSync(join(tmpdir(), 'lsc-interrupt-tmp-'));
  const run = await startLsc(
    ['run', '--target', 'sam', '--grep', 'SSE-001 ', '--report', join(privateTmp, 'report')],
    /Running \d+ tests?|controls/,
    60_000,
  );
  let seen: Array<{ Id: string; ImageID: string }> = [];
  try {
    // SAM creates the function's container itself; it inherits the run's labels from our image.
    const ours = async () => {
      const tree = new Set(descendants(run.child.pid!).map(String));
      return (await docker.listContainers({ all: true, filters: { label: ['lsc.owner-pid', 'sam.cli.container.type'] } })).filter((c) =>
        tree.has(c.Labels['lsc.owner-pid'] ?? ''),
      );
    };
    for (let attempt = 0; attempt < 600 && seen.length === 0; attempt++) {
      seen = await ours();
      if (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen.length, 'a SAM function container running before the interrupt').toBeGreaterThanOrEqual(1);
    const tree = descendants(run.child.pid!);
    run.child.kill('SIGINT');
    expect(await run.exited, run.output()).toBe(2);
    await allExited(tree, 'every process of the run (sam included) to exit');
    const left = await Promise.all(
      seen.map((c) =>
        docker
          .getContainer(c.Id)
          .inspect()
          .then(
            () => c.Id,
            () => undefined,
          ),
      ),
    );
    expect(left.filter(Boolean), 'containers left behind').toEqual([]);
    const image = await docker
      .getImage(seen[0]!.ImageID)
      .inspect()
      .then(
        () => seen[0]!.ImageID,
        () => undefined,
      );
    expect(image, 'image left behind').toBeUndefined();
  } finally {
    // Whatever the verdict, this test leaves nothing running.
    if (run.child.exitCode === null && run.child.signalCode === null) {
      for (const pid of [...descendants(run.child.pid!), run.child.pid!]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await run.exited;
    }
    for (const container of seen)
      await docker
        .getContainer(container.Id)
        .remove({ force: true })
        .catch(() => undefined);
    if (seen[0])
      await docker
        .getImage(seen[0].ImageID)
        .remove({ force: true })
        .catch(() => undefined);
    rmSync(privateTmp, { recursive: true, force: true });
  }
});
