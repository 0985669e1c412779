/**
 * Issue 14 items 1-4 in Chromium, acting as the person does: an interrupted activation resumed
 * with the same temporary password, an expired one pointing to Login Kali Pertama; a deep link
 * kept through login; the warning before the idle timeout (keyboard, no loss of typed text);
 * "Anda telah log keluar" after logout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO, DEMO_PASSWORD, DEMO_TEMP_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser, logIn, watchCsp } from '../helpers/browser.js';
import { issueTemporaryPassword } from '../auth/support.js';

const skip = browserSkipReason();

describe('people journeys in Chromium (issue 14 items 1-4)', { skip }, () => {
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

  test('an interrupted activation: the browser closed on /pengaktifan, the same temporary password reaches it again', async () => {
    const p = DEMO.pendingEmployee;
    const first = await browser.newContext();
    const page1 = await first.newPage();
    await page1.goto(app.baseUrl + '/');
    await logIn(page1, app.baseUrl, p.ic, { password: DEMO_TEMP_PASSWORD, here: true });
    await page1.getByRole('heading', { name: 'Maklumat Pendaftaran Baru' }).waitFor();
    await first.close(); // the browser is closed mid-activation

    const second = await browser.newContext();
    const page = await second.newPage();
    const csp = watchCsp(page);
    await page.goto(app.baseUrl + '/');
    await page.getByLabel('ID Pengguna').fill(p.ic);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    // The temporary-password step: "Login" and "Keluar", as in the manual.
    assert.ok(await page.getByRole('link', { name: 'Keluar' }).isVisible());
    await page.getByLabel('Kata Laluan', { exact: true }).fill(DEMO_TEMP_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('heading', { name: 'Maklumat Pendaftaran Baru' }).waitFor();
    assert.match(await page.title(), /^Maklumat Pendaftaran Baru – Portal iSPEKS$/);
    assert.ok(
      await page.getByText('sesi anda tamat selepas 15 minit tanpa aktiviti', { exact: false }).isVisible(),
    );
    assert.deepEqual(csp, []);
    await second.close();
  });

  test('an expired temporary password says so, and its link opens Login Kali Pertama', async () => {
    const p = DEMO.firstTimeEmployee;
    const temp = await issueTemporaryPassword(app, p.ic, p.email);
    await app
      .db('accounts')
      .where('login_id', p.ic)
      .update({ temp_password_expires_at: app.db.raw("now() - interval '1 minute'") });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.baseUrl + '/');
    await logIn(page, app.baseUrl, p.ic, { password: temp, here: true });
    await page.getByText('Kata laluan sementara ini telah tamat tempoh.', { exact: false }).first().waitFor();
    assert.match(await page.title(), /^Ralat: Log Masuk – Portal iSPEKS$/);
    await page.screenshot({ path: artifactPath('people-temporary-expired.png'), fullPage: true });
    await page.locator('[data-temporary-gone]').getByRole('link', { name: 'Login Kali Pertama' }).click();
    await page.getByRole('heading', { name: 'Pengaktifan ID Pengguna' }).waitFor();
    await context.close();
  });

  test('a deep link: signed out, /epayslip/2026/11 → the login page says why → after login, that payslip; logout says "Anda telah log keluar"', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const csp = watchCsp(page);
    await page.goto(app.baseUrl + '/epayslip/2026/11');
    await page.getByText('Sila log masuk untuk membuka halaman yang anda minta.', { exact: false }).waitFor();
    await page.screenshot({ path: artifactPath('people-deep-link-login.png'), fullPage: true });
    await logIn(page, app.baseUrl, DEMO.activeEmployee.ic, { password: DEMO_PASSWORD, here: true });
    await page.waitForURL(/\/epayslip\/2026\/11$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(await page.title(), / – Portal iSPEKS$/);

    await page.getByRole('button', { name: 'Log Keluar' }).click();
    await page.getByText('Anda telah log keluar.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    await page.screenshot({ path: artifactPath('people-logged-out.png'), fullPage: true });
    assert.deepEqual(csp, []);
    await context.close();
  });

  test('the idle warning: two minutes before, a dialog with the focus on "Kekal log masuk"; Enter keeps the session and what was typed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const csp = watchCsp(page);
    await page.clock.install();
    await page.goto(app.baseUrl + '/');
    await logIn(page, app.baseUrl, DEMO.activeEmployee.ic, { password: DEMO_PASSWORD, here: true });
    await page.waitForURL(/\/laman-utama$/);
    await page.goto(app.baseUrl + '/profil/soalan');
    await page.getByLabel('Jawapan 1').fill('Jalan Melati');
    const dialog = page.getByRole('alertdialog', { name: 'Sesi anda akan tamat' });
    assert.equal(await dialog.isVisible(), false);

    await page.clock.fastForward('12:30');
    assert.equal(await dialog.isVisible(), false, 'not yet: more than two minutes left');
    await page.clock.fastForward('01:00');
    await dialog.waitFor();
    assert.ok(await dialog.getByText('Anda akan dilog keluar dalam masa 2 minit').isVisible());
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(focused, 'Kekal log masuk');
    await page.screenshot({ path: artifactPath('people-idle-warning.png'), fullPage: true });

    const renewed = page.waitForResponse((r) => r.url().endsWith('/sesi/lanjut') && r.status() === 200);
    await page.keyboard.press('Enter');
    await renewed;
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.getByLabel('Jawapan 1').inputValue(), 'Jalan Melati');
    assert.match(page.url(), /\/profil\/soalan$/);

    // Unanswered this time: at the end the page says the session ended.
    await page.clock.fastForward('13:30');
    await dialog.waitFor();
    await page.clock.fastForward('02:00');
    await page.waitForURL(/\/sesi-tamat$/);
    await page.getByRole('heading', { name: 'Sesi telah tamat' }).waitFor();
    assert.deepEqual(csp, []);
    await context.close();
  });
});
