/** What the benchmark reads from its database before the runs: is there data, and whom to sign in. */
import pg from 'pg';

/** True when the database exists and holds employees with active accounts. */
export async function hasScaleData(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ n: number }>(
      `SELECT CASE WHEN to_regclass('public.accounts') IS NULL THEN 0
                   ELSE (SELECT count(*)::int FROM (SELECT 1 FROM accounts WHERE status = 'active' LIMIT 10) x) END AS n`,
    );
    return (r.rows[0]?.n ?? 0) >= 10;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface SampleUser {
  accountId: number;
  employeeId: number;
  loginId: string;
  periods: { year: number; month: number }[];
  payments: number;
  cookie?: string;
}

/** A fixed-seed sample of active employee accounts with published payslips. */
export async function sampleUsers(
  url: string,
  n: number,
): Promise<{ users: SampleUser[]; counts: Record<string, number>; pgVersion: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const users = await client.query<{
      account_id: number;
      employee_id: number;
      login_id: string;
      payments: number;
    }>(
      `SELECT a.id AS account_id, e.id AS employee_id, a.login_id,
              (SELECT count(*)::int FROM payments p WHERE p.payee_kind = 'employee' AND p.payee_id_no = e.ic_no) AS payments
         FROM accounts a JOIN employees e ON e.id = a.employee_id
        WHERE a.status = 'active' AND a.kind = 'employee' AND e.status = 'active' AND a.locked_until IS NULL
          AND EXISTS (SELECT 1 FROM payslips p WHERE p.employee_id = e.id AND p.published_at <= now())
        ORDER BY md5(a.login_id) LIMIT $1`,
      [n],
    );
    const out: SampleUser[] = [];
    for (const u of users.rows) {
      const periods = await client.query<{ year: number; month: number }>(
        `SELECT year, month FROM payslips WHERE employee_id = $1 AND published_at <= now() ORDER BY year, month`,
        [u.employee_id],
      );
      out.push({
        accountId: u.account_id,
        employeeId: u.employee_id,
        loginId: u.login_id,
        periods: periods.rows,
        payments: u.payments,
      });
    }
    const counts: Record<string, number> = {};
    for (const t of [
      'employees',
      'payslips',
      'payslip_lines',
      'payments',
      'loans',
      'applications',
      'accounts',
    ]) {
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`);
      counts[t] = Number(r.rows[0]?.n ?? 0);
    }
    const v = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return { users: out, counts, pgVersion: v.rows[0]?.v ?? '' };
  } finally {
    await client.end();
  }
}
