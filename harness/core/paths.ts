import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installation's root: fixtures, functions, specs and the Playwright config live below it. */
export const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
