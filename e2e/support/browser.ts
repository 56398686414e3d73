import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './server';

/** Debian's Chromium (apt-get install chromium); Playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launch flags that work in the sandboxed CI container (stack-notes §5). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The laptop the product must be usable on. */
export const LAPTOP_VIEWPORT = { width: 1366, height: 768 };

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results');

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/**
 * Browser journeys skip when Chromium is absent, except where TIENDO_REQUIRE_BROWSER=1 (CI): there a missing
 * browser must fail the run, not pass it silently.
 */
export function shouldSkipBrowserTests(): boolean {
  return !hasChromium() && process.env.TIENDO_REQUIRE_BROWSER !== '1';
}

export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium()) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (TIENDO_REQUIRE_BROWSER=1): apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Saves a screenshot to test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Demo standing-office account (created by `serve --demo`; see docs/demo-accounts.md). */
export const DEMO_OFFICER = { login: 'thuongtruc', password: 'Demo@2025' };

/** Signs in through the login page the app shows to a visitor without a session. */
export async function signIn(page: Page, baseUrl: string, account = DEMO_OFFICER) {
  await page.goto(baseUrl);
  await page.getByTestId('login-name').fill(account.login);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').waitFor({ timeout: 30_000 });
}
