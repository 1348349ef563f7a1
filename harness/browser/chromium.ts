import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HarnessError } from '../core/errors.ts';

// Loaded when asked for: the command line checks for a Chromium before it starts Playwright, and
// loading Playwright only to look for its own browser cost that process a third of a second.
const require = createRequire(import.meta.url);
const playwrightChromium = () => (require('@playwright/test') as typeof import('@playwright/test')).chromium;

/** Flags that keep a system Chromium quiet and off the network during a run. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

type Found = { executablePath?: string } | { missing: string };

function playwrightOwn(): string | undefined {
  try {
    const path = playwrightChromium().executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    // Playwright throws when it has no browser registry entry.
    return undefined;
  }
}

/**
 * Which Chromium to launch: LSC_CHROMIUM if set, else Playwright's own download when present
 * (`npx playwright install chromium`; no executablePath needed), else a system Chromium. Detected,
 * never hard-coded.
 */
function findChromium(): Found {
  const chosen = process.env.LSC_CHROMIUM;
  if (chosen) return existsSync(chosen) ? { executablePath: chosen } : { missing: `LSC_CHROMIUM=${chosen} does not exist` };
  if (playwrightOwn()) return {};
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system };
  let own = "Playwright's own Chromium";
  try {
    own = playwrightChromium().executablePath();
  } catch {
    // keep the generic name
  }
  return { missing: `looked for LSC_CHROMIUM, ${own} and ${SYSTEM_CANDIDATES.join(', ')}` };
}

export function chromiumExecutable(): string | undefined {
  const found = findChromium();
  return 'executablePath' in found ? found.executablePath : undefined;
}

/** One clear line before anything runs, instead of Playwright's download banner in the middle of a run. */
export function requireChromium(): void {
  // Any Chromium will do here; which one is launched is decided in the run itself.
  if (!process.env.LSC_CHROMIUM && SYSTEM_CANDIDATES.some((candidate) => existsSync(candidate))) return;
  const found = findChromium();
  if ('missing' in found) {
    throw new HarnessError(
      `no Chromium to run the browser cases: ${found.missing}. Install one (\`npx playwright install chromium\`, or Debian's \`apt-get install chromium\`) or point LSC_CHROMIUM at a Chromium executable`,
    );
  }
}

/**
 * One Chromium for the whole run, which every worker connects to. A Chromium per worker meant ten
 * launches at once when a run starts, and that storm on two cores delayed the first frames of the
 * timing cases running beside it by most of a second. Undefined when no Chromium is found: workers
 * then fail the browser cases with requireChromium's line.
 */
export async function startSharedChromium(): Promise<{ wsEndpoint: string; close: () => Promise<void> } | undefined> {
  if ('missing' in findChromium()) return undefined;
  const server = await playwrightChromium().launchServer({ ...chromiumLaunchOptions(), host: '127.0.0.1' });
  return { wsEndpoint: server.wsEndpoint(), close: () => server.close() };
}

export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = chromiumExecutable();
  return executablePath ? { executablePath, args: QUIET_FLAGS } : { args: QUIET_FLAGS };
}
