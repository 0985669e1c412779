import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { writeAudit } from '../../src/core/audit.js';
import { csvCell } from '../../src/staff/admin-service.js';
import { DEMO, DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { csrfTokenIn, TestClient, visibleText } from '../helpers/http.js';
import { accountId, departmentId, signedIn } from './staff-helpers.js';

/** The administrator (issue 5, item 5): staff roles and the audit log with filters and export. */
describe('administrator', () => {
  let app: TestApp;
  let admin: TestClient;
  let adminId: number;

  before(async () => {
    app = await startTestApp();
    admin = await signedIn(app, DEMO_STAFF.admin.ic);
    adminId = await accountId(app.db, DEMO_STAFF.admin.ic);
  });
  after(async () => {
    await app?.close();
  });

  const roles = async (id: number) =>
    (await app.db('staff_roles').where('account_id', id).orderBy('role').pluck('role')) as string[];
  const depts = async (id: number) =>
    (await app
      .db('staff_departments')
      .where('account_id', id)
      .orderBy('department_id')
      .pluck('department_id')) as number[];

  test('the roles page lists the staff; an account is found by its User ID', async () => {
    const page = await admin.get('/pentadbir/admin/peranan');
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    for (const s of [DEMO_STAFF.payroll, DEMO_STAFF.helpdesk, DEMO_STAFF.admin])
      assert.ok(text.includes(s.name), s.name);
    const found = await admin.get(
      `/pentadbir/admin/peranan?loginId=${DEMO.secondActiveEmployee.ic.slice(0, 6)}-${DEMO.secondActiveEmployee.ic.slice(6, 8)}-${DEMO.secondActiveEmployee.ic.slice(8)}`,
    );
    assert.equal(found.status, 303);
    assert.equal(
      found.location,
      `/pentadbir/admin/peranan/${await accountId(app.db, DEMO.secondActiveEmployee.ic)}`,
    );
    const missing = await admin.get('/pentadbir/admin/peranan?loginId=111111111111');
    assert.equal(missing.status, 404);
    assert.match(visibleText(missing.html), /Tiada akaun penjawat awam/);
  });

  test('granting a role takes effect at the holder’s next login and is audited', async () => {
    const target = DEMO.secondActiveEmployee;
    const id = await accountId(app.db, target.ic);
    const holder = await signedIn(app, target.ic);
    assert.equal((await holder.get('/pentadbir/helpdesk')).status, 403);

    await admin.get(`/pentadbir/admin/peranan/${id}`);
    const res = await admin.post(`/pentadbir/admin/peranan/${id}/tambah`, { role: 'helpdesk' });
    assert.equal(res.status, 303);
    assert.match(visibleText((await admin.follow(res)).html), /Peranan Helpdesk telah diberi/);
    assert.deepEqual(await roles(id), ['helpdesk']);
    // The holder's session ended with the privilege change; a new login has the role.
    assert.equal((await holder.get('/pentadbir/helpdesk')).status, 303);
    const again = await signedIn(app, target.ic);
    assert.equal((await again.get('/pentadbir/helpdesk')).status, 200);

    const audit = await app
      .db('audit_log')
      .where({ action: 'staff.admin.role_granted', subject_account_id: id })
      .first();
    assert.equal(audit.actor_account_id, adminId);
    assert.equal(audit.details.role, 'helpdesk');

    const twice = await admin.post(`/pentadbir/admin/peranan/${id}/tambah`, { role: 'helpdesk' });
    assert.equal(twice.status, 400);
    const removed = await admin.post(`/pentadbir/admin/peranan/${id}/buang`, { role: 'helpdesk' });
    assert.equal(removed.status, 303);
    assert.deepEqual(await roles(id), []);
    assert.ok(
      await app.db('audit_log').where({ action: 'staff.admin.role_removed', subject_account_id: id }).first(),
    );
  });

  test('a payroll officer’s departments are granted, added and removed (never the last one)', async () => {
    const id = await accountId(app.db, DEMO.activeEmployee.ic);
    const [jkr, ptg] = [await departmentId(app.db, '10030101'), await departmentId(app.db, '10050101')];
    await admin.get(`/pentadbir/admin/peranan/${id}`);
    const none = await admin.post(`/pentadbir/admin/peranan/${id}/tambah`, { role: 'payroll' });
    assert.equal(none.status, 400);
    assert.match(visibleText(none.html), /sekurang-kurangnya satu jabatan/);

    // Two departments: the same field twice, as the form's checkboxes send it.
    const form = new URLSearchParams();
    form.append('_csrf', csrfTokenIn(admin.lastHtml)!);
    form.append('role', 'payroll');
    form.append('departmentIds', String(jkr));
    form.append('departmentIds', String(ptg));
    const res = await admin.request('POST', `/pentadbir/admin/peranan/${id}/tambah`, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.equal(res.status, 303);
    assert.deepEqual(await roles(id), ['payroll']);
    assert.deepEqual(
      await depts(id),
      [jkr, ptg].sort((a, b) => a - b),
    );

    await admin.get(`/pentadbir/admin/peranan/${id}`);
    assert.equal(
      (await admin.post(`/pentadbir/admin/peranan/${id}/jabatan/buang`, { departmentId: String(ptg) }))
        .status,
      303,
    );
    assert.deepEqual(await depts(id), [jkr]);
    const last = await admin.post(`/pentadbir/admin/peranan/${id}/jabatan/buang`, {
      departmentId: String(jkr),
    });
    assert.equal(last.status, 400);
    assert.match(visibleText(last.html), /Jabatan terakhir pegawai Unit Gaji tidak boleh dibuang/);
    assert.equal(
      (await admin.post(`/pentadbir/admin/peranan/${id}/jabatan`, { departmentId: String(ptg) })).status,
      303,
    );
    assert.deepEqual(
      await depts(id),
      [jkr, ptg].sort((a, b) => a - b),
    );
    // Removing the role removes its departments.
    assert.equal((await admin.post(`/pentadbir/admin/peranan/${id}/buang`, { role: 'payroll' })).status, 303);
    assert.deepEqual(await depts(id), []);
    const actions = await app
      .db('audit_log')
      .where('subject_account_id', id)
      .where('action', 'like', 'staff.admin.%')
      .pluck('action');
    for (const a of [
      'staff.admin.role_granted',
      'staff.admin.department_removed',
      'staff.admin.department_added',
      'staff.admin.role_removed',
    ])
      assert.ok(actions.includes(a), a);
  });

  test('the last administrator cannot be removed', async () => {
    await admin.get(`/pentadbir/admin/peranan/${adminId}`);
    const res = await admin.post(`/pentadbir/admin/peranan/${adminId}/buang`, { role: 'admin' });
    assert.equal(res.status, 400);
    assert.match(visibleText(res.html), /Pentadbir terakhir tidak boleh ditarik balik/);
    assert.deepEqual(await roles(adminId), ['admin']);
  });

  test('the audit log is filtered by time, actor, account and action, and paginated', async () => {
    const helpdeskId = await accountId(app.db, DEMO_STAFF.helpdesk.ic);
    const all = await admin.get('/pentadbir/admin/audit');
    assert.equal(all.status, 200);
    assert.ok(
      !/<form[^>]*method="post"/i.test(
        // The frame's own forms (log out; "stay signed in" of the idle warning) are not the log's.
        all.html
          .replace(/<form[^>]*action="\/log-keluar"[\s\S]*?<\/form>/g, '')
          .replace(/<form[^>]*action="\/sesi\/lanjut"[\s\S]*?<\/form>/, ''),
      ),
      'no form changes the log',
    );
    // One action chosen from the list: only its rows, named in words with the details as fields.
    const byAction = await admin.get('/pentadbir/admin/audit?action=staff.admin.role_granted');
    assert.equal(byAction.status, 200);
    assert.match(byAction.html, /<option value="staff.admin.role_granted" selected>Peranan diberi<\/option>/);
    const sentences = [...byAction.html.matchAll(/<span data-audit-sentence>([^<]*)</g)].map((m) => m[1]);
    assert.ok(sentences.length > 0);
    assert.ok(
      sentences.every((x) => /^Peranan diberi: (Unit Gaji|Helpdesk|Pentadbir)/.test(x!)),
      sentences.join(' | '),
    );
    assert.match(
      visibleText(byAction.html),
      /Peranan (Unit Gaji|Helpdesk|Pentadbir)/,
      'details as labelled fields',
    );
    assert.doesNotMatch(byAction.html, /\{&#34;role&#34;|\{"role"/, 'no raw JSON in the details');
    const unknown = await admin.get('/pentadbir/admin/audit?action=staff.admin.role');
    assert.equal(unknown.status, 400, 'an action not in the list is a field error');
    assert.match(visibleText(unknown.html), /Pilih tindakan daripada senarai/);

    const expected = await app
      .db('audit_log')
      .where('actor_account_id', adminId)
      .whereIn('action', [
        'staff.admin.role_granted',
        'staff.admin.role_removed',
        'staff.admin.department_added',
        'staff.admin.department_removed',
        'staff.admin.audit.viewed',
        'staff.admin.audit_exported',
      ])
      .count();
    const byActor = await admin.get(`/pentadbir/admin/audit?actor=${DEMO_STAFF.admin.ic}&action=group:admin`);
    const rows = [...byActor.html.matchAll(/<tr>\s*<td class="nowrap">/g)].length;
    assert.equal(rows, Math.min(50, Number((expected[0] as { count: number }).count)));

    await writeAudit(app.db, {
      action: 'staff.test.marker',
      actorAccountId: helpdeskId,
      subjectAccountId: adminId,
    });
    const bySubject = await admin.get(
      `/pentadbir/admin/audit?subject=${DEMO_STAFF.admin.ic}&actor=${DEMO_STAFF.helpdesk.ic}`,
    );
    assert.ok(visibleText(bySubject.html).includes('staff.test.marker'));

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const inRange = await admin.get(
      `/pentadbir/admin/audit?from=${today}&to=${today}&subject=${DEMO_STAFF.admin.ic}&actor=${DEMO_STAFF.helpdesk.ic}`,
    );
    assert.ok(visibleText(inRange.html).includes('staff.test.marker'));
    const before = await admin.get('/pentadbir/admin/audit?from=2020-01-01&to=2020-01-02');
    assert.match(visibleText(before.html), /0 rekod dijumpai/);
    const badDate = await admin.get('/pentadbir/admin/audit?from=2026-02-30');
    assert.equal(badDate.status, 400);
    const reversed = await admin.get('/pentadbir/admin/audit?from=2026-02-03&to=2026-02-01');
    assert.equal(reversed.status, 400);

    for (let i = 0; i < 60; i++)
      await writeAudit(app.db, { action: 'staff.test.filler', actorAccountId: helpdeskId });
    const page2 = await admin.get('/pentadbir/admin/audit?page=2');
    assert.equal(page2.status, 200);
    assert.ok(page2.html.includes('Halaman 2 daripada'));
  });

  test('the CSV export is streamed, filtered, audited and safe against formula injection', async () => {
    // A login attempt whose User-Agent is a spreadsheet formula.
    const attacker = new TestClient(app.baseUrl, {
      'user-agent': '=HYPERLINK("http://evil.example","klik")',
    });
    await attacker.get('/');
    await attacker.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    await attacker.post('/log-masuk/kata-laluan', { password: 'salah-sekali-lagi-123' });

    const res = await fetch(`${app.baseUrl}/pentadbir/admin/audit/eksport?action=login.failed`, {
      headers: { cookie: `ispeks.sid=${admin.cookie('ispeks.sid')}` },
      redirect: 'manual',
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="log-audit-/);
    const body = await res.text();
    const lines = body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'id,occurred_at,action,actor_login_id,subject_login_id,ip,user_agent,details');
    assert.ok(lines.length >= 2);
    assert.ok(
      lines.slice(1).every((l) => l.split(',')[2] === 'login.failed'),
      'filtered by action',
    );
    assert.ok(body.includes(`"'=HYPERLINK(""http://evil.example"",""klik"")"`), 'the formula is neutralised');
    assert.ok(!/(^|,)=HYPERLINK/m.test(body));
    assert.ok(
      await app
        .db('audit_log')
        .where({ action: 'staff.admin.audit_exported', actor_account_id: adminId })
        .first(),
    );
  });

  test('CSV cells: formulas prefixed with an apostrophe, quotes and line breaks quoted', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+60123'), "'+60123");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('biasa'), 'biasa');
  });
});
