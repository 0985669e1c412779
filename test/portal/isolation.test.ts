import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import { employeeIdOf, fetchBytes, signIn } from './portal-helpers.js';

/**
 * A user sees only their own records: another user's payslip, EC, payment or application, asked
 * for by ID or by period, is "not found" (404), never the record; a company account sees eMaklum
 * only.
 */
describe('isolation between users', () => {
  let app: TestApp;
  let me: TestClient;
  let myId: number;
  let otherId: number;
  before(async () => {
    app = await startTestApp({ sender: false });
    me = await signIn(app, DEMO.activeEmployee.ic);
    myId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    otherId = await employeeIdOf(app.db, DEMO.secondActiveEmployee.ic);
    // The other user alone has a payslip for January 2019 (published), with a distinctive line.
    const other = await app.db('payslips').where('employee_id', otherId).first();
    const [slip] = await app
      .db('payslips')
      .insert({
        ...other,
        id: undefined,
        year: 2019,
        month: 1,
        created_at: undefined,
        published_at: new Date('2019-01-20'),
      })
      .returning('id');
    await app.db('payslip_lines').insert({
      payslip_id: slip.id,
      kind: 'earning',
      code: 'GAJI',
      description: 'Gaji Pokok RAHSIA-ORANG-LAIN',
      amount_sen: 123456,
    });
  });
  after(async () => {
    await app?.close();
  });

  test('another user’s payslip period is 404 for me (page and PDF), and not in my list', async () => {
    const page = await me.get('/epayslip/2019/01');
    assert.equal(page.status, 404);
    assert.ok(!page.html.includes('RAHSIA-ORANG-LAIN'));
    assert.ok(visibleText(page.html).includes('Tiada slip gaji yang diterbitkan bagi Januari 2019'));
    const pdf = await fetchBytes(me, '/epayslip/2019/01.pdf');
    assert.equal(pdf.status, 404);
    assert.notEqual(pdf.headers.get('content-type'), 'application/pdf');
    const list = await me.get('/epayslip/2019');
    assert.equal(list.status, 404);
    assert.ok(!(await me.get('/epayslip')).html.includes('/epayslip/2019'));
    // The owner sees it.
    const owner = await signIn(app, DEMO.secondActiveEmployee.ic);
    const own = await owner.get('/epayslip/2019/01');
    assert.equal(own.status, 200);
    assert.ok(own.html.includes('RAHSIA-ORANG-LAIN'));
  });

  test('another user’s EC year is 404 for me (page and PDF)', async () => {
    assert.equal((await me.get('/eec/2019')).status, 404);
    assert.equal((await fetchBytes(me, '/eec/2019.pdf')).status, 404);
    assert.ok(!(await me.get('/eec')).html.includes('/eec/2019'));
  });

  test('another user’s payment by ID is 404, and no other payee’s payment is ever listed', async () => {
    const mine = await app
      .db('payments')
      .where({ payee_kind: 'employee', payee_id_no: DEMO.activeEmployee.ic })
      .first('id', 'voucher_no');
    const theirs = await app
      .db('payments')
      .whereNot('payee_id_no', DEMO.activeEmployee.ic)
      .first('id', 'voucher_no');
    const company = await app
      .db('payments')
      .where({ payee_kind: 'company', payee_id_no: DEMO.company.companyId })
      .first('id', 'voucher_no');
    assert.ok(mine && theirs && company);
    assert.equal((await me.get(`/emaklum/${mine.id}`)).status, 200);
    const other = await me.get(`/emaklum/${theirs.id}`);
    assert.equal(other.status, 404);
    assert.ok(!other.html.includes(theirs.voucher_no));
    assert.equal((await me.get(`/emaklum/${company.id}`)).status, 404);
    // Every voucher on every page of my list is mine.
    const myVouchers = new Set(
      await app
        .db('payments')
        .where({ payee_kind: 'employee', payee_id_no: DEMO.activeEmployee.ic })
        .pluck('voucher_no'),
    );
    for (let page = 1; page <= 3; page++) {
      const html = (await me.get(`/emaklum?page=${page}`)).html;
      for (const m of html.matchAll(/href="\/emaklum\/\d+"[^>]*>([^<]+)</g))
        assert.ok(myVouchers.has(m[1]!), m[1]);
    }
    // A reference search that matches someone else's voucher finds nothing for me.
    const search = await me.get(`/emaklum?rujukan=${encodeURIComponent(theirs.voucher_no)}`);
    assert.ok(visibleText(search.html).includes('Rekod ditemui: 0'));
  });

  test('another user’s application by ID is 404; my list holds only mine', async () => {
    const mine = await app.db('applications').where('employee_id', myId).first('id', 'reference_no');
    const theirs = await app.db('applications').where('employee_id', otherId).first('id', 'reference_no');
    assert.ok(mine && theirs);
    const own = await me.get(`/permohonan/${mine.id}`);
    assert.equal(own.status, 200);
    assert.ok(visibleText(own.html).includes('Sejarah Status'));
    const other = await me.get(`/permohonan/${theirs.id}`);
    assert.equal(other.status, 404);
    assert.ok(!other.html.includes(theirs.reference_no));
    const myRefs = new Set(await app.db('applications').where('employee_id', myId).pluck('reference_no'));
    const list = await me.get('/permohonan');
    for (const m of list.html.matchAll(/href="\/permohonan\/\d+">([^<]+)</g))
      assert.ok(myRefs.has(m[1]!), m[1]);
  });

  test('a company account sees eMaklum only: 403 on ePayslip, eEC, Permohonan, Muat Turun; the dashboard sends it to eMaklum', async () => {
    const company = await signIn(app, DEMO.company.companyId);
    for (const path of [
      '/epayslip',
      '/epayslip/2026/01',
      '/epayslip/2026/01.pdf',
      '/eec',
      '/eec/2025',
      '/eec/2025.pdf',
      '/permohonan',
      '/permohonan/1',
      '/muat-turun',
      '/laman-utama/pinjaman',
    ]) {
      const page = await company.get(path);
      assert.equal(page.status, 403, path);
      assert.ok(visibleText(page.html).includes('Akses tidak dibenarkan'), path);
    }
    const home = await company.get('/laman-utama');
    assert.equal(home.status, 303);
    assert.equal(home.location, '/emaklum');
    const emaklum = await company.get('/emaklum');
    assert.equal(emaklum.status, 200);
    const text = visibleText(emaklum.html);
    assert.ok(text.includes('Pembayaran oleh Perbendaharaan Negeri kepada syarikat anda'));
    const companyVouchers = new Set(
      await app
        .db('payments')
        .where({ payee_kind: 'company', payee_id_no: DEMO.company.companyId })
        .pluck('voucher_no'),
    );
    const shown = [...emaklum.html.matchAll(/href="\/emaklum\/\d+"[^>]*>([^<]+)</g)].map((m) => m[1]!);
    assert.ok(shown.length > 0);
    for (const v of shown) assert.ok(companyVouchers.has(v), v);
    // The menu offers eMaklum only.
    assert.ok(!emaklum.html.includes('href="/epayslip"'));
    // An employee's payment by ID is 404 for the company.
    const mine = await app.db('payments').where({ payee_id_no: DEMO.activeEmployee.ic }).first('id');
    assert.equal((await company.get(`/emaklum/${mine.id}`)).status, 404);
  });

  test('signed-out visitors are sent to the login page', async () => {
    const anon = new TestClient(app.baseUrl);
    for (const path of [
      '/laman-utama',
      '/epayslip',
      '/epayslip/2026/01.pdf',
      '/eec/2025',
      '/emaklum',
      '/permohonan/1',
      '/muat-turun',
      '/muat-turun/manual-pengguna-portal-ispeks',
    ]) {
      const page = await anon.get(path);
      assert.equal(page.status, 303, path);
      // The login page, with the page asked for to come back to (issue 14 item 2).
      assert.equal(page.location, `/?kembali=${encodeURIComponent(path)}`);
    }
  });
});
