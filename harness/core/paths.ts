import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEnv } from './run-environment.ts';

/** The installation's root: fixtures, functions, specs and the Playwright config live below it. */
export const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/**
 * Where a run keeps what it builds and installs (compiled fixtures, the real emulators): the calling
 * project's `.lsc/` (the command line sets LSC_STATE_DIR from where it was started), never inside an
 * installed package; a checkout run without the command line keeps it in the checkout.
 */
export const stateDir = () => process.env.LSC_STATE_DIR ?? join(root, '.lsc');

/**
 * A scratch directory for one run's part (an image's build context, a generated project): inside the
 * run's work dir when the command line owns one, which it removes even when the runner is killed
 * mid-build; under the system's temp dir otherwise. The caller still removes it when done.
 */
export const scratchDir = (prefix: string): string => mkdtempSync(join(process.env[runEnv.workDir] ?? tmpdir(), prefix));
