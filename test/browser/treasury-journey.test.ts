import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

/** Issue 12 item 5: a treasury officer uploads a status file through the page; the payee’s email arrives. */
describe('the eMaklum status feed in Chromium', { skip }, () => {
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

  test('a treasury officer uploads a status file, checks the preview, confirms, and the payee’s email is in the catcher', async () => {
    const [first, second] = await app
      .db('payments')
      .where({ payee_id_no: DEMO.activeEmployee.ic, status: 'SENT_TO_BANK', method: 'EFT' })
      .orderBy('id')
      .pluck<string[]>('voucher_no');
    assert.ok(first && second);
    const today = (
      await app.db.raw<{ rows: { d: string }[] }>(
        `SELECT to_char(now() AT TIME ZONE 'Asia/Kuala_Lumpur', 'DD/MM/YYYY') AS d`,
      )
    ).rows[0]!.d;
    const csv = [
      'no_baucar,status_baru,tarikh_status,rujukan_bank,sebab_gagal',
      `${first},Diterima oleh bank,${today},MBB-778812,`,
      `${second},BANK_FAILED,${today},,No. akaun tidak sah`,
    ].join('\r\n');

    const context = await browser.newContext();
    const page = await context.newPage();
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(app.baseUrl + '/');
    await page.getByLabel('ID Pengguna').fill(DEMO.treasuryOfficer.ic);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByLabel('Kata Laluan', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/laman-utama$/);
    await page.getByRole('link', { name: 'Pengurusan Pentadbir' }).first().click();
    await page.getByRole('link', { name: 'Status Pembayaran (eMaklum)' }).first().click();
    await page
      .getByLabel('Fail status (CSV)')
      .setInputFiles({ name: 'status-bank.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Muat Naik dan Semak' }).click();
    await page.getByText('Fail ini sah.', { exact: false }).waitFor();
    assert.equal(await page.locator('[data-change]').count(), 2);
    await page.screenshot({ path: artifactPath('treasury-preview.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sahkan Kemas Kini Status' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Status dikemas kini: 2 pembayaran berubah; 1 emel' })
      .waitFor();

    const email = await app.smtp.waitFor(
      (m) =>
        m.to.includes(DEMO.activeEmployee.email) &&
        m.subject.includes('status pembayaran anda telah berubah'),
      15_000,
    );
    assert.ok(email.text.includes(first) && email.text.includes(second));
    assert.ok(email.text.includes('Diterima oleh bank') && email.text.includes('No. akaun tidak sah'));
    assert.equal(
      app.smtp.messages.filter((m) => m.subject.includes('status pembayaran anda telah berubah')).length,
      1,
      'one email for the feed',
    );
    assert.deepEqual(csp, []);
    await context.close();
  });
});
