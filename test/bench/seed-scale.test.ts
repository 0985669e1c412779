/**
 * Smoke test of `npm run seed:scale` (issue 7) at a tiny size: it replaces a test database's data
 * (--reset), and leaves consistent rows, every key, index and foreign key back in place, working
 * sequences and payslips that keep the payroll's money rules. No timing is asserted.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifySecret } from '../../src/core/passwords.js';
import { SCALE_PASSWORD } from '../../bench/scale/accounts.js';
import { BULK_TABLES } from '../../bench/scale/load.js';
import type { Knex } from 'knex';
import { createDb } from '../../src/core/db.js';
import { urlOf } from '../../src/core/db-roles.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { payrollRecordViolations } from '../staff/staff-helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let database: TestDatabase;
/**
 * seed:scale --reset rolls every migration back and forward (the audit log's event triggers
 * included) and drops and rebuilds indexes: a superuser's work on a benchmark database, so this
 * test gives it, and reads through, the server's superuser rather than the app or owner role.
 */
let su: Knex;
let suUrl: string;
let reportDir: string;
let report: { rows: Record<string, number>; totalRows: number };

/** Names of the keys, indexes and foreign keys of the bulk tables and of those referring to them. */
async function schemaObjects(): Promise<string[]> {
  const r = await su.raw<{ rows: { name: string }[] }>(
    `SELECT c.conrelid::regclass || '.' || c.conname || ':' || c.convalidated AS name FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'f') AND (c.conrelid = ANY(?::regclass[]) OR c.confrelid = ANY(?::regclass[]))
     UNION ALL
     SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = ANY(?::regclass[])
     ORDER BY 1`,
    [BULK_TABLES, BULK_TABLES, BULK_TABLES],
  );
  return r.rows.map((x) => x.name);
}

let before_: string[];

before(async () => {
  database = await createTestDatabase();
  suUrl = urlOf(process.env.TEST_PG_SERVER_URL ?? '', database.name);
  su = createDb(suUrl, 2);
  before_ = await schemaObjects();
  reportDir = mkdtempSync(path.join(tmpdir(), 'seed-scale-'));
  const args = [
    '--import',
    'tsx',
    'scripts/seed-scale.ts',
    '--employees',
    '50',
    '--months',
    '2',
    '--accounts',
    '20',
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...args, '--today', '2026-11-26', '--reset', '--report-file', path.join(reportDir, 'report.json')],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: suUrl }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`seed:scale exited ${code}:\n${out}`)),
    );
  });
  assert.match(output, /loaded [\d,]+ rows in [\d.]+ s \([\d,]+ rows\/s/);
  report = JSON.parse(readFileSync(path.join(reportDir, 'report.json'), 'utf8')) as typeof report;
});

after(async () => {
  await su?.destroy();
  await database?.drop();
  if (reportDir) rmSync(reportDir, { recursive: true, force: true });
});

const count = async (sql: string) =>
  Number((await su.raw<{ rows: { n: string }[] }>(`SELECT (${sql}) AS n`)).rows[0]?.n);

test('fills the asked number of employees, their payslips and the rest, and reports the counts', async () => {
  assert.equal(await count('SELECT count(*) FROM employees'), 50);
  assert.equal(await count('SELECT count(*) FROM accounts'), 20);
  assert.equal(await count("SELECT count(*) FROM accounts WHERE status = 'active'"), 20);
  assert.equal(await count('SELECT count(*) FROM payroll_imports'), 2);
  const payslips = await count('SELECT count(*) FROM payslips');
  assert.ok(payslips > 50 && payslips <= 100, `payslips: ${payslips}`);
  assert.equal(
    await count('SELECT count(*) FROM (SELECT 1 FROM payslips GROUP BY employee_id HAVING count(*) > 2) x'),
    0,
  );
  assert.equal(
    await count('SELECT count(*) FROM payslips WHERE (year, month) NOT IN ((2026, 9), (2026, 10))'),
    0,
  );
  assert.ok((await count('SELECT count(*) FROM payslip_lines')) >= payslips * 4);
  assert.ok((await count('SELECT count(*) FROM payments')) > 0);
  for (const [table, n] of Object.entries(report.rows)) {
    assert.equal(await count(`SELECT count(*) FROM ${table}`), n, `report count of ${table}`);
  }
});

test('every payslip has a positive net pay and keeps the 60% rule', async () => {
  const broken = await su.raw<{ rows: { id: number }[] }>(`
    SELECT p.id FROM payslips p
      JOIN payslip_lines l ON l.payslip_id = p.id
      JOIN payslip_codes c ON c.code = l.code
     GROUP BY p.id
    HAVING sum(l.amount_sen) FILTER (WHERE l.kind = 'earning')
             - coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'deduction'), 0) <= 0
        OR coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'deduction' AND NOT c.is_housing_loan), 0) * 10
             > sum(l.amount_sen) FILTER (WHERE l.kind = 'earning') * 6
        OR count(*) FILTER (WHERE l.code = 'GAJI') <> 1`);
  assert.deepEqual(broken.rows, []);
  assert.equal(
    await count(
      'SELECT count(*) FROM payslip_lines l JOIN payslip_codes c ON c.code = l.code WHERE c.kind <> l.kind',
    ),
    0,
  );
});

// As the server superuser, as the other checks here: --reset recreates the bulk tables outside the app role.
test('payslips keep the payroll record: the import’s checks (src/staff/payroll-rules.ts) find nothing', async () => {
  assert.deepEqual(await payrollRecordViolations(su), []);
});

test('keys, indexes and foreign keys are all back and valid, and the sequences go on after the data', async () => {
  assert.deepEqual(await schemaObjects(), before_);
  for (const t of BULK_TABLES.filter((x) => x !== 'account_answers')) {
    const ok = await count(
      `SELECT nextval(pg_get_serial_sequence('${t}', 'id')) > (SELECT coalesce(max(id), 0) FROM ${t})`,
    );
    assert.equal(ok, 1, `sequence of ${t}`);
  }
});

test('the accounts share one working argon2id hash of the documented password', async () => {
  const row = await su('accounts').first<{ password_hash: string }>('password_hash');
  assert.ok(row);
  assert.equal(await count('SELECT count(DISTINCT password_hash) FROM accounts'), 1);
  assert.equal(await verifySecret(row.password_hash, SCALE_PASSWORD), true);
});
