import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser, logIn } from '../helpers/browser.js';

const skip = browserSkipReason();

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the portal in Chromium: dashboard, payslip, PDF, EC and eMaklum', { skip }, () => {
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

  test('a signed-in employee walks from the dashboard to a payslip, its PDF, the EC and eMaklum', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await logIn(page, app.baseUrl, DEMO.activeEmployee.ic);
    await page.getByRole('heading', { name: 'Laman Utama', level: 1 }).waitFor();

    // Dashboard
    assert.ok(await page.getByRole('heading', { name: 'Maklumat Pinjaman' }).isVisible());
    assert.ok(await page.getByRole('heading', { name: /Permohonan Waran Udara/ }).isVisible());
    assert.ok(await page.getByRole('img', { name: /Pecahan Permohonan Mengikut Modul/ }).isVisible());
    assert.ok(await page.getByText('Sumber : Sistem Perakaunan Akruan Kerajaan Negeri (iSPEKS)').isVisible());
    // The chart's table opens without script.
    await page.getByText('Data carta dalam bentuk jadual').click();
    assert.ok(await page.getByRole('cell', { name: /AC – Permohonan Tuntutan Pendahuluan/ }).isVisible());
    await page.screenshot({ path: artifactPath('dashboard.png'), fullPage: true });

    // ePayslip: the menu, then a month
    await page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: 'ePayslip' })
      .click();
    await page.getByRole('heading', { name: 'ePayslip: Slip Gaji' }).waitFor();
    const firstMonth = page.locator('table tbody th a').first();
    const monthLabel = (await firstMonth.textContent())!.trim();
    await firstMonth.click();
    await page.getByRole('heading', { name: `Slip Gaji Bulan ${monthLabel}` }).waitFor();
    const net = (await page.locator('[data-net-pay]').textContent())!.trim();
    assert.match(net, /^RM [\d,]+\.\d{2}$/);
    assert.ok(await page.getByRole('heading', { name: 'Pendapatan' }).isVisible());
    assert.ok(await page.getByRole('heading', { name: 'Potongan' }).isVisible());
    assert.ok(
      await page.getByRole('button', { name: 'Cetak' }).isVisible(),
      'the print button shows when JS runs',
    );
    await page.screenshot({ path: artifactPath('payslip.png'), fullPage: true });

    // Its PDF, as a download
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Muat Turun PDF' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^slip-gaji-\d{4}-\d{2}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.ok(bytes.length > 1500);

    // The print stylesheet: in print media the menu and buttons go, the payslip stays.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.topnav').isVisible(), false);
    assert.equal(await page.getByRole('link', { name: 'Muat Turun PDF' }).isVisible(), false);
    assert.ok(await page.locator('[data-net-pay]').isVisible());
    await page.emulateMedia({ media: 'screen' });

    // Phone width: the payslip fits without a horizontal scrollbar
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok((await overflow(page)) <= 1, `the payslip overflows a phone by ${await overflow(page)}px`);
    assert.ok(await page.locator('[data-net-pay]').isVisible());
    await page.screenshot({ path: artifactPath('payslip-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // eEC for the payslip's year
    const year = monthLabel.split(' ').pop()!;
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'eEC' }).click();
    // A final EC once December is published, an interim statement before (DESIGN 1.7).
    await page.getByRole('link', { name: new RegExp(`^Lihat (Borang EC|Penyata Interim) ${year}$`) }).click();
    await page.getByRole('heading', { name: 'PENYATA GAJI PEKERJA AGENSI KERAJAAN' }).waitFor();
    assert.ok(
      await page
        .getByText(`PENYATA SARAAN DARIPADA PENGGAJIAN BAGI TAHUN BERAKHIR 31 DISEMBER ${year}`)
        .isVisible(),
    );
    assert.match((await page.locator('[data-ec-section="B"]').textContent())!, /^RM [\d,]+\.\d{2}$/);
    await page.screenshot({ path: artifactPath('eec.png'), fullPage: true });

    // eMaklum with a status filter
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'eMaklum' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Diterima oleh bank' });
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(/status=RECEIVED_BY_BANK/);
    const badges = await page.locator('table .badge').allTextContents();
    assert.ok(badges.length > 0);
    assert.ok(
      badges.every((b) => b.trim() === 'Diterima oleh bank'),
      badges.join(','),
    );
    await page.screenshot({ path: artifactPath('emaklum.png'), fullPage: true });
    // and a reference search that finds one voucher
    const voucher = (await page.locator('table tbody a').first().textContent())!.trim();
    await page.getByLabel('No. Baucar / Rujukan').fill(voucher.slice(-6));
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(/rujukan=/);
    assert.ok(await page.getByRole('link', { name: voucher }).isVisible());

    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  test('with JavaScript off and on a phone, every portal page is usable and fits the screen', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await logIn(page, app.baseUrl, DEMO.activeEmployee.ic);
    await page.getByRole('heading', { name: 'Laman Utama', level: 1 }).waitFor();
    for (const path of [
      '/laman-utama',
      '/laman-utama/pinjaman',
      '/epayslip',
      '/eec',
      '/emaklum',
      '/permohonan',
      '/muat-turun',
    ]) {
      await page.goto(app.baseUrl + path);
      assert.ok((await overflow(page)) <= 1, `${path} overflows a phone by ${await overflow(page)}px`);
    }
    // A payslip without JS: complete, and the print button (which needs JS) is hidden.
    await page.goto(app.baseUrl + '/epayslip');
    await page.locator('table tbody th a').first().click();
    assert.ok(await page.locator('[data-net-pay]').isVisible());
    assert.equal(await page.getByRole('button', { name: 'Cetak' }).isVisible(), false);
    assert.ok((await overflow(page)) <= 1);
    await page.goto(app.baseUrl + '/laman-utama');
    await page.screenshot({ path: artifactPath('dashboard-phone.png'), fullPage: true });
    // eMaklum filter without JS: the form is a plain GET.
    await page.goto(app.baseUrl + '/emaklum');
    await page.getByLabel('Status', { exact: true }).selectOption('BANK_FAILED');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(/status=BANK_FAILED/);
    assert.ok((await overflow(page)) <= 1);
    await context.close();
  });

  test('a company account lands on eMaklum and sees only it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.baseUrl + '/');
    await page.getByLabel('ID Pengguna').fill(DEMO.company.companyId);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByLabel('Kata Laluan').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('heading', { name: 'eMaklum: Maklumat Status Pembayaran' }).waitFor();
    const menu = await page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link')
      .allTextContents();
    assert.deepEqual(
      menu.map((m) => m.trim()),
      ['eMaklum'],
    );
    const res = await page.goto(app.baseUrl + '/epayslip');
    assert.equal(res?.status(), 403);
    await context.close();
  });
});
