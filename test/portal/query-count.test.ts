import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/http.js';
import { employeeIdOf, signIn } from './portal-helpers.js';

/**
 * Every statement any pg client of this process sends (knex's pool, the session store's pool, the
 * hot queries' named statements): one per database round trip. Counted at pg's level because the
 * hot queries and the session store bypass knex (its 'query' event would miss them).
 */
const sent: string[] = [];
let counting = false;
const originalQuery = pg.Client.prototype.query;
function countRoundTrips(): () => void {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    if (counting) sent.push(typeof first === 'string' ? first : String(first?.text ?? ''));
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  return () => {
    pg.Client.prototype.query = originalQuery;
  };
}

/** The statements one request sends, in order (the response is complete, the session saved). */
async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  counting = true;
  try {
    await request();
    // express-session saves after the response has gone out: give that write time to be sent.
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    counting = false;
  }
  return [...sent];
}

/** The dashboard and the payslip page cost a fixed number of queries, whatever the user's history. */
describe('query counts do not grow with the user’s history', () => {
  let app: TestApp;
  let restore: () => void;
  const count = async (client: TestClient, path: string) => {
    const statements = await statementsOf(async () => {
      const page = await client.get(path);
      assert.equal(page.status, 200, path);
    });
    return statements.length;
  };

  before(async () => {
    restore = countRoundTrips();
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app?.close();
    restore?.();
  });

  test('dashboard, payslip list and payslip page: same count before and after adding years of history', async (t) => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const latest = await app
      .db('payslips')
      .where('employee_id', employeeId)
      .whereNotNull('published_at')
      .orderBy([
        { column: 'year', order: 'desc' },
        { column: 'month', order: 'desc' },
      ])
      .first();
    const slipPath = `/epayslip/${latest.year}/${latest.month}`;
    const paths = ['/laman-utama', slipPath, '/epayslip', `/eec/${latest.year}`, '/emaklum', '/permohonan'];
    const before: Record<string, number> = {};
    for (const p of paths) before[p] = await count(client, p);

    // Many more months, lines, payments, loans and applications for this user.
    const template = await app.db('payslips').where('id', latest.id).first();
    const lines = await app.db('payslip_lines').where('payslip_id', latest.id);
    for (let year = 2010; year <= 2017; year++) {
      for (let month = 1; month <= 12; month++) {
        const [row] = await app
          .db('payslips')
          .insert({
            ...template,
            id: undefined,
            year,
            month,
            created_at: undefined,
            published_at: new Date(`${year}-${String(month).padStart(2, '0')}-20`),
          })
          .returning('id');
        await app.db('payslip_lines').insert(lines.map((l) => ({ ...l, id: undefined, payslip_id: row.id })));
      }
    }
    const dept = await app.db('departments').first('id');
    await app.db('payments').insert(
      Array.from({ length: 300 }, (_, i) => ({
        payee_kind: 'employee',
        payee_id_no: DEMO.activeEmployee.ic,
        payee_name: DEMO.activeEmployee.name,
        voucher_no: `QC-${i}`,
        reference_no: `QC/REF/${i}`,
        description: 'Ujian bilangan pertanyaan',
        department_id: dept.id,
        amount_sen: 1000 + i,
        method: 'EFT',
        instrument_no: `EFT${i}`,
        bank_name: 'Bank Islam',
        bank_account: '12345678901234',
        voucher_date: '2026-01-15',
        payment_date: '2026-01-16',
        status: i % 2 ? 'SENT_TO_BANK' : 'RECEIVED_BY_BANK',
        status_date: '2026-01-16',
      })),
    );
    await app.db('loans').insert(
      Array.from({ length: 20 }, (_, i) => ({
        employee_id: employeeId,
        loan_type: 'PERSONAL',
        reference_no: `QC-LOAN-${i}`,
        amount_sen: 1_000_000,
        balance_sen: 500_000,
        monthly_sen: 10_000,
        start_date: '2020-01-01',
        end_date: '2030-01-01',
      })),
    );
    const apps = await app
      .db('applications')
      .insert(
        Array.from({ length: 200 }, (_, i) => ({
          employee_id: employeeId,
          module: ['AC', 'PROC', 'PY', 'SL', 'AIM'][i % 5],
          reference_no: `QC/APP/${i}`,
          title: 'Ujian',
          amount_sen: 100 * i,
          status: 'SUBMITTED',
          submitted_at: new Date(),
          updated_at: new Date(),
        })),
      )
      .returning('id');
    await app.db('application_status_history').insert(
      apps.map((a: { id: number }) => ({
        application_id: a.id,
        status: 'SUBMITTED',
        changed_at: new Date(),
        changed_by: 'ujian',
      })),
    );

    for (const p of paths) {
      const afterCount = await count(client, p);
      t.diagnostic(`${p}: ${before[p]} queries before, ${afterCount} after`);
      assert.equal(afterCount, before[p], `${p} went from ${before[p]} to ${afterCount} queries`);
    }
    // The session row with the current user (one statement), then ONE statement for the page.
    assert.equal(before['/laman-utama'], 2, 'dashboard: session + user, the dashboard');
    assert.equal(before[slipPath], 2, 'payslip page: session + user, the payslip');
  });

  test('a user with little history costs the same number of queries as one with much', async () => {
    const few = await app
      .db('accounts as a')
      .join('employees as e', 'e.id', 'a.employee_id')
      .leftJoin('payslips as p', 'p.employee_id', 'e.id')
      .where({ 'a.status': 'active', 'a.kind': 'employee' })
      .whereNull('a.locked_until')
      .groupBy('e.ic_no')
      .orderByRaw('count(p.id)')
      .first<{ ic_no: string }>('e.ic_no');
    const a = await signIn(app, few.ic_no);
    const b = await signIn(app, DEMO.activeEmployee.ic);
    assert.equal(await count(a, '/laman-utama'), await count(b, '/laman-utama'));
    const latest = async (ic: string) =>
      app
        .db('payslips as p')
        .join('employees as e', 'e.id', 'p.employee_id')
        .where('e.ic_no', ic)
        .whereNotNull('p.published_at')
        .orderBy([
          { column: 'p.year', order: 'desc' },
          { column: 'p.month', order: 'desc' },
        ])
        .first('p.year', 'p.month');
    const la = await latest(few.ic_no);
    const lb = await latest(DEMO.activeEmployee.ic);
    assert.equal(
      await count(a, `/epayslip/${la.year}/${la.month}`),
      await count(b, `/epayslip/${lb.year}/${lb.month}`),
    );
  });
});

