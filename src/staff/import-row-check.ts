import type { FieldProblem, ParsedRow } from './import-format.js';
import { sameName } from './import-format.js';
import { basicPayChange, rowChanges, rowContradictions, type PayrollRecord } from './payroll-rules.js';
import type { DepartmentRef, EmployeeRef, PayslipCodeRef, StagedRow, UploadError } from './import-queries.js';

export interface Period {
  year: number;
  month: number;
}

/**
 * What one batch's row checks need, already looked up: no database here, so the rules of a row
 * are unit-tested on their own (test/unit/import-row-check.unit.test.ts).
 */
export interface RowCheckFacts {
  /** The officer's departments. */
  scopeIds: ReadonlySet<number>;
  departments: ReadonlyMap<string, DepartmentRef>;
  codes: ReadonlyMap<string, PayslipCodeRef>;
  /** The file's month (the first row that names one), or null when no row did yet. */
  period: Period | null;
  /** The batch's employees by IC number, limited to the officer's departments. */
  employees: ReadonlyMap<string, EmployeeRef>;
  /** Each employee's basic pay of the month before, in sen. */
  basics: ReadonlyMap<number, number>;
  /**
   * Employees whose record changes were already warned about in this upload: the check adds to
   * it, so the warning comes once per employee across batches.
   */
  seen: Set<number>;
}

/** The file's month: the one already found, else the first row that names a year and a month. */
export function periodOf(rows: readonly ParsedRow[], found: Period | null): Period | null {
  if (found) return found;
  const first = rows.find((r) => r.year !== null && r.month !== null);
  return first ? { year: first.year!, month: first.month! } : null;
}

/**
 * Checks a batch of parsed rows: a row with a problem (its own, a lookup, a contradiction of the
 * payroll record) gives errors and is not staged; a good row is staged and may give warnings
 * (changes to the payroll record, once per employee; an unusual change of basic pay).
 */
export function checkRows(
  rows: readonly ParsedRow[],
  facts: RowCheckFacts,
): { staged: StagedRow[]; errors: UploadError[] } {
  const staged: StagedRow[] = [];
  const errors: UploadError[] = [];
  for (const row of rows) {
    const employee = row.ic ? facts.employees.get(row.ic) : undefined;
    const problems = [...row.problems, ...lookupProblems(row, employee, facts)];
    if (employee) problems.push(...recordProblems(row, employee));
    const warnings = employee && problems.length === 0 ? recordWarnings(row, employee, facts) : [];
    for (const w of warnings)
      errors.push({
        severity: 'warning',
        row_no: row.rowNo,
        field: w.field,
        message_key: w.key,
        params: w.params ?? {},
      });
    if (problems.length > 0) {
      for (const p of problems)
        errors.push({ row_no: row.rowNo, field: p.field, message_key: p.key, params: p.params ?? {} });
      continue;
    }
    const code = facts.codes.get(row.code!)!;
    staged.push({
      row_no: row.rowNo,
      employee_id: employee!.id,
      department_id: facts.departments.get(row.departmentCode!)!.id,
      position: row.position!,
      grade: row.grade!,
      pay_date: row.payDate!,
      code: code.code,
      kind: code.kind,
      description: row.description ?? code.description_ms,
      amount_sen: row.amountSen!,
      sort_order: code.sort_order,
      is_housing_loan: code.is_housing_loan,
    });
  }
  return { staged, errors };
}

/** Period, employee, department, name and code (the checks the import always had). */
function lookupProblems(
  row: ParsedRow,
  employee: EmployeeRef | undefined,
  facts: RowCheckFacts,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const period = facts.period;
  if (
    period &&
    row.year !== null &&
    row.month !== null &&
    (row.year !== period.year || row.month !== period.month)
  )
    problems.push({
      field: row.year !== period.year ? 'tahun' : 'bulan',
      key: 'staff.import.err.otherPeriod',
      params: { found: `${row.month}/${row.year}`, expected: `${period.month}/${period.year}` },
    });
  if (row.ic && !employee)
    problems.push({ field: 'no_kp', key: 'staff.import.err.icUnknown', params: { ic: row.ic } });
  if (row.departmentCode) {
    const department = facts.departments.get(row.departmentCode);
    if (!department)
      problems.push({
        field: 'kod_jabatan',
        key: 'staff.import.err.departmentUnknown',
        params: { code: row.departmentCode },
      });
    else if (!facts.scopeIds.has(department.id))
      problems.push({
        field: 'kod_jabatan',
        key: 'staff.import.err.departmentScope',
        params: { code: row.departmentCode },
      });
    else if (employee && employee.department_id !== department.id)
      problems.push({
        field: 'kod_jabatan',
        key: 'staff.import.err.departmentMismatch',
        params: { expected: departmentCode(facts, employee.department_id), found: row.departmentCode },
      });
  }
  if (row.name && employee && !sameName(row.name, employee.name))
    problems.push({ field: 'nama', key: 'staff.import.err.nameMismatch', params: { name: employee.name } });
  if (row.code && !facts.codes.has(row.code))
    problems.push({ field: 'kod', key: 'staff.import.err.codeUnknown', params: { code: row.code } });
  return problems;
}

function departmentCode(facts: RowCheckFacts, id: number): string {
  for (const d of facts.departments.values()) if (d.id === id) return d.code;
  return '?';
}

/** Contradictions of the payroll record: errors. */
function recordProblems(row: ParsedRow, employee: EmployeeRef): FieldProblem[] {
  if (!row.code) return [];
  return rowContradictions(recordOf(employee), {
    code: row.code,
    payrollNo: row.payrollNo,
    position: row.position ?? employee.position,
    grade: row.grade ?? employee.grade,
    bankAccount: row.bankAccount,
  });
}

/** Changes to the payroll record: warnings, the record ones once per employee. */
function recordWarnings(row: ParsedRow, employee: EmployeeRef, facts: RowCheckFacts): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!facts.seen.has(employee.id)) {
    facts.seen.add(employee.id);
    out.push(
      ...rowChanges(recordOf(employee), {
        code: row.code!,
        payrollNo: row.payrollNo,
        position: row.position!,
        grade: row.grade!,
        bankAccount: row.bankAccount,
      }),
    );
  }
  if (row.code === 'GAJI' && facts.period) {
    const change = basicPayChange(
      employee.grade,
      facts.basics.get(employee.id) ?? null,
      row.amountSen!,
      facts.period.year * 12 + facts.period.month - 1,
    );
    if (change) out.push(change);
  }
  return out;
}

function recordOf(e: EmployeeRef): PayrollRecord {
  return {
    payrollNo: e.payroll_no,
    position: e.position,
    grade: e.grade,
    isPensionable: e.is_pensionable,
    bankAccount: e.bank_account,
  };
}
