/** Salaries, loans and payslip lines of the demo payroll (all money in integer sen). */
import { revisionFactor, slipContradictions } from '../src/staff/payroll-rules.js';
import { PAYSLIP_CODES, gradeInfo } from './catalog.js';
import { addDays, dayOfWeek, fromMonthIndex, monthIndex, monthIndexOf, parseYmd, ymd } from './dates.js';
import type { EmployeeSeed } from './people.js';
import { Rng } from './random.js';

const CODE = new Map(PAYSLIP_CODES.map((c) => [c.code, c]));

export interface LineSeed {
  kind: 'earning' | 'deduction';
  code: string;
  description: string;
  amount_sen: number;
  sort_order: number;
}

function line(code: string, amount: number, description?: string): LineSeed {
  const c = CODE.get(code);
  if (!c) throw new Error(`unknown payslip code ${code}`);
  return {
    kind: c.kind,
    code,
    description: description ?? c.description_ms,
    amount_sen: Math.round(amount),
    sort_order: c.sort_order,
  };
}

const roundUpToRinggit = (sen: number) => Math.ceil(sen / 100) * 100;
const roundToRinggit = (sen: number) => Math.round(sen / 100) * 100;

/** Payday: the 25th, or the Friday before when it falls on a weekend. */
export function payDate(month: number): string {
  const { y, m } = fromMonthIndex(month);
  let d = ymd(y, m, 25);
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) d = addDays(d, -1);
  return d;
}

/** Basic salary for a month: the grade's scale, one increment each January, the SSPA revision. */
export function basicSalary(e: EmployeeSeed, month: number, stepAdjust = 0): number {
  const g = gradeInfo(e.grade);
  const { y } = fromMonthIndex(month);
  const steps = Math.max(
    0,
    e.stepOffset + stepAdjust + Math.max(0, y - Math.max(e.gradeStartYear, parseYmd(e.start_date).y)),
  );
  const base = Math.min(g.max, g.min + g.increment * steps);
  return Math.round(base * revisionFactor(g.group, month));
}

/** The fixed monthly allowances of the officer's grade (taxable, then the exempt ETPJ). */
export function fixedAllowances(e: EmployeeSeed): LineSeed[] {
  const g = gradeInfo(e.grade);
  const letters = e.grade.replace(/[0-9]+$/, '');
  const lines: LineSeed[] = [
    line('ITKA', g.group === 'pp' ? 300_00 : 160_00),
    line('BSH', g.group === 'pp' ? 250_00 : g.level <= 19 ? 350_00 : 300_00),
  ];
  const housing: Record<number, number> = {
    11: 180_00,
    19: 250_00,
    29: 325_00,
    41: 700_00,
    44: 950_00,
    48: 1_100_00,
    52: 1_300_00,
  };
  lines.push(line('ELPR', housing[g.level] ?? 250_00));
  const entertainment: Record<number, number> = { 41: 300_00, 44: 400_00, 48: 550_00, 52: 800_00 };
  const etk = entertainment[g.level];
  if (etk) lines.push(line('ETK', etk));
  if (g.group === 'pp' && (letters === 'J' || letters === 'WA' || letters === 'F')) {
    const special = letters === 'J' ? (g.level >= 44 ? 600_00 : 400_00) : 300_00;
    lines.push(
      line(
        'ELKT',
        special,
        letters === 'J' ? 'Elaun Khas (Bayaran Insentif Perkhidmatan Kritikal)' : undefined,
      ),
    );
  }
  if (e.fixedTravel) lines.push(line('ETPJ', 300_00));
  return lines;
}

/** The gross of a plain month (basic and fixed allowances), the base for loan limits. */
function plainGross(e: EmployeeSeed, month: number): number {
  return basicSalary(e, month) + fixedAllowances(e).reduce((s, l) => s + l.amount_sen, 0);
}

/** Malaysian resident tax scale (YA 2023 onwards), on chargeable income in RM. */
function annualTax(chargeable: number): number {
  const bands: [number, number][] = [
    [5_000, 0],
    [20_000, 0.01],
    [35_000, 0.03],
    [50_000, 0.06],
    [70_000, 0.11],
    [100_000, 0.19],
    [400_000, 0.25],
    [600_000, 0.26],
    [2_000_000, 0.28],
    [Number.POSITIVE_INFINITY, 0.3],
  ];
  let tax = 0;
  let lower = 0;
  for (const [upper, rate] of bands) {
    if (chargeable <= lower) break;
    tax += (Math.min(chargeable, upper) - lower) * rate;
    lower = upper;
  }
  return tax;
}

