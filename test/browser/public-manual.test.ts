/**
 * Issue 14 item 11: a user whose first-time login fails opens the user manual from the Makluman
 * beside the form, signed out, and gets the PDF.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.js';
import { poppler } from '../portal/pdf-tools.js';

const skip = browserSkipReason();

/** Clicks a link that downloads a file and returns the file's bytes and suggested name. */
async function download(page: Page, linkName: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const where = await file.path();
  return { name: file.suggestedFilename(), body: readFileSync(where) };
}

describe('the public user manual in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp({ sender: false });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('a failed first-time login, then the manual from the Makluman, signed out', async () => {
    const p = DEMO.outdatedEmailEmployee;
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(app.baseUrl + '/');
    assert.ok(
      await page
        .getByText(
          'Manual Pengguna Modul Portal iSPEKS boleh didapati di MUAT TURUN > iSPEKS > Manual Sistem iSPEKS > 8. Portal.',
        )
        .isVisible(),
    );
    await page.getByRole('link', { name: 'Login Kali Pertama' }).click();
    await page.getByLabel('No Pengenalan / ID Syarikat').fill(p.ic);
    // The official address, which the payroll module does not hold yet: first-time login fails.
    await page.getByLabel('Emel', { exact: true }).fill(p.officialEmail);
    await page.getByRole('button', { name: 'Hantar' }).click();
    await page.getByText('Maklumat yang dimasukkan tidak sepadan dengan rekod.', { exact: false }).waitFor();
    assert.equal(new URL(page.url()).pathname.startsWith('/login-kali-pertama'), true);

    const manual = await download(page, 'Buka Manual Pengguna Portal iSPEKS (PDF)');
    assert.equal(manual.name, 'manual-pengguna-portal-ispeks.pdf');
    assert.equal(manual.body.subarray(0, 5).toString(), '%PDF-');
    const file = artifactPath('manual-from-login-page.pdf');
    writeFileSync(file, manual.body);
    const info = await poppler('pdfinfo', [file]);
    assert.match(info, /^Title:\s+Manual Pengguna Portal iSPEKS$/m);
    assert.match(info, /^Tagged:\s+yes$/m);
    const text = (await poppler('pdftotext', [file, '-'])).replace(/\s+/g, ' ');
    assert.ok(text.includes('3. Login Kali Pertama (Pengaktifan ID Pengguna)'));
    // Still signed out: nobody logged in to get it.
    assert.equal(
      (await context.cookies()).some((c) => c.name === 'ispeks.sid'),
      false,
    );
    await context.close();
  });

  test('in English, the link says so and gives the same manual', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(app.baseUrl + '/');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByText('WELCOME TO PORTAL iSPEKS', { exact: true }).waitFor();
    const manual = await download(page, 'Open the Portal iSPEKS User Manual (PDF)');
    assert.equal(manual.body.subarray(0, 5).toString(), '%PDF-');
    await context.close();
  });
});
