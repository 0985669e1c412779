import type { Knex } from 'knex';
import { PDFParse } from 'pdf-parse';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import type { TestApp } from '../helpers/app.js';
import { TestClient, login } from '../helpers/http.js';

/** A client signed in as the account with this login ID (every active demo account shares DEMO_PASSWORD). */
export async function signIn(app: TestApp, loginId: string): Promise<TestClient> {
  const client = new TestClient(app.baseUrl);
  const page = await login(client, loginId, DEMO_PASSWORD);
  if (page.status !== 200) throw new Error(`login as ${loginId} ended with ${page.status}`);
  return client;
}

export async function employeeIdOf(db: Knex, ic: string): Promise<number> {
  const row = await db('employees').where('ic_no', ic).first<{ id: number }>('id');
  if (!row) throw new Error(`no employee ${ic}`);
  return row.id;
}

/** "RM 1,234.56" written independently of formatMoney. */
export function rm(sen: number): string {
  const sign = sen < 0 ? '-' : '';
  const abs = Math.abs(sen);
  const ringgit = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}RM ${ringgit}.${String(abs % 100).padStart(2, '0')}`;
}

/** The text of an element marked with a data attribute, e.g. data-net-pay. */
export function dataText(html: string, attr: string): string | undefined {
  const m = new RegExp(`<[^>]*\\s${attr}(?:=[^\\s>]*)?[^>]*>([^<]*)<`).exec(html);
  return m?.[1]?.trim();
}

export async function pdfText(data: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data });
  try {
    const result = await parser.getText();
    return result.text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

export async function fetchBytes(
  client: TestClient,
  path: string,
): Promise<{ status: number; headers: Headers; body: Uint8Array }> {
  const cookie = ['ispeks.sid', 'ispeks.lang']
    .map((n) => (client.cookie(n) ? `${n}=${client.cookie(n)}` : ''))
    .filter(Boolean)
    .join('; ');
  const res = await fetch(new URL(path, client.baseUrl), { headers: { cookie }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

/** Published payslips of an employee with totals computed in SQL (independently of the app's queries). */
export async function publishedTotals(
  db: Knex,
  employeeId: number,
): Promise<{ year: number; month: number; earnings: number; deductions: number }[]> {
  const r = await db.raw<{ rows: { year: number; month: number; earnings: string; deductions: string }[] }>(
    `SELECT p.year, p.month,
            (SELECT coalesce(sum(amount_sen), 0) FROM payslip_lines WHERE payslip_id = p.id AND kind = 'earning') AS earnings,
            (SELECT coalesce(sum(amount_sen), 0) FROM payslip_lines WHERE payslip_id = p.id AND kind = 'deduction') AS deductions
       FROM payslips p WHERE p.employee_id = ? AND p.published_at IS NOT NULL AND p.published_at <= now()
      ORDER BY p.year, p.month`,
    [employeeId],
  );
  return r.rows.map((x) => ({
    year: x.year,
    month: x.month,
    earnings: Number(x.earnings),
    deductions: Number(x.deductions),
  }));
}

/**
 * Publishes a Slip Gaji Pindaan of a published payslip, as the import and the publication do it
 * (src/staff/import-month-queries.ts): a copy with its lines, `addSen` more on each line (or only
 * on the lines of `code`), the old one superseded. Returns the correction's id.
 */
export async function publishCorrection(
  db: Knex,
  payslipId: number,
  addSen: number,
  code?: string,
): Promise<number> {
  return db.transaction(async (trx) => {
    const old = (await trx('payslips').where('id', payslipId).first()) as Record<string, unknown>;
    const [fix] = await trx('payslips')
      .insert({
        ...old,
        id: undefined,
        created_at: undefined,
        published_at: null,
        amends_payslip_id: payslipId,
      })
      .returning<{ id: number }[]>('id');
    await trx.raw(
      `INSERT INTO payslip_lines (payslip_id, kind, code, description, amount_sen, sort_order)
       SELECT ?, kind, code, description, amount_sen + CASE WHEN ?::text IS NULL OR code = ? THEN ? ELSE 0 END, sort_order
         FROM payslip_lines WHERE payslip_id = ?`,
      [fix!.id, code ?? null, code ?? null, addSen, payslipId],
    );
    await trx('payslips')
      .where('id', payslipId)
      .update({ superseded_by: fix!.id, superseded_at: trx.fn.now() });
    await trx('payslips').where('id', fix!.id).update({ published_at: trx.fn.now() });
    return fix!.id;
  });
}