/** Monthly tax deduction (PCB), roughly as LHDN's formula: annualised, reliefs, rebate, zakat. */
function pcb(e: EmployeeSeed, regular: number, kwsp: number, additional: number, zakat: number): number {
  const relief =
    9_000 +
    Math.min((kwsp * 12) / 100, 4_000) +
    (e.pcb_category === '2' ? 4_000 : 0) +
    (e.pcb_category === '1' ? 0 : e.children * 2_000);
  const chargeable = Math.max(0, (regular * 12) / 100 - relief);
  const rebate = (c: number) => (c <= 35_000 ? 400 + (e.pcb_category === '2' ? 400 : 0) : 0);
  const taxOf = (c: number) => Math.max(0, annualTax(c) - rebate(c));
  const regularTax = taxOf(chargeable) / 12;
  const additionalTax =
    additional > 0 ? Math.max(0, taxOf(chargeable + additional / 100) - taxOf(chargeable)) : 0;
  const monthly = regularTax + additionalTax - zakat / 100;
  if (monthly < 10) return 0; // LHDN: no PCB below RM 10 a month
  return Math.ceil((monthly * 100) / 5) * 5;
}

export type LoanType = 'HOUSING' | 'VEHICLE' | 'COMPUTER' | 'PERSONAL';

export interface LoanSeed {
  employeeKey: string;
  loan_type: LoanType;
  reference_no: string;
  amount_sen: number;
  balance_sen: number;
  monthly_sen: number;
  start_date: string;
  end_date: string;
  /** First and last month the deduction is on the payslip. */
  firstMonth: number;
  lastMonth: number;
}

const LOAN_CODE: Record<LoanType, string> = {
  HOUSING: 'PINJPR',
  VEHICLE: 'PINJKD',
  COMPUTER: 'PINJKOM',
  PERSONAL: 'ANGKASA',
};

/** The months an employee is paid in, given the payslip window. */
export function paidMonths(e: EmployeeSeed, first: number, last: number): number[] {
  const s = parseYmd(e.start_date);
  const from = Math.max(first, monthIndex(s.y, s.m) + (s.d > 15 ? 1 : 0));
  const to = e.end_date ? Math.min(last, monthIndexOf(e.end_date)) : last;
  const out: number[] = [];
  for (let m = from; m <= to; m++) out.push(m);
  return out;
}

/**
 * Loans (LPPSA housing, government vehicle and computer loans, cooperative financing through
 * ANGKASA) with monthly deductions that fit the salary: housing at most 28% of gross, the others
 * together at most 28%, so no payslip breaks the 60% rule.
 */
