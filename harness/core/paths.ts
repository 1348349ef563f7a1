import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installation's root: fixtures, functions, specs and the Playwright config live below it. */
export const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/**
 * Where a run keeps what it builds and installs (compiled fixtures, the real emulators): the calling
 * project's `.lsc/` (the command line sets LSC_STATE_DIR from where it was started), never inside an
 * installed package; a checkout run without the command line keeps it in the checkout.
 */
export const stateDir = () => process.env.LSC_STATE_DIR ?? join(root, '.lsc');
