import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
