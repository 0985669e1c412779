import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  basicPayChange,
  codeContradiction,
  revisionFactor,
  rowChanges,
  rowContradictions,
  schemeCode,
  slipContradictions,
  yearlyIncrementSen,
  type PayrollRecord,
  type PayslipRowFacts,
} from '../../src/staff/payroll-rules.js';

/** The row checks against the payroll record (issue 12 item 2) as pure functions: no database. */
describe('payroll rules (pure)', () => {
  const pensioner: PayrollRecord = {
    payrollNo: '12659215',
    position: 'Penolong Akauntan',
    grade: 'WA29',
    isPensionable: true,
    bankAccount: '12583095286470',
  };
  const kwspMember: PayrollRecord = { ...pensioner, isPensionable: false };
  const row = (over: Partial<PayslipRowFacts> = {}): PayslipRowFacts => ({
    code: 'GAJI',
    payrollNo: '12659215',
    position: 'Penolong Akauntan',
    grade: 'WA29',
    bankAccount: '12583095286470',
    ...over,
  });
  const keys = (ps: { key: string }[]) => ps.map((p) => p.key);

  test('KWSP and PERKESO contradict a pensionable record; PENCEN contradicts a KWSP member', () => {
    assert.deepEqual(keys(rowContradictions(pensioner, row({ code: 'KWSP' }))), [
      'staff.import.err.kwspForPensionable',
    ]);
    assert.deepEqual(keys(rowContradictions(pensioner, row({ code: 'PERKESO' }))), [
      'staff.import.err.kwspForPensionable',
    ]);
    assert.deepEqual(rowContradictions(pensioner, row({ code: 'PENCEN' })), []);
    assert.deepEqual(keys(rowContradictions(kwspMember, row({ code: 'PENCEN' }))), [
      'staff.import.err.pensionForKwsp',
    ]);
    assert.deepEqual(rowContradictions(kwspMember, row({ code: 'KWSP' })), []);
    for (const code of ['GAJI', 'PCB', 'ZAKAT', 'PINJPR', 'TH']) {
      assert.equal(codeContradiction(true, code), null, code);
      assert.equal(codeContradiction(false, code), null, code);
    }
  });

  test('a No. Gaji other than the record’s is an error; an absent one is not checked; dashes and spaces do not count', () => {
    assert.deepEqual(keys(rowContradictions(pensioner, row({ payrollNo: '12659216' }))), [
      'staff.import.err.payrollNoMismatch',
    ]);
    assert.deepEqual(rowContradictions(pensioner, row({ payrollNo: null })), []);
    assert.deepEqual(rowContradictions(pensioner, row({ payrollNo: '1265-9215' })), []);
  });

  test('grade, scheme, post and bank account changes are warnings', () => {
    assert.deepEqual(rowChanges(pensioner, row()), []);
    assert.deepEqual(keys(rowChanges(pensioner, row({ grade: 'W29' }))), [
      'staff.import.warn.grade',
      'staff.import.warn.scheme',
    ]);
    assert.deepEqual(keys(rowChanges(pensioner, row({ grade: 'WA32' }))), ['staff.import.warn.grade']);
    assert.deepEqual(keys(rowChanges(pensioner, row({ position: 'Pegawai Kewangan' }))), [
      'staff.import.warn.position',
    ]);
    assert.deepEqual(
      rowChanges(pensioner, row({ position: '  penolong  akauntan ' })),
      [],
      'case and spacing',
    );
    assert.deepEqual(keys(rowChanges(pensioner, row({ bankAccount: '12583095286471' }))), [
      'staff.import.warn.bankAccount',
    ]);
    assert.deepEqual(rowChanges(pensioner, row({ bankAccount: null })), []);
    assert.equal(schemeCode('wa29'), 'WA');
  });

  test('basic pay may move by one yearly increment of the grade (as revised by the SSPA), not more', () => {
    const dec2026 = 2026 * 12 + 11;
    // WA29: RM 135 before the SSPA; × 1.08 × 1.07 = RM 156.01, rounded up to RM 157.
    assert.equal(yearlyIncrementSen('WA29', dec2026), 157_00);
    assert.equal(yearlyIncrementSen('WA29', 2024 * 12), 135_00, 'before the revisions');
    assert.equal(basicPayChange('WA29', 4709_07, 4709_07 + 157_00, dec2026), null);
    assert.equal(basicPayChange('WA29', 4709_07, 4709_07 - 157_00, dec2026), null);
    const fall = basicPayChange('WA29', 4709_07, 3245_60, dec2026);
    assert.deepEqual(fall, {
      field: 'amaun',
      key: 'staff.import.warn.basicPay',
      params: { from: 4709_07, to: 3245_60, increment: 157_00 },
    });
    assert.ok(basicPayChange('WA29', 4709_07, 4709_07 + 157_01, dec2026));
    assert.equal(
      basicPayChange('WA29', null, 3245_60, dec2026),
      null,
      'no earlier payslip: nothing to compare',
    );
    assert.ok(basicPayChange('X99', 1000_00, 1000_01, dec2026), 'an unknown scale: any change is shown');
    assert.equal(revisionFactor('pp', dec2026), 1.06 * 1.04);
  });

  test('a whole slip is checked for the generators (seed, scale)', () => {
    assert.deepEqual(slipContradictions(true, ['GAJI', 'PCB']), []);
    assert.deepEqual(keys(slipContradictions(true, ['GAJI', 'KWSP', 'PERKESO'])), [
      'staff.import.err.kwspForPensionable',
      'staff.import.err.kwspForPensionable',
    ]);
  });
});
