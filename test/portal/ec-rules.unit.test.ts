import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EC_CODE_LINES, EC_SECTIONS, ecPlaceOf } from '../../src/eec/ec-sections.js';
import type { EcHeaderRow, EcSumRow, EcYearRow } from '../../src/eec/queries.js';
import { buildEcForm, ecYearStatus } from '../../src/eec/service.js';

/**
 * Borang EC rules that need no database: where every payslip code goes on C.P.8C (written out
 * here independently of src/eec/ec-sections.ts), and when a year is a final EC or an interim one.
 */
const EXPECTED: Record<string, string | null> = {
  GAJI: 'B1a',
  ELM: 'B1a',
  BNS: 'B1b',
  ITKA: 'B1c',
  BSH: 'B1c',
  ELPR: 'B1c',
  ETK: 'B1c',
  ELKT: 'B1c',
  TGK: 'B2',
  MBB: 'B3',
  PCB: 'D1',
  CP38: 'D2',
  ZAKAT: 'D3',
  KWSP: 'E1',
  PENCEN: 'E1',
  PERKESO: 'E2',
  ETPJ: 'F1',
  PINJPR: null,
  PINJKD: null,
  PINJKOM: null,
  PTPTN: null,
  ANGKASA: null,
  TH: null,
  TAKAFUL: null,
  KESATUAN: null,
};

const DEDUCTIONS = new Set(['PCB', 'CP38', 'ZAKAT', 'KWSP', 'PENCEN', 'PERKESO']);

const header = {
  payroll_no: '12345',
  start_date: '2012-03-01',
  end_date: null,
} as unknown as EcHeaderRow;

function yearRow(over: Partial<EcYearRow>): EcYearRow {
  return {
    year: 2026,
    months: 11,
    first_month: 1,
    last_month: 11,
    december_published_on: null,
    last_published_on: '2026-11-20',
    start_date: '2012-03-01',
    end_date: null,
    ...over,
  };
}

const ON_1_DECEMBER_2026 = new Date('2026-12-01T02:00:00Z');

describe('Borang EC: the code table (C.P.8C)', () => {
  for (const [code, line] of Object.entries(EXPECTED)) {
    test(`${code} goes to ${line ?? 'nowhere (not a tax item)'}`, () => {
      assert.equal(EC_CODE_LINES[code], line);
      const kind = line === null ? 'deduction' : line[0] === 'D' || line[0] === 'E' ? 'deduction' : 'earning';
      if (line !== null) assert.equal(kind, DEDUCTIONS.has(code) ? 'deduction' : 'earning');
      const sums: EcSumRow[] = [
        { code, kind, description_ms: code, description_en: code, amount_sen: 123_45 },
      ];
      const form = buildEcForm(
        header,
        sums,
        yearRow({ december_published_on: '2026-12-22' }),
        'ms',
        ON_1_DECEMBER_2026,
      );
      const placed = form.sections.flatMap((s) =>
        s.lines
          .filter((l) => l.amountSen !== 0)
          .map((l) => ({ section: s.id, line: l.id, amountSen: l.amountSen })),
      );
      if (line === null) assert.deepEqual(placed, [], `${code} must not appear on the EC`);
      else {
        assert.deepEqual(placed, [{ section: line[0], line, amountSen: 123_45 }]);
        assert.equal(form.sections.find((s) => s.id === line[0])!.totalSen, 123_45);
      }
    });
  }

  test('the table lists exactly these codes, every line exists on the form, and no net income', () => {
    assert.deepEqual(Object.keys(EC_CODE_LINES).sort(), Object.keys(EXPECTED).sort());
    const lines = EC_SECTIONS.flatMap((s) => s.lines.map((l) => l.id));
    for (const line of Object.values(EC_CODE_LINES)) if (line) assert.ok(lines.includes(line), line);
    assert.deepEqual(
      EC_SECTIONS.map((s) => s.id),
      ['B', 'C', 'D', 'E', 'F'],
    );
    assert.equal(ecPlaceOf('NOSUCH'), undefined);
    const form = buildEcForm(header, [], yearRow({}), 'ms', ON_1_DECEMBER_2026);
    assert.ok(!('netSen' in form) && !('totalDeductionsSen' in form));
  });

  test('a payslip code missing from the table stops the form instead of dropping money silently', () => {
    const sums: EcSumRow[] = [
      { code: 'BARU', kind: 'earning', description_ms: 'x', description_en: 'x', amount_sen: 1 },
    ];
    assert.throws(() => buildEcForm(header, sums, yearRow({}), 'ms', ON_1_DECEMBER_2026), /BARU/);
  });
});

describe('Borang EC: final, interim and partial years', () => {
  test('on 1 December 2026, with November the last payslip published, 2026 is an interim statement', () => {
    const s = ecYearStatus(yearRow({}), ON_1_DECEMBER_2026);
    assert.deepEqual(s, { kind: 'interim', issuedOn: null, partialFrom: null });
  });

  test('once December 2026 is published, EC 2026 is final with that day as its issue date', () => {
    const s = ecYearStatus(
      yearRow({
        months: 12,
        last_month: 12,
        december_published_on: '2026-12-22',
        last_published_on: '2026-12-22',
      }),
      new Date('2026-12-22T05:00:00Z'),
    );
    assert.deepEqual(s, { kind: 'final', issuedOn: '2026-12-22', partialFrom: null });
  });

  test('a past year without a December payslip stays interim, unless the officer left that year', () => {
    assert.equal(ecYearStatus(yearRow({ year: 2025 }), ON_1_DECEMBER_2026).kind, 'interim');
    const leaver = yearRow({
      year: 2025,
      last_month: 6,
      months: 6,
      end_date: '2025-06-30',
      last_published_on: '2025-06-20',
    });
    assert.deepEqual(ecYearStatus(leaver, ON_1_DECEMBER_2026), {
      kind: 'final',
      issuedOn: '2025-06-20',
      partialFrom: null,
    });
    // ... but not before that year is over.
    assert.equal(ecYearStatus(leaver, new Date('2025-12-01T00:00:00Z')).kind, 'interim');
  });

  test('EC 2024 of an officer in service since 2012 whose data starts in December 2024 is held only in part', () => {
    const s = ecYearStatus(
      yearRow({
        year: 2024,
        months: 1,
        first_month: 12,
        last_month: 12,
        december_published_on: '2024-12-20',
      }),
      ON_1_DECEMBER_2026,
    );
    assert.deepEqual(s, { kind: 'final', issuedOn: '2024-12-20', partialFrom: 12 });
    // An officer who joined in March of the year is complete from March.
    const joiner = yearRow({
      year: 2024,
      first_month: 3,
      start_date: '2024-03-01',
      december_published_on: '2024-12-20',
    });
    assert.equal(ecYearStatus(joiner, ON_1_DECEMBER_2026).partialFrom, null);
    const lateData = yearRow({
      year: 2024,
      first_month: 5,
      start_date: '2024-03-01',
      december_published_on: '2024-12-20',
    });
    assert.equal(ecYearStatus(lateData, ON_1_DECEMBER_2026).partialFrom, 5);
  });

  test('only a final EC has a serial number', () => {
    assert.equal(buildEcForm(header, [], yearRow({}), 'ms', ON_1_DECEMBER_2026).serialNo, null);
    assert.equal(
      buildEcForm(header, [], yearRow({ december_published_on: '2026-12-22' }), 'ms', ON_1_DECEMBER_2026)
        .serialNo,
      'EC/2026/12345',
    );
  });
});
