/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queries behind the measured pages: the feature code itself is
 * called and every statement a pg client sends meanwhile is captured (knex's and the named hot
 * statements of src/core/hot-query.ts alike), so the plans are those of the exact SQL and
 * parameters the app sends.
 */
import pg from 'pg';
import { createDb } from '../../src/core/db.js';
import { SESSION_WITH_ACCOUNT } from '../../src/middleware/session-store.js';
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
  const originalQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (page && typeof first === 'string') {
      captured.push({ page, sql: first, bindings: Array.isArray(second) ? second : [] });
    } else if (page && first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      captured.push({ page, sql: q.text, bindings: q.values ?? [] });
    }
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    // A session row of the account for the statement to find, removed afterwards.
    await db.raw(
      `INSERT INTO session (sid, sess, expire) VALUES ('bench-explain', json_build_object('accountId', ?::int), now() + interval '1 hour')
       ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expire = excluded.expire`,
      [t.accountId],
    );
    const raw = (await db.client.acquireConnection()) as pg.Client;
    page = 'every signed-in page: the session with its account (one statement)';
    try {
      await raw.query({ ...SESSION_WITH_ACCOUNT, values: ['bench-explain'] });
    } finally {
      await db.client.releaseConnection(raw);
    }
    page = '';
    await db.raw(`DELETE FROM session WHERE sid = 'bench-explain'`);
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
    page = '';
    pg.Client.prototype.query = originalQuery;
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
