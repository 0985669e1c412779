/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queries behind the measured pages: the feature code itself is
 * called on a knex instance whose 'query' events are captured, so the plans are those of the exact
 * SQL and parameters the app sends.
 */
import pg from 'pg';
import { createDb } from '../../src/core/db.js';
import { loadCurrentUser } from '../../src/core/current-user.js';
import { loadDashboard } from '../../src/dashboard/service.js';
import { listPayments } from '../../src/emaklum/queries.js';
import { findPublishedPayslip } from '../../src/epayslip/queries.js';

export interface ExplainedQuery {
  page: string;
  sql: string;
  bindings: unknown[];
  plan: string;
  executionMs: number;
}

export interface ExplainTarget {
  accountId: number;
  employeeId: number;
  year: number;
  month: number;
  searchFrom: string;
  searchTo: string;
}

export async function explainPages(url: string, t: ExplainTarget): Promise<ExplainedQuery[]> {
  const db = createDb(url, 2);
  const captured: { page: string; sql: string; bindings: unknown[] }[] = [];
  let page = '';
  db.on('query', (q: { sql: string; bindings?: unknown[] }) =>
    captured.push({ page, sql: q.sql, bindings: q.bindings ?? [] }),
  );
  try {
    page = 'every signed-in page: the current user';
    await loadCurrentUser(db, t.accountId);
    page = 'dashboard /laman-utama';
    await loadDashboard(db, t.employeeId);
    page = 'payslip /epayslip/:year/:month (and its PDF)';
    await findPublishedPayslip(db, t.employeeId, t.year, t.month);
    page = 'eMaklum search /emaklum?dari=…&hingga=…';
    const payee = { kind: 'employee' as const, employeeId: t.employeeId };
    const filter = { from: t.searchFrom, to: t.searchTo };
    // The page and its total in one query (a separate count only for a page past the end).
    await listPayments(db, payee, filter, 'tarikh_desc', { limit: 20, offset: 0 });
  } finally {
    await db.destroy();
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out: ExplainedQuery[] = [];
  try {
    for (const q of captured) {
      const res = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`,
        q.bindings,
      );
      const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
      const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
      out.push({ ...q, plan, executionMs });
    }
  } finally {
    await client.end();
  }
  return out;
}
