/**
 * The sample file of the payroll import ("Muat turun contoh fail", files/samples/), generated from
 * the demo payroll through the same rules as the seed (seeds/payroll.ts, which checks every slip
 * with src/staff/payroll-rules.ts): December 2026 payslips of three demo employees of Perbendaharaan
 * Negeri Selangor, as the demo data holds them when seeded in December 2026. So the sample agrees
 * with the payroll record (grade, post, retirement scheme, No. Gaji, bank account) and imports
 * without an error or a warning. `npm run sample:payroll` rewrites the file;
 * test/staff/import-record.test.ts proves the file is what this function makes.
 */
import { PAYSLIP_CODES } from './catalog.js';
import { monthIndexOf } from './dates.js';
import { DEMO, DEPT } from './demo-accounts.js';
import { buildEmployees } from './people.js';
import { buildLoans, payDate, payslipLines } from './payroll.js';

export const SAMPLE_TODAY = '2026-12-01';
export const SAMPLE_EMPLOYEES = ['activeEmployee', 'pendingEmployee', 'outdatedEmailEmployee'] as const;
export const SAMPLE_HEADER =
  'tahun,bulan,tarikh_bayar,no_kp,no_gaji,nama,kod_jabatan,jawatan,gred,no_akaun,kod,keterangan,amaun';

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const ringgit = (sen: number) => `${Math.floor(sen / 100)}.${String(sen % 100).padStart(2, '0')}`;

export function samplePayrollCsv(today = SAMPLE_TODAY): string {
  const month = monthIndexOf(today);
  const windowStart = month - 1 - 23;
  const employees = buildEmployees(today, windowStart);
  const loans = buildLoans(employees, windowStart, month - 1);
  const year = Math.floor(month / 12);
  const rows = [SAMPLE_HEADER];
  for (const key of SAMPLE_EMPLOYEES) {
    const e = employees.find((x) => x.key === `demo:${key}`);
    if (!e || e.departmentCode !== DEPT.perbendaharaan) throw new Error(`sample: no demo employee ${key}`);
    if (e.ic_no !== DEMO[key].ic) throw new Error(`sample: ${key} has another IC`);
    const lines = payslipLines(
      e,
      month,
      loans.filter((l) => l.employeeKey === e.key),
    );
    for (const l of lines) {
      const description = l.description === CODE_DESCRIPTIONS.get(l.code) ? '' : l.description;
      rows.push(
        [
          String(year),
          String((month % 12) + 1),
          payDate(month),
          e.ic_no,
          e.payroll_no,
          e.name,
          e.departmentCode,
          e.position,
          e.grade,
          e.bank_account,
          l.code,
          description,
          ringgit(l.amount_sen),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

const CODE_DESCRIPTIONS = new Map(PAYSLIP_CODES.map((c) => [c.code, c.description_ms]));