/**
 * The round trips of each hot page, pinned (issue 15): a statement added to one of them fails
 * here, with the list of what the page sent.
 */
describe('round trips of the hot pages', () => {
  let app: TestApp;
  let restore: () => void;
  const writes = (statements: string[]) => statements.filter((s) => /^\s*(insert|update|delete)\b/i.test(s));

  before(async () => {
    restore = countRoundTrips();
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app?.close();
    restore?.();
  });

  test('the anonymous login page reads nothing and writes nothing', async () => {
    const client = new TestClient(app.baseUrl);
    const statements = await statementsOf(async () => assert.equal((await client.get('/')).status, 200));
    assert.deepEqual(writes(statements), [], 'no session row, no write');
    assert.equal(statements.length, 0, statements.join('\n---\n'));
  });

  test('signed in: dashboard, payslip page and eMaklum search each take two round trips, no write', async () => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const latest = await app
      .db('payslips')
      .where('employee_id', employeeId)
      .whereNotNull('published_at')
      .whereNull('superseded_by')
      .orderBy([
        { column: 'year', order: 'desc' },
        { column: 'month', order: 'desc' },
      ])
      .first<{ year: number; month: number }>('year', 'month');
    const pages = {
      '/laman-utama': /laman utama|dashboard/i,
      [`/epayslip/${latest!.year}/${latest!.month}`]: /slip gaji/i,
      '/emaklum?dari=2020-01-01&hingga=2030-12-31&status=SENT_TO_BANK': /emaklum/i,
      '/emaklum?rujukan=REF': /emaklum/i,
    };
    for (const path of Object.keys(pages)) await client.get(path); // the first view may clear a notice
    for (const [path, heading] of Object.entries(pages)) {
      let html = '';
      const statements = await statementsOf(async () => {
        const page = await client.get(path);
        assert.equal(page.status, 200, path);
        html = page.html;
      });
      assert.match(html, heading, path);
      const list = statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 100)).join('\n');
      assert.deepEqual(writes(statements), [], `${path} wrote:\n${list}`);
      // 1: the session row joined with the account (src/middleware/session-store.ts); 2: the page.
      assert.equal(statements.length, 2, `${path} sent:\n${list}`);
      assert.match(statements[0]!, /FROM session s\s+LEFT JOIN accounts a/, path);
    }
  });
});
