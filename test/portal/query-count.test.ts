import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/http.js';
import { employeeIdOf, signIn } from './portal-helpers.js';

/** The dashboard and the payslip page cost a fixed number of queries, whatever the user's history. */
describe('query counts do not grow with the user’s history', () => {
  let app: TestApp;
  let queries = 0;
  const count = async (client: TestClient, path: string) => {
    queries = 0;
    const page = await client.get(path);
    assert.equal(page.status, 200, path);
    return queries;
  };

  before(async () => {
    app = await startTestApp({ sender: false });
    app.db.on('query', () => {
      queries++;
    });
  });
  after(async () => {
    await app?.close();
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
    // The current user and ONE dashboard statement (the session row is read by the store's own pool).
    assert.ok(before['/laman-utama']! <= 2, `dashboard: ${before['/laman-utama']} queries`);
    assert.ok(before[slipPath]! <= 3, `payslip: ${before[slipPath]} queries`);
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
