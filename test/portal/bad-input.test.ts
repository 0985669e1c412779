import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { visibleText, type TestClient } from '../helpers/http.js';
import { employeeIdOf, signIn } from './portal-helpers.js';

/** Unknown years and months, empty months, malformed filters and pages: a clear message, never a 500. */
describe('bad input on the portal pages', () => {
  let app: TestApp;
  let me: TestClient;
  before(async () => {
    app = await startTestApp({ sender: false });
    me = await signIn(app, DEMO.activeEmployee.ic);
  });
  after(async () => {
    await app?.close();
  });

  const expectPage = async (path: string, status: number, text: string) => {
    const page = await me.get(path);
    assert.equal(page.status, status, `${path} gave ${page.status}`);
    assert.ok(visibleText(page.html).includes(text), `${path} lacks "${text}"`);
    return page;
  };

  test('ePayslip: invalid year or month → "not valid" (404); a month without a payslip → "no payslip" (404)', async () => {
    for (const path of [
      '/epayslip/2026/13',
      '/epayslip/2026/00',
      '/epayslip/2026/1x',
      '/epayslip/abcd/01',
      '/epayslip/1999/01',
      '/epayslip/99999/1',
      '/epayslip/2026/-1',
      '/epayslip/2026/13.pdf',
    ]) {
      await expectPage(path, 404, 'Tahun atau bulan yang diminta tidak sah');
    }
    await expectPage('/epayslip/2030/01', 404, 'Tiada slip gaji yang diterbitkan bagi Januari 2030');
    await expectPage('/epayslip/2030/01.pdf', 404, 'Tiada slip gaji yang diterbitkan bagi Januari 2030');
    await expectPage('/epayslip/abc', 404, 'Tahun yang diminta tidak sah');
    await expectPage('/epayslip/2030', 404, 'Tiada slip gaji yang diterbitkan bagi tahun 2030');
    await expectPage('/epayslip/2026/01/lagi', 404, 'Halaman tidak dijumpai');
  });

  test('ePayslip: an unpublished month, or one published in the future, is not shown', async () => {
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const unpublished = await app
      .db('payslips')
      .where('employee_id', employeeId)
      .whereNull('published_at')
      .first('year', 'month');
    assert.ok(unpublished, 'the seed leaves this user’s current month unpublished');
    await expectPage(
      `/epayslip/${unpublished.year}/${unpublished.month}`,
      404,
      'Tiada slip gaji yang diterbitkan',
    );
    const published = await app
      .db('payslips')
      .where('employee_id', employeeId)
      .whereNotNull('published_at')
      .orderBy('id')
      .first('id', 'year', 'month');
    await app
      .db('payslips')
      .where('id', published.id)
      .update({ published_at: new Date(Date.now() + 86_400_000) });
    await expectPage(
      `/epayslip/${published.year}/${published.month}`,
      404,
      'Tiada slip gaji yang diterbitkan',
    );
    const dash = await me.get('/laman-utama');
    assert.equal(dash.status, 200);
    await app
      .db('payslips')
      .where('id', published.id)
      .update({ published_at: new Date('2020-01-01') });
  });

  test('eEC: invalid year and a year without payslips give a clear message', async () => {
    for (const path of ['/eec/abc', '/eec/1999', '/eec/20261', '/eec/abc.pdf'])
      await expectPage(path, 404, 'Tahun yang diminta tidak sah');
    await expectPage('/eec/2030', 404, 'Tiada Borang EC bagi tahun 2030');
    await expectPage('/eec/2030.pdf', 404, 'Tiada Borang EC bagi tahun 2030');
  });

  test('eMaklum: malformed dates, a reversed range, unknown status, long reference → messages next to the fields (400)', async () => {
    await expectPage('/emaklum?dari=2026-02-30', 400, 'Masukkan tarikh mula yang sah');
    await expectPage('/emaklum?dari=semalam', 400, 'Masukkan tarikh mula yang sah');
    await expectPage('/emaklum?hingga=31-12-2026', 400, 'Masukkan tarikh akhir yang sah');
    await expectPage(
      '/emaklum?dari=2026-05-01&hingga=2026-01-01',
      400,
      'Tarikh akhir mesti sama dengan atau selepas tarikh mula',
    );
    await expectPage('/emaklum?status=PAID', 400, 'Status yang dipilih tidak sah');
    await expectPage('/emaklum?status=SENT_TO_BANK&status=ISSUED', 400, 'Status yang dipilih tidak sah');
    await expectPage(`/emaklum?rujukan=${'A'.repeat(60)}`, 400, 'tidak melebihi 40 aksara');
    const page = await me.get('/emaklum?dari=2026-02-30');
    assert.match(page.html, /href="#dari"/, 'the error summary links to the field');
    assert.match(page.html, /value="2026-02-30"/, 'the typed value is kept');
    // Typed by hand as DD/MM/YYYY is accepted.
    await expectPage('/emaklum?dari=01/01/2026&hingga=31/12/2026', 200, 'Rekod ditemui');
  });

  test('eMaklum and Permohonan: odd page numbers and sort keys fall back safely; LIKE wildcards are literal', async () => {
    for (const q of [
      'page=abc',
      'page=-1',
      'page=0',
      'page=1e5',
      'page=999999',
      'page=99999999999999',
      'susun=DROP%20TABLE',
      'susun=p.amount_sen',
      'page=2&page=3',
    ]) {
      await expectPage(`/emaklum?${q}`, 200, 'Rekod ditemui');
      await expectPage(`/permohonan?${q}`, 200, 'Jumlah permohonan');
    }
    const last = await me.get('/emaklum?page=999999');
    assert.match(last.html, /aria-current="page">3</, 'a page past the end shows the last page');
    await expectPage('/emaklum?rujukan=%25', 200, 'Rekod ditemui: 0');
    await expectPage('/emaklum?rujukan=_', 200, 'Rekod ditemui: 0');
    await expectPage('/emaklum?rujukan=%27%3B%20drop%20table%20payments%3B--', 200, 'Rekod ditemui: 0');
  });

  test('Permohonan: unknown module or status → message (400); detail IDs that are not numbers → 404', async () => {
    await expectPage('/permohonan?modul=XYZ', 400, 'Modul yang dipilih tidak sah');
    await expectPage('/permohonan?status=LULUS', 400, 'Status yang dipilih tidak sah');
    await expectPage('/permohonan?modul=AC&modul=PY', 400, 'Modul yang dipilih tidak sah');
    for (const path of [
      '/permohonan/abc',
      '/permohonan/0',
      '/permohonan/99999999999',
      '/permohonan/1.5',
      '/emaklum/abc',
      '/emaklum/-1',
      '/emaklum/99999999',
    ]) {
      await expectPage(path, 404, 'Halaman tidak dijumpai');
    }
  });

  test('Muat Turun: no path from the URL reaches the file system', async () => {
    for (const path of [
      '/muat-turun/tiada-fail',
      '/muat-turun/..%2F..%2Fpackage.json',
      '/muat-turun/%2e%2e%2f%2e%2e%2fpackage.json',
      '/muat-turun/manual-pengguna-portal-ispeks.html',
      '/muat-turun/MANUAL-PENGGUNA-PORTAL-ISPEKS',
      '/muat-turun/1',
    ]) {
      const page = await me.get(path);
      assert.equal(page.status, 404, path);
      assert.ok(!page.html.includes('"name": "portal-ispeks"'));
    }
  });

  test('the English pages give the same messages in English', async () => {
    const en = await signIn(app, DEMO.activeEmployee.ic);
    await en.get('/bahasa?lang=en&next=/');
    const a = await en.get('/epayslip/2026/13');
    assert.ok(visibleText(a.html).includes('The year or month asked for is not valid'));
    const b = await en.get('/emaklum?dari=nope');
    assert.ok(visibleText(b.html).includes('Enter a valid start date'));
    const c = await en.get('/eec/2030');
    assert.ok(visibleText(c.html).includes('No Form EC for 2030'));
  });
});
