/**
 * The benchmark's payday run (issue 15, item 4) works against the real app: the accounts it adds
 * and the sessions it clones from a form login are accepted, every employee's PDF of the month
 * is served once, and the made sessions are gone afterwards. No timing is asserted.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { login } from '../../bench/lib/login.js';
import { payday } from '../../bench/lib/payday.js';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let app: TestApp;

before(async () => {
  app = await startTestApp({ sender: false });
});

after(async () => {
  await app?.close();
});

test('payday serves this month’s PDF once to each of many employees signed in without the form', async () => {
  const cookie = await login(app.baseUrl, DEMO.activeEmployee.ic, DEMO_PASSWORD, '10.0.0.1');
  const sessions = async () => Number((await app.database.owner('session').count({ n: '*' }))[0]!.n);
  const accountsBefore = Number((await app.database.owner('accounts').count({ n: '*' }))[0]!.n);
  const sessionsBefore = await sessions();
  const withSlip = await app.database.owner.raw<{ rows: { n: number }[] }>(
    `SELECT count(DISTINCT employee_id)::int AS n FROM payslips
      WHERE (year, month) = (SELECT year, month FROM payslips WHERE published_at <= now()
                              ORDER BY year DESC, month DESC LIMIT 1)`,
  );
  const wanted = Math.min(6, withSlip.rows[0]!.n);
  assert.ok(wanted >= 2, 'the demo data has this month’s payslips for several employees');

  const r = await payday({
    url: app.database.ownerUrl,
    baseUrl: app.baseUrl,
    sessionSecret: app.config.sessionSecret,
    templateCookie: cookie,
    employees: wanted,
    connections: 2,
    maxSeconds: 0,
    appPid: process.pid,
    log: () => {},
  });
  assert.equal(r.employees, wanted);
  assert.equal(r.served, wanted, 'every employee got the PDF');
  assert.equal(r.failed, 0);
  assert.match(r.period, /^\d{4}-\d{2}$/);
  const stored = await app.database.owner.raw<{ rows: { t: string | null }[] }>(
    "SELECT to_regclass('payslip_pdfs')::text AS t",
  );
  assert.equal(r.storedBytes === undefined, stored.rows[0]!.t === null);
  // Accounts were added for employees who had none (kept); the made sessions are gone.
  const accountsAfter = Number((await app.database.owner('accounts').count({ n: '*' }))[0]!.n);
  assert.ok(accountsAfter >= accountsBefore);
  assert.equal(await sessions(), sessionsBefore);
});
