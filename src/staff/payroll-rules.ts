/**
 * The payroll rules that a payslip must keep against the employee's payroll record (issue 12,
 * DESIGN 1.11, docs/payroll-import.md "Checks against the payroll record"). Pure functions, no
 * database: the import applies them to every row, and the demo seed and the scale generator
 * (seeds/, bench/scale/) generate their payslips through the same functions, so the data they make
 * passes the import's checks.
 */

/** A problem with a row: `field` is the CSV column it points at. */
export interface RuleProblem {
  field: 'kod' | 'no_gaji' | 'gred' | 'jawatan' | 'no_akaun' | 'amaun';
  key: string;
  params?: Record<string, string | number>;
}

export type GradeGroup = 'pelaksana' | 'pp';

export interface GradeScale {
  group: GradeGroup;
  /** Basic salary at the bottom and top of the grade (sen), before the SSPA revisions. */
  min: number;
  max: number;
  /** Annual increment (Kenaikan Gaji Tahunan), sen, before the SSPA revisions. */
  increment: number;
}

/** The salary scales by grade level (the number of the grade: W29 → 29). */
export const GRADE_SCALES: Readonly<Record<number, GradeScale>> = {
  11: { group: 'pelaksana', min: 1_360_00, max: 2_820_00, increment: 55_00 },
  19: { group: 'pelaksana', min: 1_650_00, max: 3_700_00, increment: 95_00 },
  29: { group: 'pelaksana', min: 2_050_00, max: 5_000_00, increment: 135_00 },
  41: { group: 'pp', min: 2_950_00, max: 9_000_00, increment: 220_00 },
  44: { group: 'pp', min: 4_850_00, max: 10_000_00, increment: 260_00 },
  48: { group: 'pp', min: 6_800_00, max: 11_500_00, increment: 300_00 },
  52: { group: 'pp', min: 8_200_00, max: 12_600_00, increment: 330_00 },
};

/**
 * The SSPA salary revisions (Sistem Saraan Perkhidmatan Awam), from the month (y*12 + m-1) they
 * took effect: a first rise in December 2024 and a second in January 2026, larger for the support
 * group (pelaksana) than for officers (P&P).
 */
export const SSPA_REVISIONS: readonly { fromMonthIndex: number; factor: Record<GradeGroup, number> }[] = [
  { fromMonthIndex: 2024 * 12 + 11, factor: { pelaksana: 1.08, pp: 1.06 } },
  { fromMonthIndex: 2026 * 12 + 0, factor: { pelaksana: 1.07, pp: 1.04 } },
];

/** The product of the SSPA revisions in force in a month (a month index, y*12 + m-1). */
export function revisionFactor(group: GradeGroup, monthIndex: number): number {
  let f = 1;
  for (const r of SSPA_REVISIONS) if (monthIndex >= r.fromMonthIndex) f *= r.factor[group];
  return f;
}

export function gradeLevel(grade: string): number {
  return Number(grade.replace(/^[A-Z]+/i, ''));
}

/** The letters of a grade name its service scheme (klasifikasi perkhidmatan): WA29 → WA. */
export function schemeCode(grade: string): string {
  return grade.replace(/[0-9]+$/, '').toUpperCase();
}

/**
 * One yearly increment of the grade in a month, as revised, rounded up to the ringgit; null for a
 * grade whose scale is not in the table.
 */
export function yearlyIncrementSen(grade: string, monthIndex: number): number | null {
  const scale = GRADE_SCALES[gradeLevel(grade)];
  if (!scale) return null;
  return Math.ceil((scale.increment * revisionFactor(scale.group, monthIndex)) / 100) * 100;
}

/** Deductions only a KWSP member pays, and the deduction only a pensionable officer pays. */
export const KWSP_MEMBER_CODES: readonly string[] = ['KWSP', 'PERKESO'];
export const PENSION_CODES: readonly string[] = ['PENCEN'];

/** The employee's payroll record, as far as the checks need it. */
export interface PayrollRecord {
  payrollNo: string;
  position: string;
  grade: string;
  isPensionable: boolean;
  bankAccount: string;
}

/** One row of a payslip as the import reads it (optional columns null when absent or empty). */
export interface PayslipRowFacts {
  code: string;
  payrollNo: string | null;
  position: string;
  grade: string;
  bankAccount: string | null;
}

const sameText = (a: string, b: string) =>
  a.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase() ===
  b.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
const digitsOf = (s: string) => s.replace(/[\s-]/g, '');

/** The code's contradiction with the retirement scheme of the record, if any (an error). */
export function codeContradiction(isPensionable: boolean, code: string): RuleProblem | null {
  if (isPensionable && KWSP_MEMBER_CODES.includes(code))
    return { field: 'kod', key: 'staff.import.err.kwspForPensionable', params: { code } };
  if (!isPensionable && PENSION_CODES.includes(code))
    return { field: 'kod', key: 'staff.import.err.pensionForKwsp', params: { code } };
  return null;
}

/** What in the row contradicts the record: errors, the row cannot be imported. */
export function rowContradictions(record: PayrollRecord, row: PayslipRowFacts): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (row.payrollNo !== null && digitsOf(row.payrollNo) !== digitsOf(record.payrollNo))
    out.push({
      field: 'no_gaji',
      key: 'staff.import.err.payrollNoMismatch',
      params: { found: row.payrollNo },
    });
  const code = codeContradiction(record.isPensionable, row.code);
  if (code) out.push(code);
  return out;
}

/**
 * What in the employee's payslip would change the record: warnings that the officer must accept
 * before the commit. Checked once per employee (on the employee's first row).
 */
export function rowChanges(record: PayrollRecord, row: PayslipRowFacts): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (row.grade.toUpperCase() !== record.grade.toUpperCase())
    out.push({
      field: 'gred',
      key: 'staff.import.warn.grade',
      params: { from: record.grade, to: row.grade },
    });
  if (schemeCode(row.grade) !== schemeCode(record.grade))
    out.push({
      field: 'gred',
      key: 'staff.import.warn.scheme',
      params: { from: schemeCode(record.grade), to: schemeCode(row.grade) },
    });
  if (!sameText(row.position, record.position))
    out.push({
      field: 'jawatan',
      key: 'staff.import.warn.position',
      params: { from: record.position, to: row.position },
    });
  if (row.bankAccount !== null && digitsOf(row.bankAccount) !== digitsOf(record.bankAccount))
    out.push({ field: 'no_akaun', key: 'staff.import.warn.bankAccount' });
  return out;
}

/**
 * Basic pay (GAJI) that moves from the employee's previous payslip by more than one yearly
 * increment of the record's grade (a warning). `monthIndex` is the pay month (y*12 + m-1).
 */
export function basicPayChange(
  recordGrade: string,
  previousSen: number | null,
  newSen: number,
  monthIndex: number,
): RuleProblem | null {
  if (previousSen === null || previousSen === newSen) return null;
  const increment = yearlyIncrementSen(recordGrade, monthIndex);
  if (increment !== null && Math.abs(newSen - previousSen) <= increment) return null;
  return {
    field: 'amaun',
    key: 'staff.import.warn.basicPay',
    params: { from: previousSen, to: newSen, increment: increment ?? 0 },
  };
}

/** The codes of a whole payslip that contradict the record's retirement scheme (for generators). */
export function slipContradictions(isPensionable: boolean, codes: readonly string[]): RuleProblem[] {
  return codes.map((c) => codeContradiction(isPensionable, c)).filter((p): p is RuleProblem => p !== null);
}
