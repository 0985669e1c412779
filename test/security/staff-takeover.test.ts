/**
 * Issue 11, items 1, 3 and 7: account takeover through the Unit Gaji's email correction and
 * reset, reproduced as the outside attack did it (officer changes the email and resets, anonymous
 * first-time login to the officer's address, activation), and the controls that stop it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD, DEMO_STAFF, DEMO_TEMP_PASSWORD, DEPT } from '../../seeds/demo-accounts.js';
import {
  activationFields,
  GOOD_PASSWORD,
  issueTemporaryPassword,
  loginSteps,
  requestFirstTime,
  resetLinkIn,
  waitForEmail,
} from '../auth/support.js';
import { ConfigError, loadConfig } from '../../src/core/config.js';
import { AccountRecovery } from '../../src/staff/account-recovery.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import { accountId, departmentId, employeeId, signedIn } from '../staff/staff-helpers.js';

const ATTACKER = 'officer.mailbox@selangor.gov.my';
const SENT = 'Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.';
const HELD = 'Emel rasmi bagi ID ini baru sahaja ditukar';
const CHANGED_SUBJECT = 'Emel rasmi anda telah ditukar';
const RESET_SUBJECT = 'Tetapan semula kata laluan';
const INVALID_LINK = 'Pautan ini tidak sah, telah digunakan atau telah tamat tempoh.';

describe('staff takeover through the Unit Gaji (issue 11, items 1, 3, 7)', () => {
  let app: TestApp;
  let officer: TestClient;

  before(async () => {
    app = await startTestApp();
    // The precondition of the finding: the officer's departments include a staff member's
    // department (SUK holds the administrator and the helpdesk).
    await app.db('staff_departments').insert({
      account_id: await accountId(app.db, DEMO_STAFF.payroll.ic),
      department_id: await departmentId(app.db, DEPT.suk),
    });
    officer = await signedIn(app, DEMO_STAFF.payroll.ic);
  });
  after(async () => {
    await app?.close();
  });

  const outboxTo = (to: string, kind?: string) =>
    app
      .db('email_outbox')
      .where('to_address', to)
      .modify((q) => (kind ? q.where('kind', kind) : q))
      .select('kind', 'text_body');

  test('an officer can neither change the email of nor reset a staff account, the administrator’s included', async () => {
    for (const staff of [DEMO.admin, DEMO.helpdesk]) {
      const id = await employeeId(app.db, staff.ic);
      const acc = await accountId(app.db, staff.ic);
      const url = `/pentadbir/unit-gaji/pekerja/${id}`;
      const page = await officer.get(url);
      assert.equal(page.status, 200, 'the officer still sees the record');
      assert.match(visibleText(page.html), /Hanya pentadbir sistem boleh menukar emel rasminya/);
      assert.ok(!page.html.includes(`${url}/emel"`), 'no email form for a staff account');

      const change = await officer.post(`${url}/emel`, { email: ATTACKER });
      assert.equal(change.status, 403);
      assert.match(visibleText(change.html), /Hanya pentadbir sistem/);
      const reset = await officer.post(`${url}/set-semula`, {});
      assert.equal(reset.status, 403);

      const employee = await app.db('employees').where('id', id).first();
      assert.equal(employee.email, staff.email, 'the email is unchanged');
      const account = await app.db('accounts').where('id', acc).first();
      assert.equal(account.status, 'active', 'the account was not reset');
      assert.ok(account.password_hash, 'the password is kept');
      assert.ok((await app.db('staff_roles').where('account_id', acc)).length > 0, 'the roles are kept');
    }
    // The attacker's first-time login finds nothing to send.
    const visitor = await requestFirstTime(new TestClient(app.baseUrl), DEMO.admin.ic, ATTACKER);
    assert.ok(!visibleText(visitor.html).includes(SENT));
    assert.equal((await outboxTo(ATTACKER)).length, 0, 'nothing was ever sent to the officer');
  });

  test('the full attack on an ordinary employee: both addresses told, first-time login held, no temporary password sent', async () => {
    const p = DEMO.activeEmployee;
    const id = await employeeId(app.db, p.ic);
    const acc = await accountId(app.db, p.ic);
    const victim = await signedIn(app, p.ic);
    const url = `/pentadbir/unit-gaji/pekerja/${id}`;
    await officer.get(url);
    const changed = await officer.post(`${url}/emel`, { email: ATTACKER });
    assert.equal(changed.status, 303, 'an ordinary employee’s email is still corrected in one step');
    const flash = visibleText((await officer.follow(changed)).html);
    assert.match(flash, /Emel lama dan baharu telah dimaklumkan/);
    assert.match(flash, /ditahan sehingga \d\d\/\d\d\/\d{4}/);

    // The previous address is told what changed, when, by whom (a role) and what to do.
    const told = await waitForEmail(app, p.email, CHANGED_SUBJECT);
    assert.ok(told.text.includes(ATTACKER), 'the new address is named');
    assert.match(told.text, /pada \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \(waktu Malaysia\)/);
    assert.match(told.text, /oleh Unit Gaji jabatan anda/);
    assert.match(told.text, /hubungi Helpdesk \(ispekscare@selangor\.gov\.my\)/);
    assert.match(told.text, /the Payroll Unit of your department/);
    assert.ok(!told.text.includes(p.ic), 'the IC is masked');
    await waitForEmail(app, ATTACKER, CHANGED_SUBJECT);
    // The victim's session ended with the correction.
    assert.equal((await victim.get('/epayslip')).status, 303);

    const hold = await app.db('employees').where('id', id).first();
    const hours = (new Date(hold.email_hold_until).getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `held for EMAIL_CHANGE_HOLD_HOURS (24), got ${hours}`);

    await officer.get(url);
    assert.equal((await officer.post(`${url}/set-semula`, {})).status, 303);

    const attempt = await requestFirstTime(new TestClient(app.baseUrl), p.ic, ATTACKER);
    assert.equal(attempt.status, 200);
    const text = visibleText(attempt.html);
    assert.ok(text.includes(HELD), 'a clear message');
    assert.ok(!text.includes(SENT));
    assert.ok(attempt.html.includes('data-outcome="held"'));
    const account = await app.db('accounts').where('id', acc).first();
    assert.equal(account.temp_password_hash, null, 'no temporary password was made');
    assert.equal((await outboxTo(ATTACKER, 'temporary_password')).length, 0, 'none was sent');
    assert.ok(
      await app.db('audit_log').where('action', 'first_time.held').first(),
      'the held attempt is audited',
    );

    // The hold binds the helpdesk's re-send too.
    const helpdesk = await signedIn(app, DEMO_STAFF.helpdesk.ic);
    await helpdesk.get(`/pentadbir/helpdesk/akaun/${acc}`);
    const resend = await helpdesk.post(`/pentadbir/helpdesk/akaun/${acc}/hantar-semula`, {});
    assert.equal(resend.status, 400);
    assert.match(visibleText(resend.html), /tempoh bertenang/);
    assert.equal((await outboxTo(ATTACKER, 'temporary_password')).length, 0);

    // The officer cannot release the hold they caused, even holding the helpdesk role too.
    const officerAcc = await accountId(app.db, DEMO_STAFF.payroll.ic);
    await app.db('staff_roles').insert({ account_id: officerAcc, role: 'helpdesk' });
    const list = await officer.get('/pentadbir/helpdesk/tahanan-emel');
    assert.equal(list.status, 200);
    assert.ok(list.html.includes(`data-hold="${id}"`), 'the hold is listed');
    assert.ok(!list.html.includes(`/tahanan-emel/${id}/lepas`), 'no release button for one’s own change');
    const own = await officer.post(`/pentadbir/helpdesk/tahanan-emel/${id}/lepas`, {});
    assert.match(visibleText((await officer.follow(own)).html), /perlu dilepaskan oleh orang lain/);
    await app.db('staff_roles').where({ account_id: officerAcc, role: 'helpdesk' }).delete();
    assert.ok((await app.db('employees').where('id', id).first()).email_hold_until, 'still held');

    // A second person (the helpdesk) may release it for a genuine urgent case: audited.
    await helpdesk.get('/pentadbir/helpdesk/tahanan-emel');
    const released = await helpdesk.post(`/pentadbir/helpdesk/tahanan-emel/${id}/lepas`, {});
    assert.equal(released.status, 303);
    assert.match(visibleText((await helpdesk.follow(released)).html), /Tahanan telah dilepaskan/);
    const audit = await app.db('audit_log').where('action', 'staff.helpdesk.email_hold_released').first();
    assert.equal(audit.actor_account_id, await accountId(app.db, DEMO_STAFF.helpdesk.ic));
    assert.equal(audit.subject_account_id, acc);
    // Released (or, without a release, once the cooling-off is over): first-time login works.
    assert.ok(await issueTemporaryPassword(app, p.ic, ATTACKER));
  });

  test('correcting the email ends an activation-only session and voids the temporary password', async () => {
    const p = DEMO.pendingEmployee;
    const id = await employeeId(app.db, p.ic);
    const holder = new TestClient(app.baseUrl);
    const login = await loginSteps(holder, p.ic, DEMO_TEMP_PASSWORD);
    assert.equal(login.location, '/pengaktifan');
    assert.equal((await holder.get('/pengaktifan')).status, 200, 'an activation session');

    await officer.get(`/pentadbir/unit-gaji/pekerja/${id}`);
    const res = await officer.post(`/pentadbir/unit-gaji/pekerja/${id}/emel`, {
      email: 'suresh.m@selangor.gov.my',
    });
    assert.equal(res.status, 303);

    // The activation the old session attempts is refused (its session and CSRF token are gone).
    const done = await holder.post('/pengaktifan', { ...(await activationFields(app.db)) });
    assert.notEqual(done.status, 200);
    assert.equal((await holder.get('/pengaktifan')).location, '/', 'the activation session ended');
    const account = await app.db('accounts').where('login_id', p.ic).first();
    assert.equal(account.status, 'pending', 'the old session could not activate');
    assert.equal(account.password_hash, null);
    assert.equal(account.temp_password_hash, null);
    const again = await loginSteps(new TestClient(app.baseUrl), p.ic, DEMO_TEMP_PASSWORD);
    assert.equal(again.status, 401, 'the temporary password no longer opens activation');
  });

  test('resetting the account ends an activation-only session: activation then fails', async () => {
    const p = DEMO.firstTimeEmployee;
    const temporary = await issueTemporaryPassword(app, p.ic, p.email);
    const holder = new TestClient(app.baseUrl);
    assert.equal((await loginSteps(holder, p.ic, temporary)).location, '/pengaktifan');
    assert.equal((await holder.get('/pengaktifan')).status, 200);

    const id = await employeeId(app.db, p.ic);
    await officer.get(`/pentadbir/unit-gaji/pekerja/${id}`);
    assert.equal((await officer.post(`/pentadbir/unit-gaji/pekerja/${id}/set-semula`, {})).status, 303);

    const done = await holder.post('/pengaktifan', { ...(await activationFields(app.db)) });
    assert.notEqual(done.status, 200);
    assert.equal((await holder.get('/pengaktifan')).location, '/', 'the activation session ended');
    const account = await app.db('accounts').where('login_id', p.ic).first();
    assert.equal(account.status, 'pending', 'not activated by the old session');
    assert.equal(account.password_hash, null);
  });

  test('correcting the email voids an outstanding reset link', async () => {
    // An active ordinary employee of the officer's department (seeded), not a staff member.
    const row = await app
      .db('accounts as a')
      .join('employees as e', 'e.id', 'a.employee_id')
      .join('departments as d', 'd.id', 'e.department_id')
      .where({ 'a.status': 'active', 'd.code': DEPT.perbendaharaan })
      .whereNotIn('a.login_id', [DEMO.activeEmployee.ic, DEMO_STAFF.payroll.ic])
      .whereNotExists(app.db('staff_roles as r').whereRaw('r.account_id = a.id'))
      .whereExists(app.db('account_answers as aa').whereRaw('aa.account_id = a.id'))
      .whereNotNull('e.email')
      .first<{ ic_no: string; email: string; id: number }>('e.ic_no', 'e.email', 'e.id');
    assert.ok(row, 'a seeded active employee');
    const client = new TestClient(app.baseUrl);
    await client.get('/lupa-kata-laluan');
    await client.post('/lupa-kata-laluan', { loginId: row.ic_no, email: row.email });
    const link = resetLinkIn(await waitForEmail(app, row.email, RESET_SUBJECT));
    const open = async () => {
      const url = new URL(link);
      const reader = new TestClient(app.baseUrl);
      const opened = await reader.get(url.pathname + url.search);
      return visibleText((opened.status === 303 ? await reader.follow(opened) : opened).html);
    };
    assert.ok(!(await open()).includes(INVALID_LINK), 'the link works before the correction');

    await officer.get(`/pentadbir/unit-gaji/pekerja/${row.id}`);
    const res = await officer.post(`/pentadbir/unit-gaji/pekerja/${row.id}/emel`, {
      email: `baharu.${row.ic_no}@selangor.gov.my`,
    });
    assert.equal(res.status, 303);

    assert.ok((await open()).includes(INVALID_LINK), 'the link no longer works');
  });

  test('a password change in the profile voids an outstanding reset link (item 7)', async () => {
    const p = DEMO.secondActiveEmployee;
    const requester = new TestClient(app.baseUrl);
    await requester.get('/lupa-kata-laluan');
    await requester.post('/lupa-kata-laluan', { loginId: p.ic, email: p.email });
    const link = resetLinkIn(await waitForEmail(app, p.email, RESET_SUBJECT));

    const owner = await signedIn(app, p.ic);
    await owner.get('/profil/kata-laluan');
    const changed = await owner.post('/profil/kata-laluan', {
      currentPassword: DEMO_PASSWORD,
      newPassword: GOOD_PASSWORD,
      confirmPassword: GOOD_PASSWORD,
    });
    assert.equal(changed.status, 303);

    const url = new URL(link);
    const other = new TestClient(app.baseUrl);
    const opened = await other.get(url.pathname + url.search);
    const page = opened.status === 303 ? await other.follow(opened) : opened;
    assert.ok(visibleText(page.html).includes(INVALID_LINK), 'the link died with the password change');
    const open = await app
      .db('password_reset_tokens')
      .where('account_id', await accountId(app.db, p.ic))
      .whereNull('used_at');
    assert.equal(open.length, 0);
  });

  test('only an administrator recovers a staff account, never their own; a reset drops the roles (audited)', async () => {
    const admin = await signedIn(app, DEMO_STAFF.admin.ic);
    const own = await accountId(app.db, DEMO_STAFF.admin.ic);
    const ownPage = await admin.get(`/pentadbir/admin/peranan/${own}`);
    assert.ok(
      !ownPage.html.includes(`/pentadbir/admin/peranan/${own}/emel`),
      'no recovery card on one’s own',
    );
    const self = await admin.post(`/pentadbir/admin/peranan/${own}/emel`, { email: ATTACKER });
    assert.equal(self.status, 403);
    assert.equal((await admin.post(`/pentadbir/admin/peranan/${own}/set-semula`, {})).status, 403);
    assert.equal((await app.db('employees').where('ic_no', DEMO.admin.ic).first()).email, DEMO.admin.email);

    const h = DEMO.helpdesk;
    const acc = await accountId(app.db, h.ic);
    const page = await admin.get(`/pentadbir/admin/peranan/${acc}`);
    assert.match(visibleText(page.html), /Pemulihan Akaun/);
    const bad = await admin.post(`/pentadbir/admin/peranan/${acc}/emel`, { email: 'helpdesk@gmail.com' });
    assert.equal(bad.status, 400);
    assert.ok(bad.html.includes('value="helpdesk@gmail.com"'), 'the typed value is kept');
    const changed = await admin.post(`/pentadbir/admin/peranan/${acc}/emel`, {
      email: 'faizal.baharu@selangor.gov.my',
    });
    assert.equal(changed.status, 303);
    const told = await waitForEmail(app, h.email, CHANGED_SUBJECT);
    assert.match(told.text, /oleh pentadbir sistem Portal iSPEKS/);

    await admin.get(`/pentadbir/admin/peranan/${acc}`);
    assert.equal((await admin.post(`/pentadbir/admin/peranan/${acc}/set-semula`, {})).status, 303);
    const account = await app.db('accounts').where('id', acc).first();
    assert.equal(account.status, 'pending');
    assert.equal((await app.db('staff_roles').where('account_id', acc)).length, 0, 'roles dropped');
    const dropped = await app
      .db('audit_log')
      .where({ action: 'staff.admin.roles_dropped', subject_account_id: acc })
      .first();
    assert.ok(dropped, 'the drop is audited');
    assert.deepEqual(dropped.details.roles, ['helpdesk']);
    assert.equal(dropped.actor_account_id, own);
  });

  test('the cooling-off follows EMAIL_CHANGE_HOLD_HOURS; 0 turns it off', async () => {
    assert.equal(loadConfig({ NODE_ENV: 'test' }).EMAIL_CHANGE_HOLD_HOURS, 24);
    assert.equal(loadConfig({ NODE_ENV: 'test', EMAIL_CHANGE_HOLD_HOURS: '48' }).EMAIL_CHANGE_HOLD_HOURS, 48);
    assert.throws(() => loadConfig({ NODE_ENV: 'test', EMAIL_CHANGE_HOLD_HOURS: '-1' }), ConfigError);

    const p = DEMO.missingEmailEmployee;
    const id = await employeeId(app.db, p.ic);
    const recovery = new AccountRecovery({ ...app.config, EMAIL_CHANGE_HOLD_HOURS: 0 });
    const admin = await accountId(app.db, DEMO_STAFF.admin.ic);
    await app.db.transaction((trx) =>
      recovery.changeEmail(
        trx,
        { employeeId: id, icNo: p.ic, email: null, accountId: null, loginId: null },
        p.officialEmail,
        { accountId: admin, role: 'admin' },
        { ip: null, userAgent: null },
      ),
    );
    assert.equal((await app.db('employees').where('id', id).first()).email_hold_until, null);
    assert.ok(await issueTemporaryPassword(app, p.ic, p.officialEmail), 'not held');
  });
});
