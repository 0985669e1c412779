import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from '../../seeds/index.js';
import { SAMPLE_TODAY } from '../../seeds/payroll-sample.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser } from '../helpers/browser.js';

const skip = browserSkipReason();

/** Waits for a notice the user reads; on failure the error shows what the page said instead. */
async function see(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
  } catch {
    const main = await page
      .locator('main')
      .innerText()
      .catch(() => '(no main)');
    assert.fail(
      `expected the notice ${String(text)} on ${page.url()}; the page says:\n${main.slice(0, 1500)}`,
    );
  }
}

/**
 * Issue 12: a late joiner has no December payslip when the month is published; the payroll officer
 * sees them on the publication page, publishes, then adds their payslip with a supplementary
 * import and publishes it on its own, all by clicking what a user sees.
 */
describe('supplementary payroll import in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  const joiner = { ic: '990101105531', name: 'Amirul Danial bin Musa', payrollNo: '12990001' };

  before(async () => {
    app = await startTestApp();
    await seedDemo(app.database.owner, { today: SAMPLE_TODAY }); // the demo seed runs as the owner role
    const dept = await app.db('departments').where('code', DEMO_STAFF.payroll.departmentCode).first('id');
    await app.db('employees').insert({
      ic_no: joiner.ic,
      payroll_no: joiner.payrollNo,
      name: joiner.name,
      email: 'amiruldanial.musa@selangor.gov.my',
      department_id: dept.id,
      position: 'Pembantu Tadbir (Perkeranian/Operasi)',
      grade: 'N19',
      service_scheme: 'Perkhidmatan Pentadbiran dan Sokongan',
      bank_name: 'Maybank',
      bank_account: '512345678901',
      kwsp_no: '21234567',
      is_pensionable: false,
      start_date: '2026-12-01',
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('the officer publishes December, sees the late joiner without a payslip, then adds and publishes it alone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.baseUrl + '/');
    await page.getByLabel('ID Pengguna').fill(DEMO_STAFF.payroll.ic);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByLabel('Kata Laluan', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForLoadState('domcontentloaded');
    await page.goto(app.baseUrl + '/pentadbir');
    await page.getByRole('link', { name: 'Import Gaji Bulanan' }).first().click();

    // Publish December: the page names the late joiner, who has no payslip.
    await page
      .getByRole('row', { name: /Disember 2026/ })
      .getByRole('link', { name: /Terbitkan/ })
      .click();
    await page
      .getByRole('heading', { name: /1 pekerja dalam perkhidmatan tiada slip gaji bagi Disember 2026/ })
      .waitFor();
    assert.ok(await page.getByRole('cell', { name: joiner.name }).isVisible());
    await page.getByRole('button', { name: 'Terbitkan 49 slip gaji Disember 2026' }).click();
    await see(page, '49 slip gaji bagi Disember 2026 telah diterbitkan.');

    // The supplementary import: one payslip, for the employee with none.
    const rows = [
      ['GAJI', '1907.40'],
      ['ITKA', '160.00'],
      ['BSH', '350.00'],
      ['ELPR', '250.00'],
      ['KWSP', '210.00'],
      ['PERKESO', '13.35'],
    ].map(
      ([code, amount]) =>
        `2026,12,2026-12-25,${joiner.ic},${joiner.payrollNo},${joiner.name},${DEMO_STAFF.payroll.departmentCode},Pembantu Tadbir (Perkeranian/Operasi),N19,512345678901,${code},,${amount}`,
    );
    const csv =
      'tahun,bulan,tarikh_bayar,no_kp,no_gaji,nama,kod_jabatan,jawatan,gred,no_akaun,kod,keterangan,amaun\n' +
      rows.join('\n') +
      '\n';
    await page
      .getByLabel('Fail CSV')
      .setInputFiles({ name: 'tambahan-disember.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Muat Naik dan Semak' }).click();
    await page.getByText('Tiada ralat ditemui.', { exact: false }).waitFor();
    assert.equal(await page.getByText('Slip Gaji Pindaan').count(), 0, 'nothing published is corrected');
    await page.screenshot({ path: artifactPath('staff-import-supplementary.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sahkan Import' }).click();
    await see(page, 'Import berjaya: 1 slip gaji (6 baris) bagi Disember 2026');

    // Published on its own: the page now offers just that one, and nobody is missing.
    await page
      .getByRole('row', { name: /Disember 2026/ })
      .getByRole('link', { name: /Terbitkan/ })
      .click();
    await page.getByText('Setiap pekerja dalam perkhidmatan mempunyai slip gaji bagi bulan ini.').waitFor();
    await page.getByRole('button', { name: 'Terbitkan 1 slip gaji Disember 2026' }).click();
    await see(page, '1 slip gaji bagi Disember 2026 telah diterbitkan.');
    await page.screenshot({ path: artifactPath('staff-import-supplementary-published.png'), fullPage: true });

    const slip = await app
      .db('payslips as p')
      .join('employees as e', 'e.id', 'p.employee_id')
      .where({ 'e.ic_no': joiner.ic, 'p.year': 2026, 'p.month': 12 })
      .first('p.published_at');
    assert.ok(slip?.published_at instanceof Date, 'the late joiner’s payslip is published');
    await context.close();
  });
});
