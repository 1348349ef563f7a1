import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags that keep a system Chromium quiet and off the network during a run. */
const QUIET_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Which Chromium to launch: LSC_CHROMIUM if set, else Playwright's own download when present
 * (`npx playwright install chromium`), else a system Chromium. Detected, never hard-coded.
 */
export function chromiumExecutable(): string | undefined {
  if (process.env.LSC_CHROMIUM) return process.env.LSC_CHROMIUM;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // Playwright throws when it has no browser registry entry; fall through to the system one.
  }
  return SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
}

export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = chromiumExecutable();
  return executablePath ? { executablePath, args: QUIET_FLAGS } : { args: QUIET_FLAGS };
}
