import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { translate, type Locale } from '../../src/core/i18n/index.js';

export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../test-artifacts');

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/**
 * Why browser tests are skipped, or false to run them. Under CI=true a missing Chromium is a
 * failure, not a skip: the caller asserts on it.
 */
export function browserSkipReason(): string | false {
  if (chromiumPath()) return false;
  if (process.env.CI === 'true')
    throw new Error('CI=true but no Chromium found (install Debian chromium or set CHROMIUM_PATH)');
  const reason = 'NOTICE: browser tests skipped — no Chromium at /usr/bin/chromium (set CHROMIUM_PATH)';
  process.stderr.write(`${reason}\n`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, name);
}

/**
 * Both login steps as a person does them: types the ID, clicks "Seterusnya", types the password,
 * clicks "Login", by the labels the page shows in its language (`locale`: Malay unless given).
 * Returns when the page the login brings has loaded;
 * the caller checks where it landed (a locked account stays on the login page).
 */
export async function logIn(
  page: Page,
  baseUrl: string,
  loginId: string,
  options: { password?: string; locale?: Locale; here?: boolean } = {},
): Promise<void> {
  const t = (key: string) => translate(options.locale ?? 'ms', key);
  // `here`: on the login page already open (a deep link's, which returns to the page asked for).
  if (!options.here) await page.goto(baseUrl + '/');
  await page.getByLabel(t('auth.login.id')).fill(loginId);
  await page.getByRole('button', { name: t('auth.login.next') }).click();
  await page.getByLabel(t('auth.login.password'), { exact: true }).fill(options.password ?? DEMO_PASSWORD);
  // The form's POST is a navigation of its own (its redirect included): wait for the page it
  // brings, so that the caller reads where the login landed, not the login page before it.
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    page.getByRole('button', { name: t('auth.login.submit') }).click(),
  ]);
}

/** Collects the Content Security Policy violations the page reports on its console. */
export function watchCsp(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}
