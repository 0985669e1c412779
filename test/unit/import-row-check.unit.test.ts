import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ParsedRow } from '../../src/staff/import-format.js';
import { checkRows, periodOf, type RowCheckFacts } from '../../src/staff/import-row-check.js';
import type { EmployeeRef } from '../../src/staff/import-queries.js';

/** The payroll import's row check (issue 16 item 4) as a pure function: no database. */
describe('import row check (pure)', () => {
  const IC = '850101145678';
  const employee: EmployeeRef = {
    id: 7,
    ic_no: IC,
    name: 'Siti Aminah binti Ahmad',
    department_id: 1,
    payroll_no: '12659215',
    position: 'Penolong Akauntan',
    grade: 'WA29',
    is_pensionable: true,
    bank_account: '12583095286470',
  };
  const row = (over: Partial<ParsedRow> = {}): ParsedRow => ({
    rowNo: 2,
    year: 2026,
    month: 11,
    payDate: '2026-11-25',
    ic: IC,
    name: 'Siti Aminah binti Ahmad',
    departmentCode: 'JANM',
    position: 'Penolong Akauntan',
    grade: 'WA29',
    code: 'ELAUN',
    description: null,
    amountSen: 25_000,
    payrollNo: null,
    bankAccount: null,
    problems: [],
    ...over,
  });
  const facts = (over: Partial<RowCheckFacts> = {}): RowCheckFacts => ({
    scopeIds: new Set([1]),
    departments: new Map([
      ['JANM', { id: 1, code: 'JANM' }],
      ['KKM', { id: 2, code: 'KKM' }],
      ['MOF', { id: 3, code: 'MOF' }],
    ]),
    codes: new Map([
      [
        'ELAUN',
        { code: 'ELAUN', kind: 'earning', description_ms: 'Elaun', is_housing_loan: false, sort_order: 20 },
      ],
      [
        'GAJI',
        {
          code: 'GAJI',
          kind: 'earning',
          description_ms: 'Gaji Pokok',
          is_housing_loan: false,
          sort_order: 1,
        },
      ],
      [
        'KWSP',
        { code: 'KWSP', kind: 'deduction', description_ms: 'KWSP', is_housing_loan: false, sort_order: 50 },
      ],
    ]),
    period: { year: 2026, month: 11 },
    employees: new Map([[IC, employee]]),
    basics: new Map(),
    seen: new Set(),
    ...over,
  });
  const keys = (r: ReturnType<typeof checkRows>) => r.errors.map((e) => e.message_key);

  test('a good row is staged with the code catalogue filling kind, order and description', () => {
    const result = checkRows([row()], facts());
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.staged, [
      {
        row_no: 2,
        employee_id: 7,
        department_id: 1,
        position: 'Penolong Akauntan',
        grade: 'WA29',
        pay_date: '2026-11-25',
        code: 'ELAUN',
        kind: 'earning',
        description: 'Elaun',
        amount_sen: 25_000,
        sort_order: 20,
        is_housing_loan: false,
      },
    ]);
    // The file's own description wins over the catalogue's.
    assert.equal(
      checkRows([row({ description: 'Elaun Khas' })], facts()).staged[0]!.description,
      'Elaun Khas',
    );
  });

  test("a row's own parse problems are errors and the row is not staged", () => {
    const result = checkRows(
      [row({ problems: [{ field: 'amaun', key: 'staff.import.err.amount' }] })],
      facts(),
    );
    assert.deepEqual(result.staged, []);
    assert.deepEqual(result.errors, [
      { row_no: 2, field: 'amaun', message_key: 'staff.import.err.amount', params: {} },
    ]);
  });

  test("lookups: another month, an unknown IC, department unknown / outside scope / not the employee's, name, code", () => {
    assert.deepEqual(checkRows([row({ month: 10 })], facts()).errors, [
      {
        row_no: 2,
        field: 'bulan',
        message_key: 'staff.import.err.otherPeriod',
        params: { found: '10/2026', expected: '11/2026' },
      },
    ]);
    assert.equal(checkRows([row({ year: 2025 })], facts()).errors[0]!.field, 'tahun');
    assert.deepEqual(keys(checkRows([row()], facts({ employees: new Map() }))), [
      'staff.import.err.icUnknown',
    ]);
    assert.deepEqual(keys(checkRows([row({ departmentCode: 'XYZ' })], facts())), [
      'staff.import.err.departmentUnknown',
    ]);
    assert.deepEqual(keys(checkRows([row({ departmentCode: 'KKM' })], facts())), [
      'staff.import.err.departmentScope',
    ]);
    const mismatch = checkRows([row({ departmentCode: 'KKM' })], facts({ scopeIds: new Set([1, 2]) }));
    assert.deepEqual(mismatch.errors, [
      {
        row_no: 2,
        field: 'kod_jabatan',
        message_key: 'staff.import.err.departmentMismatch',
        params: { expected: 'JANM', found: 'KKM' },
      },
    ]);
    // Names compare without regard to case and spacing.
    assert.deepEqual(checkRows([row({ name: ' siti  aminah BINTI ahmad ' })], facts()).errors, []);
    assert.deepEqual(keys(checkRows([row({ name: 'Siti Aminah' })], facts())), [
      'staff.import.err.nameMismatch',
    ]);
    assert.deepEqual(keys(checkRows([row({ code: 'BONUS' })], facts())), ['staff.import.err.codeUnknown']);
    for (const bad of [row({ month: 10 }), row({ departmentCode: 'XYZ' }), row({ code: 'BONUS' })])
      assert.deepEqual(checkRows([bad], facts()).staged, [], 'a row with a problem is never staged');
  });

  test('contradictions of the payroll record are errors; changes are warnings, once per employee', () => {
    const contradiction = checkRows([row({ code: 'KWSP', payrollNo: '999' })], facts());
    assert.deepEqual(keys(contradiction), [
      'staff.import.err.payrollNoMismatch',
      'staff.import.err.kwspForPensionable',
    ]);
    assert.deepEqual(contradiction.staged, []);

    const f = facts();
    const changed = checkRows(
      [row({ grade: 'WA32', position: 'Akauntan' }), row({ rowNo: 3, grade: 'WA32', position: 'Akauntan' })],
      f,
    );
    assert.equal(changed.staged.length, 2, 'warnings do not stop a row');
    assert.deepEqual(
      changed.errors.map((e) => [e.row_no, e.severity, e.message_key]),
      [
        [2, 'warning', 'staff.import.warn.grade'],
        [2, 'warning', 'staff.import.warn.position'],
      ],
    );
    // The next batch of the same upload shares `seen`: no second warning for the employee.
    assert.deepEqual(checkRows([row({ rowNo: 4, grade: 'WA32' })], f).errors, []);
  });

  test('basic pay that moves by more than a yearly increment is a warning; without last month, none', () => {
    const gaji = row({ code: 'GAJI', amountSen: 500_000 });
    assert.deepEqual(checkRows([gaji], facts()).errors, []);
    const jump = checkRows([gaji], facts({ basics: new Map([[7, 300_000]]) }));
    assert.deepEqual(keys(jump), ['staff.import.warn.basicPay']);
    assert.equal(jump.errors[0]!.severity, 'warning');
    assert.equal(jump.staged.length, 1);
    assert.deepEqual(checkRows([gaji], facts({ basics: new Map([[7, 500_000]]) })).errors, []);
  });

  test("the file's month is the first row that names one, and stays", () => {
    assert.equal(periodOf([row({ year: null, month: null })], null), null);
    assert.deepEqual(periodOf([row({ year: null, month: null }), row({ month: 10 }), row()], null), {
      year: 2026,
      month: 10,
    });
    assert.deepEqual(periodOf([row()], { year: 2025, month: 1 }), { year: 2025, month: 1 });
  });
});
