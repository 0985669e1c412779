import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

describe('login page in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('a visitor sees the portal frame, types an ID and reaches step 2; no CSP violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(app.baseUrl + '/');
    await assert.doesNotReject(page.getByText('SELAMAT DATANG KE PORTAL iSPEKS', { exact: true }).waitFor());
    assert.ok(await page.getByText('Pengenalan', { exact: true }).isVisible());
    assert.ok(await page.getByText('Makluman', { exact: true }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Login Kali Pertama' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Lupa Kata Laluan' }).isVisible());
    await page.screenshot({ path: artifactPath('login-page.png'), fullPage: true });

    await page.getByLabel('ID Pengguna').fill('610512-06-7890');
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByLabel('Kata Laluan').waitFor();
    assert.ok(await page.getByText('Frasa Rahsia :').isVisible());
    assert.equal(await page.getByLabel('ID Pengguna').inputValue(), '610512067890');
    // Phone width: the frame still fits without a horizontal scrollbar.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 1, `page overflows a phone screen by ${overflow}px`);
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  test('the English switch changes what the user reads', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.baseUrl + '/');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByText('WELCOME TO PORTAL iSPEKS', { exact: true }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Next' }).isVisible());
    await context.close();
  });
});
