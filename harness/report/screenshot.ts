/**
 * Renders a report page in Chromium and saves a screenshot, for the README and for checking that the
 * page reads well on a laptop screen: `node --import tsx harness/report/screenshot.ts REPORT.html OUT.png [CSS selector]`.
 */
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../browser/chromium.ts';

const [file, out, selector] = process.argv.slice(2);
if (!file || !out) {
  console.error('usage: screenshot.ts REPORT.html OUT.png [CSS selector]');
  process.exit(3);
}
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`file://${resolve(file)}`);
  if (selector) await page.locator(selector).first().screenshot({ path: out });
  else await page.screenshot({ path: out });
} finally {
  await browser.close();
}
