import type { Knex } from 'knex';
import type { ParsedRow } from './import-format.js';
import { previousBasicPay } from './import-month-queries.js';
import { checkRows, periodOf, type Period } from './import-row-check.js';
import {
  employeesByIcInScope,
  type DepartmentRef,
  type PayslipCodeRef,
  type StagedRow,
  type UploadError,
} from './import-queries.js';
import { type PayrollScope } from './queries.js';

/**
 * The checks of one batch of parsed rows: this class looks up what they need in the database (the
 * employees in the officer's departments, last month's basic pay) and keeps what spans batches
 * (the file's month, the employees already warned about); the rules are the pure checkRows
 * (src/staff/import-row-check.ts, with src/staff/payroll-rules.ts).
 */
export class RowChecker {
  private period: Period | null = null;
  /** Employees whose record changes were already checked in an earlier row or batch. */
  private readonly seen = new Set<number>();
  private readonly scopeIds: Set<number>;

  constructor(
    private readonly db: Knex,
    private readonly scope: PayrollScope,
    private readonly departments: Map<string, DepartmentRef>,
    private readonly codes: Map<string, PayslipCodeRef>,
  ) {
    this.scopeIds = new Set(scope.departmentIds);
  }

  get foundPeriod(): Period | null {
    return this.period;
  }

  async check(rows: ParsedRow[]): Promise<{ staged: StagedRow[]; errors: UploadError[] }> {
    const employees = await employeesByIcInScope(this.db, this.scope, [
      ...new Set(rows.map((r) => r.ic).filter((ic): ic is string => ic !== null)),
    ]);
    const period = (this.period = periodOf(rows, this.period));
    const basics = period
      ? await previousBasicPay(
          this.db,
          [...new Set([...employees.values()].map((e) => e.id))],
          period.year,
          period.month,
        )
      : new Map<number, number>();
    return checkRows(rows, {
      scopeIds: this.scopeIds,
      departments: this.departments,
      codes: this.codes,
      period,
      employees,
      basics,
      seen: this.seen,
    });
  }
}