export function buildLoans(
  employees: EmployeeSeed[],
  windowStart: number,
  lastPublished: number,
): LoanSeed[] {
  const loans: LoanSeed[] = [];
  const refs = new Set<string>();
  const uniqueRef = (make: () => string) => {
    for (;;) {
      const r = make();
      if (!refs.has(r)) {
        refs.add(r);
        return r;
      }
    }
  };

  for (const e of employees) {
    const months = paidMonths(e, windowStart, lastPublished);
    const first = months[0];
    if (first === undefined || e.status !== 'active') continue;
    const rng = new Rng(`loans:${e.key}`);
    const base = plainGross(e, first);
    const g = gradeInfo(e.grade);
    const startIdx = monthIndexOf(e.start_date);
    const age = fromMonthIndex(lastPublished).y - parseYmd(e.birthDate).y;
    const forced =
      e.key === 'demo:activeEmployee'
        ? ['HOUSING', 'VEHICLE', 'COMPUTER']
        : e.key === 'demo:secondActiveEmployee'
          ? ['HOUSING']
          : null;
    const wants = (type: LoanType, p: number) => (forced ? forced.includes(type) : rng.chance(p));
    let otherBudget = Math.round(base * 0.28);

    const add = (
      type: LoanType,
      amount: number,
      monthly: number,
      term: number,
      startMonth: number,
      ref: string,
    ) => {
      const endMonth = startMonth + term - 1;
      const paid = Math.min(term, Math.max(0, lastPublished - startMonth + 1));
      const s = fromMonthIndex(startMonth);
      const e2 = fromMonthIndex(endMonth + 1);
      loans.push({
        employeeKey: e.key,
        loan_type: type,
        reference_no: ref,
        amount_sen: amount,
        balance_sen: Math.round((amount * (term - paid)) / term),
        monthly_sen: monthly,
        start_date: ymd(s.y, s.m, 1),
        end_date: addDays(ymd(e2.y, e2.m, 1), -1),
        firstMonth: startMonth,
        lastMonth: endMonth,
      });
    };
    const startBetween = (fromYear: number, toMonth: number, term: number): number | null => {
      const lo = Math.max(monthIndex(fromYear, 1), startIdx + 6, windowStart - term + 1);
      if (lo > toMonth) return null;
      return rng.int(lo, toMonth);
    };

    if (wants('HOUSING', age >= 30 && e.is_pensionable ? 0.45 : 0.12)) {
      const term = rng.pick([300, 324, 360]);
      const start = forced ? monthIndex(2016, 8) : startBetween(2006, lastPublished - 2, term);
      if (start !== null) {
        const monthly = roundToRinggit(base * (forced ? 0.22 : 0.1 + rng.float() * 0.18));
        const amount = Math.round((monthly * term) / 1.55 / 100_000) * 100_000;
        if (amount > 0) {
          const { y } = fromMonthIndex(start);
          add(
            'HOUSING',
            amount,
            monthly,
            term,
            start,
            uniqueRef(() => `LPPSA/${y}/${rng.digits(6)}`),
          );
        }
      }
    }
    if (wants('VEHICLE', 0.2)) {
      const term = rng.pick([60, 84, 108]);
      const start = forced ? monthIndex(2022, 3) : startBetween(2016, lastPublished - 1, term);
      let amount = (g.group === 'pp' ? rng.int(45, 90) : rng.int(25, 55)) * 1_000_00;
      const monthlyOf = (a: number) => roundUpToRinggit((a * (1 + 0.04 * (term / 12))) / term);
      while (amount > 10_000_00 && monthlyOf(amount) > otherBudget * 0.7) amount -= 5_000_00;
      if (start !== null && monthlyOf(amount) <= otherBudget) {
        const monthly = monthlyOf(amount);
        otherBudget -= monthly;
        const { y } = fromMonthIndex(start);
        add(
          'VEHICLE',
          amount,
          monthly,
          term,
          start,
          uniqueRef(() => `PK/${y}/${rng.digits(5)}`),
        );
      }
    }
    if (wants('COMPUTER', 0.08)) {
      const term = 60;
      const start = forced ? monthIndex(2025, 3) : startBetween(2021, lastPublished - 1, term);
      const amount = rng.int(30, 50) * 100_00;
      const monthly = roundUpToRinggit((amount * 1.2) / term);
      if (start !== null && monthly <= otherBudget) {
        otherBudget -= monthly;
        const { y } = fromMonthIndex(start);
        add(
          'COMPUTER',
          amount,
          monthly,
          term,
          start,
          uniqueRef(() => `PKOM/${y}/${rng.digits(5)}`),
        );
      }
    }
    if (wants('PERSONAL', 0.14)) {
      const term = rng.pick([60, 96, 120]);
      const start = startBetween(2019, lastPublished - 1, term);
      let amount = rng.int(10, g.group === 'pp' ? 100 : 60) * 1_000_00;
      const monthlyOf = (a: number) => roundUpToRinggit((a * (1 + 0.045 * (term / 12))) / term);
      while (amount > 5_000_00 && monthlyOf(amount) > otherBudget) amount -= 5_000_00;
      if (start !== null && monthlyOf(amount) <= otherBudget) {
        const monthly = monthlyOf(amount);
        const { y } = fromMonthIndex(start);
        add(
          'PERSONAL',
          amount,
          monthly,
          term,
          start,
          uniqueRef(() => `ANGKASA/${y}/${rng.digits(6)}`),
        );
      }
    }
  }
  return loans;
}

/** Sum of earnings, sum of deductions, and the deductions other than the housing loan. */
export function totals(lines: LineSeed[]): { gross: number; deductions: number; nonHousing: number } {
  let gross = 0;
  let deductions = 0;
  let nonHousing = 0;
  for (const l of lines) {
    if (l.kind === 'earning') gross += l.amount_sen;
    else {
      deductions += l.amount_sen;
      if (!CODE.get(l.code)?.is_housing_loan) nonHousing += l.amount_sen;
    }
  }
  return { gross, deductions, nonHousing };
}

