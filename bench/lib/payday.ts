/**
 * The payday run (issue 15, item 4): this month's payslip PDF for many distinct employees, each
 * requested once, CONNECTIONS at a time: time to serve them all, and the database size the stored
 * PDFs add (the `payslip_pdfs` table, when the app stores them).
 *
 * Logging 50,000 people in through the form would cost 50,000 argon2 verifications, so the bench
 * makes them cheaply in its own database instead: an active account (the scale seed's shared
 * password hash) for each employee with this month's payslip who has none, and a signed-in session
 * for each, cloned from a real session the login form made, signed with the app's secret.
 */
import autocannon from 'autocannon';
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import { SESSION_COOKIE_NAME } from './login.js';
import { cpuOfTree, machineBusySeconds } from './procstat.js';
import type { PaydayResult } from './report.js';

/** The session ID in a signed express-session cookie (`name=s%3A<sid>.<signature>`). */
function sidOf(cookie: string): string {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
  return value.slice(2, value.lastIndexOf('.'));
}

/** The cookie express-session would send for `sid` (cookie-signature: HMAC-SHA256, base64, no padding). */
function cookieFor(sid: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE_NAME}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

async function tableSize(client: pg.Client, table: string): Promise<number | undefined> {
  const r = await client.query<{ bytes: string | null }>(
    `SELECT CASE WHEN to_regclass($1) IS NULL THEN NULL ELSE pg_total_relation_size($1) END AS bytes`,
    [table],
  );
  const b = r.rows[0]?.bytes;
  return b === null || b === undefined ? undefined : Number(b);
}

export interface PaydayOptions {
  url: string;
  baseUrl: string;
  sessionSecret: string;
  /** A signed-in session cookie made by the login form (the template of the others). */
  templateCookie: string;
  employees: number;
  connections: number;
  /** Stop after this long (0: no limit); the time for all is then extrapolated. */
  maxSeconds: number;
  appPid: number;
  pgPid?: number;
  log: (line: string) => void;
}

export async function payday(o: PaydayOptions): Promise<PaydayResult> {
  const client = new pg.Client({ connectionString: o.url });
  await client.connect();
  const sids: string[] = [];
  try {
    const period = await client.query<{ year: number; month: number }>(
      `SELECT year, month FROM payslips WHERE published_at <= now() ORDER BY year DESC, month DESC LIMIT 1`,
    );
    const { year, month } = period.rows[0]!;
    const created = await client.query(
      `INSERT INTO accounts (login_id, kind, employee_id, status, password_hash, secret_phrase,
                             secret_image_id, activated_at, password_changed_at)
       SELECT e.ic_no, 'employee', e.id, 'active', t.password_hash, t.secret_phrase, t.secret_image_id, now(), now()
         FROM employees e
         JOIN payslips p ON p.employee_id = e.id AND p.year = $1 AND p.month = $2 AND p.published_at <= now()
        CROSS JOIN (SELECT password_hash, secret_phrase, secret_image_id FROM accounts
                     WHERE kind = 'employee' AND status = 'active' ORDER BY id LIMIT 1) t
        WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.employee_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.login_id = e.ic_no)
        ORDER BY e.id
        LIMIT greatest(0, $3::int - (SELECT count(*) FROM accounts a JOIN payslips q ON q.employee_id = a.employee_id
                                      AND q.year = $1 AND q.month = $2 WHERE a.status = 'active'))
       ON CONFLICT DO NOTHING`,
      [year, month, o.employees],
    );
    const accounts = await client.query<{ id: number }>(
      `SELECT a.id FROM accounts a
         JOIN payslips p ON p.employee_id = a.employee_id AND p.year = $1 AND p.month = $2 AND p.published_at <= now()
        WHERE a.status = 'active' AND a.kind = 'employee' AND a.locked_until IS NULL
        ORDER BY a.id LIMIT $3`,
      [year, month, o.employees],
    );
    const template = await client.query<{ sess: Record<string, unknown> }>(
      'SELECT sess FROM session WHERE sid = $1',
      [sidOf(o.templateCookie)],
    );
    if (!template.rows[0]) throw new Error('the template session is not in the session table');
    const now = Date.now();
    const sess = accounts.rows.map((a) => {
      sids.push(randomBytes(24).toString('base64url'));
      return JSON.stringify({ ...template.rows[0]!.sess, accountId: a.id, loginAt: now, lastSeenAt: now });
    });
    await client.query(
      `INSERT INTO session (sid, sess, expire)
       SELECT * FROM unnest($1::text[], $2::json[], array_fill(now() + interval '1 day', ARRAY[$3::int]))`,
      [sids, sess, sids.length],
    );
    const cookies = sids.map((sid) => cookieFor(sid, o.sessionSecret));
    const path = `/epayslip/${year}/${String(month).padStart(2, '0')}.pdf`;
    o.log(
      `payday: ${cookies.length} employees (${created.rowCount ?? 0} accounts added) download ${path} once each, ${o.connections} at a time`,
    );
    const probe = await fetch(`${o.baseUrl}${path}`, {
      headers: { cookie: cookies[0]! },
      redirect: 'manual',
    });
    await probe.arrayBuffer();
    if (probe.status !== 200 || !probe.headers.get('content-type')?.includes('pdf'))
      throw new Error(`a made session's PDF answered ${probe.status}: the session store has changed?`);
    const sizeBefore = await tableSize(client, 'payslip_pdfs');

    let next = 1;
    let ok = 0;
    let failed = 0;
    const before = {
      app: cpuOfTree(o.appPid),
      pg: o.pgPid ? cpuOfTree(o.pgPid) : 0,
      all: machineBusySeconds(),
    };
    const started = performance.now();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: o.baseUrl,
          connections: o.connections,
          amount: cookies.length - 1,
          requests: [
            {
              method: 'GET',
              path,
              setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: cookies[next++]! } }),
              onResponse: (status) => (status === 200 ? ok++ : failed++),
            },
          ],
        },
        (err: unknown, r: autocannon.Result) => (err ? reject(err as Error) : resolve(r)),
      );
      if (o.maxSeconds > 0) {
        const timer = setTimeout(() => instance.stop(), o.maxSeconds * 1000);
        instance.on('done', () => clearTimeout(timer));
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const served = ok + 1;
    const sizeAfter = await tableSize(client, 'payslip_pdfs');
    const stored =
      sizeAfter === undefined
        ? undefined
        : await client.query<{ n: number }>('SELECT count(*)::int AS n FROM payslip_pdfs');
    return {
      employees: cookies.length,
      served,
      failed: failed + result.errors + result.timeouts,
      seconds,
      rps: ok / seconds,
      allSeconds: ok > 0 ? (seconds * cookies.length) / (ok + failed) : 0,
      p50: result.latency.p50,
      p99: result.latency.p99,
      appCpuMs: ((cpuOfTree(o.appPid) - before.app) * 1000) / Math.max(1, ok),
      pgCpuMs: o.pgPid ? ((cpuOfTree(o.pgPid) - before.pg) * 1000) / Math.max(1, ok) : 0,
      storedBytesBefore: sizeBefore,
      storedBytes: sizeAfter,
      storedRows: stored?.rows[0]?.n,
      period: `${year}-${String(month).padStart(2, '0')}`,
    };
  } finally {
    // The made sessions go (the accounts stay: the next run finds them and adds none).
    if (sids.length) await client.query('DELETE FROM session WHERE sid = ANY($1)', [sids]).catch(() => {});
    await client.end();
  }
}
