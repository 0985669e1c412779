import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import {
  accountId,
  buildCsv,
  callRoute,
  employeeId,
  fillPath,
  routeRole,
  signedIn,
  slipFor,
  staffRoutes,
  uploadCsv,
  type StaffRoute,
} from './staff-helpers.js';

/**
 * Roles and scope of Pengurusan Pentadbir (issue 5, acceptance "Scope"): every staff route is
 * walked from the router table, so a route added later cannot be forgotten.
 */
describe('staff routes: roles and scope', () => {
  let app: TestApp;
  let routes: StaffRoute[];
  let params: Record<string, string | number>;

  before(async () => {
    app = await startTestApp();
    routes = staffRoutes(app);
    params = {
      employeeId: await employeeId(app.db, DEMO.activeEmployee.ic),
      accountId: await accountId(app.db, DEMO.activeEmployee.ic),
      uploadId: 1,
      feedId: 1,
      year: 2030,
      month: 1,
    };
  });
  after(async () => {
    await app?.close();
  });

  test('the router table lists every section and each route has a known role', () => {
    assert.ok(routes.length >= 20, `only ${routes.length} staff routes found`);
    const sections = new Set(routes.map((r) => routeRole(r.path)));
    assert.deepEqual([...sections].sort(), ['admin', 'any', 'helpdesk', 'payroll', 'treasury']);
  });

  test('an anonymous visitor is sent to the login page from every staff route', async () => {
    for (const r of routes) {
      const client = new TestClient(app.baseUrl);
      await client.get('/');
      const page = await callRoute(client, r.method, fillPath(r.path, params));
      assert.equal(page.status, 303, `${r.method} ${r.path}`);
      // A GET keeps the page asked for to come back to after login (issue 14 item 2).
      assert.equal(page.location?.replace(/\?kembali=%2Fpentadbir.*$/, ''), '/', `${r.method} ${r.path}`);
    }
  });

  test('a civil servant without a staff role gets 403 on EVERY staff route', async () => {
    const client = await signedIn(app, DEMO.activeEmployee.ic);
    for (const r of routes) {
      const url = fillPath(r.path, params);
      const page = await callRoute(client, r.method, url);
      assert.equal(page.status, 403, `${r.method} ${url} gave ${page.status}`);
      const text = visibleText(page.html);
      assert.ok(text.includes('Akses tidak dibenarkan'), `${r.method} ${url}: not the forbidden page`);
      assert.ok(
        !text.includes('Borang telah tamat tempoh'),
        `${r.method} ${url}: refused by CSRF, not by role`,
      );
    }
    // Their own portal still works, and the menu has no staff item.
    const own = await client.get('/epayslip');
    assert.equal(own.status, 200);
    assert.ok(!visibleText(own.html).includes('Pengurusan Pentadbir'));
  });

  test('each staff role gets 403 on the other roles’ routes and not on its own', async () => {
    const staff = [
      { role: 'payroll', ic: DEMO_STAFF.payroll.ic },
      { role: 'helpdesk', ic: DEMO_STAFF.helpdesk.ic },
      { role: 'admin', ic: DEMO_STAFF.admin.ic },
      { role: 'treasury', ic: DEMO_STAFF.treasury.ic },
    ] as const;
    for (const s of staff) {
      const client = await signedIn(app, s.ic);
      for (const r of routes.filter((x) => x.method === 'GET' && !x.path.includes(':'))) {
        const page = await client.get(fillPath(r.path, params));
        const own = routeRole(r.path) === s.role || routeRole(r.path) === 'any';
        if (own) assert.notEqual(page.status, 403, `${s.role} refused on own route GET ${r.path}`);
        else assert.equal(page.status, 403, `${s.role} allowed on GET ${r.path}`);
      }
      for (const r of routes.filter((x) => x.method === 'POST' && routeRole(x.path) !== s.role)) {
        const page = await callRoute(client, 'POST', fillPath(r.path, params));
        assert.equal(page.status, 403, `${s.role} allowed on POST ${r.path}`);
      }
    }
  });

  test('a civil servant who is also staff sees both the portal and the staff menu', async () => {
    const client = await signedIn(app, DEMO_STAFF.payroll.ic);
    const own = await client.get('/epayslip');
    assert.equal(own.status, 200);
    const text = visibleText(own.html);
    assert.ok(text.includes('Pengurusan Pentadbir') && text.includes('ePayslip'), 'both menus');
    const hub = await client.get('/pentadbir');
    assert.equal(hub.status, 200);
    assert.ok(visibleText(hub.html).includes('Unit Gaji'));
  });

  test('a payroll officer of department A gets 404 for an employee of department B on every employee route', async () => {
    const client = await signedIn(app, DEMO_STAFF.payroll.ic); // Perbendaharaan only
    const other = await employeeId(app.db, DEMO.secondActiveEmployee.ic); // JKR
    const before = await app.db('employees').where('id', other).first();
    // The Unit Gaji's employee routes (the helpdesk's hold release also names an employee).
    const employeeRoutes = routes.filter(
      (r) => r.path.includes(':employeeId') && routeRole(r.path) === 'payroll',
    );
    assert.ok(employeeRoutes.length >= 3, 'employee routes found');
    for (const r of employeeRoutes) {
      for (const id of [other, 999999, 'abc']) {
        const url = fillPath(r.path, { ...params, employeeId: id });
        const page = await callRoute(client, r.method, url);
        assert.equal(page.status, 404, `${r.method} ${url} gave ${page.status}`);
      }
    }
    // Nothing about the other department's employee changed or leaked.
    assert.deepEqual(await app.db('employees').where('id', other).first(), before);
    const search = await client.get(`/pentadbir/unit-gaji?q=${DEMO.secondActiveEmployee.ic}`);
    assert.ok(!search.html.includes(DEMO.secondActiveEmployee.name));
    // And the own department's employee is found.
    const mine = await client.get(`/pentadbir/unit-gaji/pekerja/${params.employeeId}`);
    assert.equal(mine.status, 200);
    assert.ok(visibleText(mine.html).includes(DEMO.activeEmployee.name));
  });

  test('an upload belongs to its officer: another officer gets 404 on every upload route', async () => {
    const owner = await signedIn(app, DEMO_STAFF.payroll.ic);
    // A valid file: the payslip agrees with the payroll record (issue 12).
    const csv = buildCsv(2030, 3, [await slipFor(app.db, DEMO.activeEmployee.ic)]);
    const uploaded = await uploadCsv(owner, csv);
    assert.equal(uploaded.status, 303);
    const uploadId = Number(/\/import\/(\d+)$/.exec(uploaded.location ?? '')?.[1]);
    assert.ok(uploadId > 0);
    const intruder = await signedIn(app, DEMO_STAFF.payrollTwoDepartments.ic);
    for (const r of routes.filter((x) => x.path.includes(':uploadId'))) {
      const url = fillPath(r.path, { ...params, uploadId });
      const page = await callRoute(intruder, r.method, url);
      assert.equal(page.status, 404, `${r.method} ${url}`);
    }
    assert.equal((await app.db('payroll_uploads').where('id', uploadId).first()).status, 'valid');
  });

  test('every staff page renders for a holder of all four roles, in Malay and in English, with no missing text', async () => {
    const adminId = await accountId(app.db, DEMO_STAFF.admin.ic);
    const deptId = (await app.db('departments').where('code', DEMO.activeEmployee.departmentCode).first()).id;
    await app.db('staff_roles').insert([
      { account_id: adminId, role: 'payroll' },
      { account_id: adminId, role: 'helpdesk' },
      { account_id: adminId, role: 'treasury' },
    ]);
    await app.db('staff_departments').insert({ account_id: adminId, department_id: deptId });
    const client = await signedIn(app, DEMO_STAFF.admin.ic);
    const good = buildCsv(2030, 4, [await slipFor(app.db, DEMO.activeEmployee.ic)]);
    const uploaded = await uploadCsv(client, good);
    const uploadId = Number(/\/import\/(\d+)$/.exec(uploaded.location ?? '')?.[1]);
    // A status file of the treasury, for the feed's preview page.
    const [feed] = await app
      .db('payment_status_uploads')
      .insert({
        uploaded_by: adminId,
        file_name: 'status.csv',
        content_sha256: '0'.repeat(64),
        status: 'invalid',
        problems: JSON.stringify([{ row: 2, field: 'no_baucar', key: 'treasury.err.voucherMissing' }]),
      })
      .returning('id');
    const values = { ...params, uploadId, feedId: Number(feed.id) };
    for (const lang of ['ms', 'en']) {
      await client.get(`/bahasa?lang=${lang}&next=/pentadbir`);
      for (const r of routes.filter((x) => x.method === 'GET')) {
        const url = fillPath(r.path, values);
        const page = await client.get(url);
        assert.equal(page.status, 200, `${lang} GET ${url} gave ${page.status}`);
        if (!(page.headers.get('content-type') ?? '').includes('html')) continue;
        const text = visibleText(page.html);
        // (The audit log page shows action codes such as staff.payroll.import_checked by design.)
        if (!url.includes('/admin/audit'))
          assert.doesNotMatch(
            text,
            /\bstaff\.[a-zA-Z]+\.[a-zA-Z.]+/,
            `${lang} GET ${url} shows a message key`,
          );
        assert.ok(text.includes(lang === 'ms' ? 'Pengurusan Pentadbir' : 'Administration'), `${lang} ${url}`);
      }
    }
    await client.get('/bahasa?lang=ms&next=/pentadbir');
  });

  test('the registration figures cover only the officer’s departments', async () => {
    const client = await signedIn(app, DEMO_STAFF.payrollTwoDepartments.ic);
    const page = await client.get('/pentadbir/unit-gaji/statistik');
    assert.equal(page.status, 200);
    for (const code of DEMO_STAFF.payrollTwoDepartments.departmentCodes)
      assert.ok(page.html.includes(`data-department="${code}"`), code);
    assert.ok(!page.html.includes(`data-department="${DEMO.activeEmployee.departmentCode}"`));
  });
});
