import type { Knex } from 'knex';
import type { FieldProblem, ParsedRow } from './import-format.js';
import { sameName } from './import-format.js';
import { previousBasicPay } from './import-month-queries.js';
import { basicPayChange, rowChanges, rowContradictions, type PayrollRecord } from './payroll-rules.js';
import {
  employeesByIcInScope,
  type DepartmentRef,
  type EmployeeRef,
  type PayslipCodeRef,
  type StagedRow,
  type UploadError,
} from './import-queries.js';
import { type PayrollScope } from './queries.js';

/**
 * The checks of one batch of parsed rows that need the database: the employee (in the officer's
 * departments), the department, the code, and the payroll record (src/staff/payroll-rules.ts):
 * contradictions are errors, changes are warnings (once per employee per upload).
 */
export class RowChecker {
  private period: { year: number; month: number } | null = null;
  /** Employees whose record changes were already checked in an earlier row or batch. */
  private readonly seen = new Set<number>();
  private readonly scopeIds: Set<number>;
  private readonly departmentCodeById: Map<number, string>;

  constructor(
    private readonly db: Knex,
    private readonly scope: PayrollScope,
    private readonly departments: Map<string, DepartmentRef>,
    private readonly codes: Map<string, PayslipCodeRef>,
  ) {
    this.scopeIds = new Set(scope.departmentIds);
    this.departmentCodeById = new Map([...departments.values()].map((d) => [d.id, d.code]));
  }

  get foundPeriod(): { year: number; month: number } | null {
    return this.period;
  }

  async check(rows: ParsedRow[]): Promise<{ staged: StagedRow[]; errors: UploadError[] }> {
    const employees = await employeesByIcInScope(this.db, this.scope, [
      ...new Set(rows.map((r) => r.ic).filter((ic): ic is string => ic !== null)),
    ]);
    for (const row of rows)
      if (row.year !== null && row.month !== null) this.period ??= { year: row.year, month: row.month };
    const period = this.period;
    const basics = period
      ? await previousBasicPay(
          this.db,
          [...new Set([...employees.values()].map((e) => e.id))],
          period.year,
          period.month,
        )
      : new Map<number, number>();
    const staged: StagedRow[] = [];
    const errors: UploadError[] = [];
    for (const row of rows) {
      const employee = row.ic ? employees.get(row.ic) : undefined;
      const problems = [...row.problems, ...this.lookupProblems(row, employee)];
      if (employee) problems.push(...this.recordProblems(row, employee));
      const warnings = employee && problems.length === 0 ? this.recordWarnings(row, employee, basics) : [];
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
      const code = this.codes.get(row.code!)!;
      staged.push({
        row_no: row.rowNo,
        employee_id: employee!.id,
        department_id: this.departments.get(row.departmentCode!)!.id,
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
  private lookupProblems(row: ParsedRow, employee: EmployeeRef | undefined): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const period = this.period;
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
    const department = row.departmentCode ? this.departments.get(row.departmentCode) : undefined;
    if (row.departmentCode) {
      if (!department)
        problems.push({
          field: 'kod_jabatan',
          key: 'staff.import.err.departmentUnknown',
          params: { code: row.departmentCode },
        });
      else if (!this.scopeIds.has(department.id))
        problems.push({
          field: 'kod_jabatan',
          key: 'staff.import.err.departmentScope',
          params: { code: row.departmentCode },
        });
      else if (employee && employee.department_id !== department.id)
        problems.push({
          field: 'kod_jabatan',
          key: 'staff.import.err.departmentMismatch',
          params: {
            expected: this.departmentCodeById.get(employee.department_id) ?? '?',
            found: row.departmentCode,
          },
        });
    }
    if (row.name && employee && !sameName(row.name, employee.name))
      problems.push({ field: 'nama', key: 'staff.import.err.nameMismatch', params: { name: employee.name } });
    if (row.code && !this.codes.has(row.code))
      problems.push({ field: 'kod', key: 'staff.import.err.codeUnknown', params: { code: row.code } });
    return problems;
  }

  /** Contradictions of the payroll record: errors. */
  private recordProblems(row: ParsedRow, employee: EmployeeRef): FieldProblem[] {
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
  private recordWarnings(row: ParsedRow, employee: EmployeeRef, basics: Map<number, number>): FieldProblem[] {
    const out: FieldProblem[] = [];
    if (!this.seen.has(employee.id)) {
      this.seen.add(employee.id);
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
    if (row.code === 'GAJI' && this.period) {
      const change = basicPayChange(
        employee.grade,
        basics.get(employee.id) ?? null,
        row.amountSen!,
        this.period.year * 12 + this.period.month - 1,
      );
      if (change) out.push(change);
    }
    return out;
  }
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
