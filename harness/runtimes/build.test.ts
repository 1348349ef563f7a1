import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HarnessError } from '../core/errors.ts';
import type { FunctionSpec } from '../template/function-spec.ts';
import { buildFunctions, toolchainMissing } from './build.ts';

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lsc-build-test-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function goFunction(name: string, source: string): FunctionSpec {
  const moduleDir = join(dir, name);
  mkdirSync(join(moduleDir, 'cmd'), { recursive: true });
  writeFileSync(join(moduleDir, 'go.mod'), 'module example.com/fixture\n\ngo 1.21\n');
  writeFileSync(join(moduleDir, 'cmd', 'main.go'), source);
  const packageDir = join(moduleDir, 'cmd');
  return {
    name,
    runtime: 'provided.al2023',
    language: 'go',
    build: { kind: 'go', packageDir },
    handler: 'bootstrap',
    codeUri: packageDir,
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    apiEvents: [],
  };
}

test('a compiled function is built once into the cache, again only when its sources change, and the old build goes', () => {
  test.skip(toolchainMissing('go') !== undefined, `go is needed: ${toolchainMissing('go')}`);
  const cache = join(dir, 'cache');
  const fn = goFunction('Cached', 'package main\n\nfunc main() {}\n');
  const built: string[] = [];
  const [first] = buildFunctions([fn], cache, (line) => built.push(line));
  expect(existsSync(join(first!.codeUri, 'bootstrap'))).toBe(true);
  const [second] = buildFunctions([fn], cache, (line) => built.push(line));
  expect(second!.codeUri, 'the same sources give the same artefact').toBe(first!.codeUri);
  expect(built).toHaveLength(1);
  writeFileSync(join(fn.codeUri, 'main.go'), 'package main\n\nfunc main() { println() }\n');
  const [third] = buildFunctions([fn], cache, (line) => built.push(line));
  expect(third!.codeUri, 'a changed source is a new artefact').not.toBe(first!.codeUri);
  expect(built).toHaveLength(2);
  expect(existsSync(first!.codeUri), 'the build of the old sources is pruned').toBe(false);
});

test('a build that fails is one line naming the function, the command and the compiler', () => {
  test.skip(toolchainMissing('go') !== undefined, `go is needed: ${toolchainMissing('go')}`);
  const fn = goFunction('Broken', 'package main\n\nfunc main() { undefinedThing() }\n');
  let error: unknown;
  try {
    buildFunctions([fn], join(dir, 'cache'));
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(HarnessError);
  const message = (error as Error).message;
  expect(message).toMatch(/^building Broken \(go\) failed: .*undefined: undefinedThing.*\(command: go build .*\)$/);
  expect(message).not.toContain('\n');
});
