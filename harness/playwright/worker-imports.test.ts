import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { root } from '../core/paths.ts';

// Every Playwright worker loads the config and its spec files, with all they import statically,
// before its first case, and a dozen start at once on two cores. A package only some cases or only
// global setup need is loaded where it is used (README, "Where the time goes"): the manifest and
// template readers' YAML and schema libraries cost each worker about 0.2 CPU-s, the AWS signer and
// event-stream codec about 0.06 s more.
const WORKER_ENTRIES = ['playwright.config.ts', 'specs/conformance.spec.ts', 'specs/controls.spec.ts'];
const LOADED_BY_EVERY_WORKER = ['@playwright/test', 'eventsource-parser'];

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s*)?['"]([^'"]+)['"]/gm;

function packagesLoadedFrom(entries: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith('.')) {
        const target = resolve(dirname(file), specifier!);
        if (existsSync(target)) visit(target);
      } else if (!specifier!.startsWith('node:') && !packages.has(specifier!)) packages.set(specifier!, relative(root, file));
    }
  };
  for (const entry of entries) visit(resolve(root, entry));
  return packages;
}

test('a worker loads no package at start that only some cases or global setup need', () => {
  const extra = [...packagesLoadedFrom(WORKER_ENTRIES)]
    .filter(([name]) => !LOADED_BY_EVERY_WORKER.includes(name))
    .map(([name, importer]) => `${name} (imported by ${importer})`);
  expect(extra, 'packages every worker would load before its first case').toEqual([]);
});

test('the import walk sees packages', () => {
  // The rule above is only as good as the walk: the global setup's graph does load these.
  const packages = packagesLoadedFrom(['harness/playwright/global-setup.ts']);
  expect([...packages.keys()]).toEqual(expect.arrayContaining(['yaml', 'zod']));
});

test('the command line and global setup load the Docker client only when a container target needs it', () => {
  // dockerode with ssh2, gRPC and protobufjs: about 0.12 s in each process, before every run's first case.
  const packages = packagesLoadedFrom(['harness/cli/main.ts', 'harness/cli/commands/run.ts', 'harness/playwright/global-setup.ts']);
  expect([...packages.keys()]).not.toContain('dockerode');
  expect([...packages.keys()]).toContain('yaml');
});
