import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO, DEMO_SECRET_PHRASE, DEMO_SECURITY_ANSWERS } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, browserSkipReason, launchBrowser, watchCsp } from '../helpers/browser.js';

const skip = browserSkipReason();

describe('authentication journeys in Chromium', { skip }, () => {
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

  test('first-time login → temporary password by email → activation → logged out → phrase and image → dashboard says "Pendaftaran telah berjaya"', async () => {
    const p = DEMO.firstTimeEmployee;
    const context = await browser.newContext();
    const page = await context.newPage();
    const csp = watchCsp(page);
    await page.goto(app.baseUrl + '/');
    await page.getByRole('link', { name: 'Login Kali Pertama' }).click();
    await page.getByRole('heading', { name: 'Pengaktifan ID Pengguna' }).waitFor();
    await page
      .getByLabel('No Pengenalan / ID Syarikat')
      .fill(`${p.ic.slice(0, 6)}-${p.ic.slice(6, 8)}-${p.ic.slice(8)}`);
    await page.getByLabel('Emel', { exact: true }).fill(p.email);
    await page.getByRole('button', { name: 'Hantar' }).click();
    await page.getByText('Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.').waitFor();
    assert.ok(await page.getByText('Semak pada emel untuk mendapatkan kata laluan sementara').isVisible());
    await page.screenshot({ path: artifactPath('auth-first-time-sent.png'), fullPage: true });
    await page.getByRole('link', { name: 'Seterusnya' }).click();

    const email = await app.smtp.waitFor(
      (m) => m.to.includes(p.email) && m.subject.includes('Kata laluan sementara'),
    );
    const temp = /Kata laluan sementara: (\S+)/.exec(email.text)![1]!;

    await page.getByLabel('ID Pengguna').fill(p.ic);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByText('Akaun anda belum diaktifkan.', { exact: false }).waitFor();
    await page.getByLabel('Kata Laluan', { exact: true }).fill(temp);
    await page.getByRole('button', { name: 'Login' }).click();

    await page.getByRole('heading', { name: 'Maklumat Pendaftaran Baru' }).waitFor();
    assert.ok(await page.getByText(p.name).isVisible());
    assert.ok(await page.getByText(p.email).isVisible());
    // A first try with a common password: the message appears at the field.
    await page.getByLabel('Kata Laluan Baru', { exact: true }).fill('passwordpassword');
    await page.getByLabel('Sah Kata Laluan Baru').fill('passwordpassword');
    await page.getByRole('button', { name: 'Aktif' }).click();
    await page.locator('#newPassword-error').waitFor();
    assert.match(await page.locator('#newPassword-error').innerText(), /terlalu biasa/);

    const password = 'perahu layar di muara sungai';
    await page.getByLabel('Kata Laluan Baru', { exact: true }).fill(password);
    await page.getByLabel('Sah Kata Laluan Baru').fill(password);
    await page.getByLabel('Soalan 1').selectOption({ label: 'Apakah nama jalan rumah pertama anda?' });
    await page.getByLabel('Jawapan 1').fill('Jalan Kenanga');
    await page.getByLabel('Soalan 2').selectOption({ label: 'Apakah nama haiwan peliharaan pertama anda?' });
    await page.getByLabel('Jawapan 2').fill('Comel');
    await page.getByLabel('Soalan 3').selectOption({ label: 'Apakah jenama kereta pertama anda?' });
    await page.getByLabel('Jawapan 3').fill('Proton Saga');
    await page.getByRole('radio', { name: 'Perahu' }).check();
    await page.getByLabel('Frasa Rahsia').fill('Perahu Kecil Di Muara');
    await page.screenshot({ path: artifactPath('auth-activation.png'), fullPage: true });
    await page.getByRole('button', { name: 'Aktif' }).click();

    // Logged out: back at Log Masuk with a notice.
    await page
      .getByText('Pengaktifan berjaya. Sila log masuk semula dengan kata laluan baru anda.')
      .waitFor();
    await page.getByLabel('ID Pengguna').fill(p.ic);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByText('Perahu Kecil Di Muara').waitFor();
    assert.match((await page.locator('img.secret__image').getAttribute('src')) ?? '', /perahu\.svg$/);
    await page.screenshot({ path: artifactPath('auth-login-step2.png'), fullPage: true });
    await page.getByLabel('Kata Laluan', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/laman-utama$/);
    await page.getByText('Pendaftaran telah berjaya').waitFor();
    await page.screenshot({ path: artifactPath('auth-first-dashboard.png'), fullPage: true });
    assert.deepEqual(csp, []);
    await context.close();
  });

  test('forgot password → link by email → the three questions → new password → login with it → dashboard', async () => {
    const p = DEMO.activeEmployee;
    const context = await browser.newContext();
    const page = await context.newPage();
    const csp = watchCsp(page);
    await page.goto(app.baseUrl + '/');
    await page.getByRole('link', { name: 'Lupa Kata Laluan' }).click();
    await page.getByRole('heading', { name: 'Lupa Kata Laluan' }).waitFor();
    await page.getByLabel('ID Pengguna').fill(p.ic);
    await page.getByLabel('Emel', { exact: true }).fill(p.email);
    await page.getByRole('button', { name: 'Hantar' }).click();
    await page
      .getByText('satu pautan untuk menetapkan semula kata laluan telah dihantar', { exact: false })
      .waitFor();

    const email = await app.smtp.waitFor(
      (m) => m.to.includes(p.email) && m.subject.includes('Tetapan semula kata laluan'),
    );
    const link = /(http\S+\/lupa-kata-laluan\/pautan\?token=\S+)/.exec(email.text)![1]!;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Soalan Keselamatan' }).waitFor();
    assert.ok(!page.url().includes('token='), 'the token left the address bar');
    for (const a of DEMO_SECURITY_ANSWERS) await page.getByLabel(a.questionMs).fill(a.answer.toUpperCase());
    await page.getByRole('button', { name: 'Seterusnya' }).click();

    await page
      .getByRole('heading', { name: 'Tetapkan Kata Laluan Baru' })
      .waitFor()
      .catch(async (err: unknown) => {
        await page.screenshot({ path: artifactPath('auth-reset-failed.png'), fullPage: true });
        throw new Error(
          `${String(err)}\nThe page said: ${(await page.locator('main').innerText()).slice(0, 600)}`,
        );
      });
    const password = 'hujan turun di petang jumaat';
    await page.getByLabel('Kata Laluan Baru', { exact: true }).fill(password);
    await page.getByLabel('Sah Kata Laluan Baru').fill(password);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Kata laluan anda telah ditukar', { exact: false }).waitFor();

    await page.getByLabel('ID Pengguna').fill(p.ic);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByText(DEMO_SECRET_PHRASE).waitFor();
    assert.match((await page.locator('img.secret__image').getAttribute('src')) ?? '', /bunga-raya\.svg$/);
    await page.getByLabel('Kata Laluan', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/laman-utama$/);
    await page.getByText(p.name).first().waitFor();
    assert.ok(await page.getByRole('button', { name: 'Log Keluar' }).isVisible());
    await app.smtp.waitFor(
      (m) => m.to.includes(p.email) && m.subject.includes('Kata laluan telah ditetapkan semula'),
    );
    await page.screenshot({ path: artifactPath('auth-after-reset.png'), fullPage: true });
    assert.deepEqual(csp, []);
    await context.close();
  });
});
