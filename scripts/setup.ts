/**
 * `npm run setup [-- --departments=FILE.csv]`: what an operator runs to make a fresh production
 * database ready, as the owner role (DATABASE_OWNER_URL, else DATABASE_URL). Idempotent: run it
 * again after an upgrade or with an updated file.
 * 1. the migrations, the reference catalogue (payslip codes with their EC categories, security
 *    questions, secret images, downloads) and the app role's privileges, as `npm run migrate`;
 * 2. with --departments, the departments (PTJ) from a CSV file with the header
 *    code,name,accounting_office_code,paying_centre_code,employer_e_number,lhdn_branch,address
 *    (matched by code: new ones added, existing ones updated, none removed).
 * Employees and accounts come from the Unit Gaji's payroll, never from here.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { createDb, TOOL_TIMEOUTS } from '../src/core/db.js';
import { appRoleFromEnv, ownerUrlFromEnv } from '../src/core/db-roles.js';
import { prepareDatabase } from '../migrations/prepare.js';

const COLUMNS = [
  'code',
  'name',
  'accounting_office_code',
  'paying_centre_code',
  'employer_e_number',
  'lhdn_branch',
  'address',
] as const;

const department = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{1,10}$/, 'code: 1 to 10 digits or capital letters'),
  name: z.string().trim().min(2).max(200),
  accounting_office_code: z.string().trim().min(1).max(10),
  paying_centre_code: z.string().trim().min(1).max(10),
  employer_e_number: z.string().trim().min(1).max(20),
  lhdn_branch: z.string().trim().min(1).max(100),
  address: z.string().trim().max(400),
});

function fail(message: string): never {
  process.stderr.write(`setup failed: ${message}\n`);
  process.exit(1);
}

/** Reads and checks the whole file first: nothing is written unless every row is right. */
function readDepartments(file: string): z.infer<typeof department>[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file), { columns: true, skip_empty_lines: true, bom: true, trim: true });
  } catch (err) {
    fail(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length > 0)
    fail(
      `${file}: needs the header ${COLUMNS.join(',')}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`,
    );
  const codes = new Set<string>();
  return records.map((record, i) => {
    const row = department.safeParse(record);
    if (!row.success) fail(`${file}, row ${i + 2}: ${row.error.issues.map((x) => x.message).join('; ')}`);
    if (codes.has(row.data.code)) fail(`${file}, row ${i + 2}: department ${row.data.code} appears twice`);
    codes.add(row.data.code);
    return row.data;
  });
}

const url = ownerUrlFromEnv();
if (!url) fail('DATABASE_OWNER_URL (or DATABASE_URL) is required');
const file = process.argv.find((a) => a.startsWith('--departments='))?.slice('--departments='.length);
const departments = file ? readDepartments(file) : [];

const db = createDb(url, 2, undefined, TOOL_TIMEOUTS);
try {
  const grants = await prepareDatabase(db, appRoleFromEnv());
  process.stdout.write('schema, reference data and privileges: up to date\n');
  if (grants === 'self')
    process.stdout.write('warning: single-role installation (docs/operations-database.md)\n');
  if (departments.length > 0) {
    const added = await db.transaction(async (trx) => {
      const known = new Set(await trx('departments').pluck<string[]>('code'));
      await trx('departments')
        .insert(departments)
        .onConflict('code')
        .merge([...COLUMNS.filter((c) => c !== 'code')]);
      return departments.filter((d) => !known.has(d.code)).length;
    });
    process.stdout.write(`departments: ${departments.length} in ${file} (${added} new)\n`);
  }
} catch (err) {
  process.stderr.write(`setup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
