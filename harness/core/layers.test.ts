import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { root } from './paths.ts';

// The folder layering README's "Layout" shows, lowest first: a folder may import only folders before
// it, so no two folders import each other and shared pieces never reach up.
const LAYERS = [
  'core',
  'template',
  'runtimes',
  'cases',
  'protocol',
  'observe',
  'verdict',
  'browser',
  'controls',
  'runners',
  'emulator',
  'rapid',
  'targets',
  'report',
  'repro',
  'playwright',
  'cli',
  'bench',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

test('every harness folder imports only the folders below it', () => {
  const harness = join(root, 'harness');
  const folders = readdirSync(harness, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  expect(
    folders.filter((folder) => !LAYERS.includes(folder)),
    'folders missing from the layering',
  ).toEqual([]);
  const upward: string[] = [];
  for (const file of sources(harness)) {
    const from = relative(harness, file).split('/')[0]!;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const to = relative(harness, resolve(dirname(file), specifier!)).split('/')[0]!;
      if (to !== from && LAYERS.indexOf(to) > LAYERS.indexOf(from)) upward.push(`${relative(root, file)} imports ${specifier}`);
    }
  }
  expect(upward, 'imports from a lower layer up to a higher one').toEqual([]);
});
