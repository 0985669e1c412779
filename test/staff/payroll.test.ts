import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import { accountId, employeeId, signedIn } from './staff-helpers.js';

/** Unit Gaji pages (issue 5, item 2): search, employee record, email correction, account reset. */
describe('Unit Gaji: employees', () => {
  let app: TestApp;
  let officer: TestClient;

  before(async () => {
    app = await startTestApp();
    officer = await signedIn(app, DEMO_STAFF.payroll.ic);
  });
  after(async () => {
    await app?.close();
  });

  /** First-time login through the public form; true when the temporary password was sent. */
  async function firstTimeLogin(ic: string, email: string): Promise<boolean> {
    const visitor = new TestClient(app.baseUrl);
    await visitor.get('/login-kali-pertama');
    const res = await visitor.post('/login-kali-pertama', { idNo: ic, email });
    const page = await visitor.follow(res);
    return visibleText(page.html).includes(
      'Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.',
    );
  }

  test('search by IC, name or email within the officer’s departments, paginated', async () => {
    const byIc = await officer.get(`/pentadbir/unit-gaji?q=${DEMO.activeEmployee.ic.slice(0, 8)}`);
    assert.equal(byIc.status, 200);
    assert.ok(visibleText(byIc.html).includes(DEMO.activeEmployee.name));
    const byEmail = await officer.get(`/pentadbir/unit-gaji?q=${encodeURIComponent('hafiz_ismail87')}`);
    assert.ok(visibleText(byEmail.html).includes(DEMO.outdatedEmailEmployee.name));
    const byName = await officer.get('/pentadbir/unit-gaji?q=aisyah');
    assert.ok(visibleText(byName.html).includes(DEMO.activeEmployee.name));

    // Nearly every record has an email ending in .gov.my: more than one page.
    const broad = await officer.get('/pentadbir/unit-gaji?q=.my');
    const total = Number(/(\d+) rekod dijumpai/.exec(visibleText(broad.html))?.[1]);
    assert.ok(total > 20, `found ${total}`);
    assert.ok(broad.html.includes('rel="next"'), 'a next page link');
    const page2 = await officer.get('/pentadbir/unit-gaji?q=.my&page=2');
    assert.equal(page2.status, 200);
    assert.ok(page2.html.includes('Halaman 2 daripada'));

    const short = await officer.get('/pentadbir/unit-gaji?q=ab');
    assert.equal(short.status, 400);
    assert.match(visibleText(short.html), /sekurang-kurangnya 3 aksara/);
  });

  test('the employee page shows the payroll record and the portal registration status', async () => {
    const cases: [string, string][] = [
      [DEMO.activeEmployee.ic, 'Aktif'],
      [DEMO.pendingEmployee.ic, 'Menunggu pengaktifan'],
      [DEMO.firstTimeEmployee.ic, 'Tiada akaun'],
    ];
    for (const [ic, status] of cases) {
      const page = await officer.get(`/pentadbir/unit-gaji/pekerja/${await employeeId(app.db, ic)}`);
      assert.equal(page.status, 200);
      const text = visibleText(page.html);
      assert.ok(text.includes(ic) && text.includes('No. Gaji') && text.includes('Jawatan'));
      assert.ok(text.includes(`Status Pendaftaran Portal ${status}`), `${ic}: ${status}`);
    }
  });

  test('the official email is corrected (government domains only), audited with old and new values, and first-time login then succeeds', async () => {
    const p = DEMO.outdatedEmailEmployee;
    const id = await employeeId(app.db, p.ic);
    assert.equal(await firstTimeLogin(p.ic, p.officialEmail), false, 'fails while the record is outdated');
    const url = `/pentadbir/unit-gaji/pekerja/${id}`;
    await officer.get(url);
    const bad = await officer.post(`${url}/emel`, { email: 'bukan-emel' });
    assert.equal(bad.status, 400);
    assert.match(visibleText(bad.html), /alamat emel yang sah/);
    const personal = await officer.post(`${url}/emel`, { email: 'hafiz@gmail.com' });
    assert.equal(personal.status, 400);
    assert.match(visibleText(personal.html), /emel rasmi kerajaan \(domain: \.gov\.my\)/);
    assert.ok(personal.html.includes('value="hafiz@gmail.com"'), 'the typed value is kept');
    assert.equal((await app.db('employees').where('id', id).first()).email, p.email);

    const ok = await officer.post(`${url}/emel`, { email: `  ${p.officialEmail.toUpperCase()} ` });
    assert.equal(ok.status, 303);
    const page = await officer.follow(ok);
    assert.match(visibleText(page.html), new RegExp(`daripada ${p.email} kepada ${p.officialEmail}`));
    assert.equal((await app.db('employees').where('id', id).first()).email, p.officialEmail);
    const audit = await app
      .db('audit_log')
      .where('action', 'staff.payroll.email_corrected')
      .orderBy('id', 'desc')
      .first();
    assert.equal(audit.actor_account_id, await accountId(app.db, DEMO_STAFF.payroll.ic));
    assert.equal(audit.details.oldEmail, p.email);
    assert.equal(audit.details.newEmail, p.officialEmail);

    // Issue 11: the previous address is told, and first-time login with the new one is held for
    // the cooling-off period (EMAIL_CHANGE_HOLD_HOURS); once it has passed, first-time login works.
    await app.smtp.waitFor((m) => m.to.includes(p.email) && /Emel rasmi anda telah ditukar/.test(m.subject));
    assert.equal(await firstTimeLogin(p.ic, p.officialEmail), false, 'held during the cooling-off');
    await app
      .db('employees')
      .where('id', id)
      .update({ email_hold_until: app.db.raw("now() - interval '1 second'") });
    assert.equal(await firstTimeLogin(p.ic, p.officialEmail), true, 'first-time login works after the fix');
  });

  test('correcting the email of a pending account voids the temporary password sent to the old address', async () => {
    const p = DEMO.pendingEmployee;
    const id = await employeeId(app.db, p.ic);
    await officer.get(`/pentadbir/unit-gaji/pekerja/${id}`);
    const res = await officer.post(`/pentadbir/unit-gaji/pekerja/${id}/emel`, {
      email: 'suresh.m@selangor.gov.my',
    });
    assert.equal(res.status, 303);
    assert.match(visibleText((await officer.follow(res)).html), /tidak lagi sah/);
    const account = await app.db('accounts').where('login_id', p.ic).first();
    assert.equal(account.temp_password_hash, null);
  });

  test('resetting an account returns it to first-time login, ends its sessions and emails the employee', async () => {
    const p = DEMO.activeEmployee;
    const employee = await signedIn(app, p.ic);
    assert.equal((await employee.get('/epayslip')).status, 200);
    const id = await employeeId(app.db, p.ic);
    const acc = await accountId(app.db, p.ic);
    assert.ok(Number((await app.db('account_answers').where('account_id', acc).count())[0]!.count) > 0);

    await officer.get(`/pentadbir/unit-gaji/pekerja/${id}`);
    const res = await officer.post(`/pentadbir/unit-gaji/pekerja/${id}/set-semula`, {});
    assert.equal(res.status, 303);
    const page = await officer.follow(res);
    assert.match(visibleText(page.html), /Akaun portal telah diset semula/);
    assert.match(visibleText(page.html), /Status Pendaftaran Portal Menunggu pengaktifan/);

    const row = await app.db('accounts').where('id', acc).first();
    assert.equal(row.status, 'pending');
    assert.equal(row.password_hash, null);
    assert.equal(row.secret_phrase, null);
    assert.equal(row.secret_image_id, null);
    assert.equal(Number((await app.db('account_answers').where('account_id', acc).count())[0]!.count), 0);
    // Their session ended.
    const after = await employee.get('/epayslip');
    assert.equal(after.status, 303);
    // They are told by email, and the first-time login works again.
    const mail = await app.smtp.waitFor((m) => m.to.includes(p.email) && /diset semula/.test(m.subject));
    assert.match(mail.text, /Login Kali Pertama/);
    assert.ok(!/RM\s?\d/.test(mail.text), 'no money in the email');
    assert.equal(await firstTimeLogin(p.ic, p.email), true);
    const audit = await app
      .db('audit_log')
      .where({ action: 'staff.payroll.account_reset', subject_account_id: acc })
      .first();
    assert.ok(audit);
  });

  test('resetting an employee with no account says so', async () => {
    const id = await employeeId(app.db, DEMO.missingEmailEmployee.ic);
    await officer.get(`/pentadbir/unit-gaji/pekerja/${id}`);
    const res = await officer.post(`/pentadbir/unit-gaji/pekerja/${id}/set-semula`, {});
    assert.equal(res.status, 400);
    assert.match(visibleText(res.html), /belum mempunyai akaun portal/);
  });
});