/** The lines of one payslip. Throws if the slip would break the 60% rule or have no net pay. */
export function payslipLines(e: EmployeeSeed, month: number, loans: LoanSeed[]): LineSeed[] {
  const { y, m } = fromMonthIndex(month);
  const rng = new Rng(`slip:${e.key}:${y}-${m}`);
  const yearRng = new Rng(`year:${e.key}:${y}`);
  const basic = basicSalary(e, month);
  const earnings: LineSeed[] = [line('GAJI', basic), ...fixedAllowances(e)];

  if (e.overtime === 'often' ? rng.chance(0.8) : e.overtime === 'sometimes' ? rng.chance(0.2) : false) {
    earnings.push(
      line(
        'ELM',
        (e.overtime === 'often' ? rng.int(150, 700) : rng.int(80, 400)) * 100 + rng.pick([0, 25, 50, 75]),
      ),
    );
  }
  let additional = 0;
  // The January increment of some officers is processed late and paid as arrears in February.
  if (m === 2 && yearRng.chance(0.12)) {
    const arrears = basic - basicSalary(e, month, -1);
    if (arrears > 0) {
      earnings.push(line('TGK', arrears, 'Tunggakan Gaji (Kenaikan Gaji Tahunan Januari)'));
      additional += arrears;
    }
  }
  // The state's yearly special financial aid (bonus), paid in March before Hari Raya.
  if (m === 3) {
    const bonus = Math.max(1_000_00, roundToRinggit(basic * 0.5));
    earnings.push(line('BNS', bonus, `Bantuan Khas Kewangan (Bonus) Kerajaan Negeri Selangor ${y}`));
    additional += bonus;
  }

  const taxable = earnings
    .filter((l) => l.code !== 'ETPJ' && l.code !== 'TGK' && l.code !== 'BNS')
    .reduce((s, l) => s + l.amount_sen, 0);
  const deductions: LineSeed[] = [];
  let kwsp = 0;
  if (!e.is_pensionable) {
    const arrearsAndBonus = earnings
      .filter((l) => l.code === 'TGK' || l.code === 'BNS')
      .reduce((s, l) => s + l.amount_sen, 0);
    kwsp = roundUpToRinggit((basic + arrearsAndBonus) * 0.11);
    deductions.push(line('KWSP', kwsp));
    const insured = Math.min(taxable, 6_000_00);
    deductions.push(line('PERKESO', Math.round((insured * 0.005) / 5) * 5));
  }
  // Zakat is a fixed amount the officer sets each year: 2.5% of January's basic and allowances.
  const zakat = e.zakat ? roundToRinggit(plainGross(e, monthIndex(y, 1)) * 0.025) : 0;
  const tax = pcb(e, taxable, kwsp, additional, zakat);
  if (tax > 0) deductions.push(line('PCB', tax));
  if (zakat > 0) deductions.push(line('ZAKAT', zakat));
  for (const loan of loans) {
    if (month >= loan.firstMonth && month <= loan.lastMonth)
      deductions.push(line(LOAN_CODE[loan.loan_type], loan.monthly_sen));
  }
  const optional: LineSeed[] = [];
  if (e.tabungHaji) optional.push(line('TH', e.tabungHaji));
  if (e.takaful) optional.push(line('TAKAFUL', e.takaful));
  if (e.ptptn) optional.push(line('PTPTN', e.ptptn));
  if (e.union) optional.push(line('KESATUAN', e.union));

  // Voluntary deductions give way first if the 60% limit would be passed.
  let lines = [...earnings, ...deductions, ...optional];
  while (optional.length > 0) {
    const t = totals(lines);
    if (t.nonHousing * 10 <= t.gross * 6) break;
    optional.pop();
    lines = [...earnings, ...deductions, ...optional];
  }
  const t = totals(lines);
  // The same rules as the payroll import (src/staff/payroll-rules.ts): the demo data passes them.
  if (
    t.nonHousing * 10 > t.gross * 6 ||
    t.gross - t.deductions <= 0 ||
    slipContradictions(
      e.is_pensionable,
      lines.map((l) => l.code),
    ).length > 0
  ) {
    throw new Error(`demo payslip of ${e.key} for ${y}-${m} breaks the payroll rules`);
  }
  return lines;
}
