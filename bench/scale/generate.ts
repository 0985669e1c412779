/**
 * Deterministic generators of the scale data (issue 7): one employee at a time, with their loans,
 * payslips and lines (through the demo seed's payroll rules in seeds/payroll.ts), applications and
 * payments. Nothing here keeps more than one employee's rows; the only state that grows with the
 * data set is the set of IC numbers and e-mail local parts already used (to keep them unique).
 */
import {
  COMMON_POSTS,
  DEPARTMENTS,
  gradeInfo,
  serviceScheme,
  type DepartmentSeed,
} from '../../seeds/catalog.js';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  fromMonthIndex,
  isRealDate,
  monthIndex,
  monthNameMs,
  pad,
  parseYmd,
  ymd,
} from '../../seeds/dates.js';
import {
  bankAccount,
  CHINESE_FEMALE,
  CHINESE_MALE,
  CHINESE_SURNAMES,
  IBAN_FATHER,
  IBAN_FEMALE,
  IBAN_MALE,
  INDIAN_FATHER,
  INDIAN_FEMALE,
  INDIAN_MALE,
  KADAZAN_FAMILY,
  KADAZAN_FEMALE,
  KADAZAN_MALE,
  MALAY_FATHER,
  MALAY_FEMALE,
  MALAY_FEMALE_SECOND,
  MALAY_MALE,
  MALAY_MALE_SECOND,
  type EmployeeSeed,
} from '../../seeds/people.js';
import { buildLoans, paidMonths, payslipLines, type LineSeed, type LoanSeed } from '../../seeds/payroll.js';
import { ASSETS, CITIES, COURSES, FLIGHTS } from '../../seeds/activity.js';
import { Rng } from '../../seeds/random.js';

export interface ScalePlan {
  employees: number;
  months: number;
  /** Active portal accounts (the first employees still in service). */
  accounts: number;
  /** The seed's date (Asia/Kuala_Lumpur), 'YYYY-MM-DD'. */
  today: string;
  /** First and last payslip month (month indexes, see seeds/dates.ts). */
  windowStart: number;
  lastMonth: number;
}

export function makePlan(employees: number, months: number, accounts: number, today: string): ScalePlan {
  const t = parseYmd(today);
  // Every month up to the previous one is paid and published.
  const lastMonth = monthIndex(t.y, t.m) - 1;
  return { employees, months, accounts, today, windowStart: lastMonth - months + 1, lastMonth };
}

/** Payday: the 25th, or the Friday before when it falls on a weekend. */
export function payDate(month: number): string {
  const { y, m } = fromMonthIndex(month);
  let d = ymd(y, m, 25);
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) d = addDays(d, -1);
  return d;
}

/** Published at 09:00 the day before payday (Malaysian time). */
export function publishedAt(month: number): string {
  return `${addDays(payDate(month), -1)}T09:00:00+08:00`;
}

// ---------------------------------------------------------------------------------- people

type Community = 'malay' | 'chinese' | 'indian' | 'iban' | 'kadazan';

// Name lists: the demo seed's (seeds/people.ts), so both data sets read alike.

const PLACE: Record<Community, readonly (readonly [string, number])[]> = {
  malay: [
    ['10', 40],
    ['14', 12],
    ['01', 5],
    ['02', 5],
    ['03', 6],
    ['06', 5],
    ['08', 6],
    ['11', 5],
  ],
  chinese: [
    ['10', 30],
    ['14', 25],
    ['07', 12],
    ['08', 12],
    ['01', 10],
  ],
  indian: [
    ['10', 35],
    ['14', 20],
    ['08', 20],
    ['07', 10],
    ['05', 10],
  ],
  iban: [['13', 1]],
  kadazan: [['12', 1]],
};

const BANKS: readonly (readonly [string, number])[] = [
  ['Bank Islam', 25],
  ['Maybank', 35],
  ['CIMB Bank', 15],
  ['BSN', 10],
  ['Bank Rakyat', 15],
];

const lettersOnly = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

function person(rng: Rng): {
  name: string;
  male: boolean;
  muslim: boolean;
  local: string;
  community: Community;
} {
  const community = rng.weighted<Community>([
    ['malay', 78],
    ['indian', 10],
    ['chinese', 7],
    ['iban', 2.5],
    ['kadazan', 2.5],
  ]);
  const male = rng.chance(0.45);
  const build = (given: string, joiner: string, family: string, muslim: boolean) => ({
    name: joiner ? `${given} ${joiner} ${family}` : `${family} ${given}`,
    male,
    muslim,
    local: `${lettersOnly(given)}.${lettersOnly(family)}`,
    community,
  });
  switch (community) {
    case 'malay': {
      const first = rng.pick(male ? MALAY_MALE : MALAY_FEMALE);
      const given = rng.chance(0.7)
        ? `${first} ${rng.pick(male ? MALAY_MALE_SECOND : MALAY_FEMALE_SECOND)}`
        : first;
      return build(given, male ? 'bin' : 'binti', rng.pick(MALAY_FATHER), true);
    }
    case 'chinese':
      return build(rng.pick(male ? CHINESE_MALE : CHINESE_FEMALE), '', rng.pick(CHINESE_SURNAMES), false);
    case 'indian':
      return build(
        rng.pick(male ? INDIAN_MALE : INDIAN_FEMALE),
        male ? 'a/l' : 'a/p',
        rng.pick(INDIAN_FATHER),
        false,
      );
    case 'iban':
      return build(rng.pick(male ? IBAN_MALE : IBAN_FEMALE), 'anak', rng.pick(IBAN_FATHER), false);
    case 'kadazan': {
      const p = build(rng.pick(male ? KADAZAN_MALE : KADAZAN_FEMALE), '', rng.pick(KADAZAN_FAMILY), false);
      // Kadazan names put the family name last.
      const [family, ...given] = p.name.split(' ');
      return { ...p, name: `${given.join(' ')} ${family}` };
    }
  }
}

const DEPT_WEIGHTS = DEPARTMENTS.map((d) => [d, d.weight] as const);

/**
 * Makes the employees of the plan one at a time. ICs and e-mails are kept unique with two
 * compact sets (numbers and local parts), the only memory that grows with the employee count.
 */
export class EmployeeFactory {
  private readonly ics = new Set<number>();
  private readonly locals = new Map<string, number>();
  private readonly todayYear: number;
  private readonly windowStartDate: string;

  constructor(private readonly plan: ScalePlan) {
    this.todayYear = parseYmd(plan.today).y;
    const ws = fromMonthIndex(plan.windowStart);
    this.windowStartDate = ymd(ws.y, ws.m, 1);
  }

  /** The employee number `i` (0-based); call in order 0, 1, 2, … for the same result every run. */
  make(i: number, department: DepartmentSeed | undefined = undefined): EmployeeSeed {
    const rng = new Rng(`scale:employee:${i}`);
    const { today } = this.plan;
    const p = person(rng);
    const dept = department ?? rng.weighted(DEPT_WEIGHTS);

    // Birth date: still in service at the start of the window (retirement is at 60).
    let birthDate: string;
    for (;;) {
      const y = rng.int(this.todayYear - 61, this.todayYear - 21);
      const m = rng.int(1, 12);
      const d = rng.int(1, 31);
      if (!isRealDate(y, m, d)) continue;
      birthDate = ymd(y, m, d);
      if (ymd(y + 60, m, Math.min(d, daysInMonth(y + 60, m))) > addDays(this.windowStartDate, 45)) break;
    }
    const b = parseYmd(birthDate);

    let ic: string;
    for (;;) {
      const lead = b.y >= 2000 ? rng.pick(['0', '1']) : rng.pick(['5', '5', '6', '7']);
      const last = rng.int(0, 4) * 2 + (p.male ? 1 : 0);
      ic = `${pad(b.y % 100)}${pad(b.m)}${pad(b.d)}${rng.weighted(PLACE[p.community])}${lead}${rng.digits(2)}${last}`;
      const key = Number(ic);
      if (!this.ics.has(key)) {
        this.ics.add(key);
        break;
      }
    }

    // Start: most joined long before the window, about one in ten inside it.
    let start: string;
    if (b.y >= this.todayYear - 38 && rng.chance(0.1)) {
      start = addDays(this.windowStartDate, rng.int(10, Math.max(11, this.plan.months * 30 - 45)));
      if (start > addDays(today, -40)) start = addDays(today, -rng.int(40, 120));
    } else {
      const y = Math.min(this.todayYear - 3, Math.max(1985, b.y + rng.int(20, 29)));
      start = ymd(y, rng.int(1, 12), rng.pick([1, 1, 1, 2, 3, 15, 16]));
      if (start >= this.windowStartDate)
        start = ymd(parseYmd(this.windowStartDate).y - rng.int(1, 4), rng.int(1, 12), 1);
    }
    const age = this.todayYear - b.y;

    const [position, postGrade] = rng.weighted(
      [...dept.posts, ...COMMON_POSTS].map(([ps, g, w]) => [[ps, g] as const, w] as const),
    );
    let grade: string = postGrade;
    const level = gradeInfo(grade).level;
    if ((level === 52 && age < 50) || (level === 48 && age < 44) || (level === 44 && age < 37)) {
      grade = grade.replace(/[0-9]+$/, '41');
    }
    const startYear = parseYmd(start).y;
    const gradeStartYear = rng.int(
      startYear,
      Math.max(startYear, Math.min(this.todayYear - 2, startYear + 18)),
    );

    const sixty = ymd(b.y + 60, b.m, Math.min(b.d, daysInMonth(b.y + 60, b.m)));
    let status: EmployeeSeed['status'] = 'active';
    let endDate: string | null = null;
    if (sixty <= today) {
      status = 'retired';
      endDate = addDays(sixty, -1);
    } else if (rng.chance(0.025) && start < this.windowStartDate) {
      status = rng.pick(['resigned', 'transferred'] as const);
      endDate = addDays(this.windowStartDate, rng.int(45, Math.max(46, this.plan.months * 30 - 60)));
      if (endDate >= today) endDate = addDays(today, -rng.int(35, 90));
    }

    const pensionable = start < '2024-02-01' && !rng.chance(0.06);
    const bank = rng.weighted(BANKS);
    const seen = (this.locals.get(p.local) ?? 0) + 1;
    this.locals.set(p.local, seen);
    let email: string | null = `${p.local}${seen > 1 ? seen : ''}@selangor.gov.my`;
    const roll = rng.float();
    if (roll < 0.018) email = null;
    else if (roll < 0.036) email = `${p.local.replace('.', '_')}${pad(b.y % 100)}${seen}@gmail.com`;

    const info = gradeInfo(grade);
    const pcb: '1' | '2' | '3' =
      age < 27
        ? rng.chance(0.85)
          ? '1'
          : '3'
        : rng.weighted([
            ['1', 25],
            ['2', 25],
            ['3', 50],
          ] as const);
    return {
      key: `scale:${i}`,
      ic_no: ic,
      payroll_no: `${1 + (i % 3)}${pad(i + 1, 7)}`,
      name: p.name,
      email,
      departmentCode: dept.code,
      position,
      grade,
      service_scheme: serviceScheme(grade),
      bank_name: bank,
      bank_account: bankAccount(rng, bank),
      kwsp_no: !pensionable || rng.chance(0.2) ? `${rng.int(1, 2)}${rng.digits(7)}` : null,
      is_pensionable: pensionable,
      tax_no: rng.chance(0.93) ? `SG ${rng.int(1, 2)}${rng.digits(9)}` : null,
      pcb_category: pcb,
      start_date: start,
      end_date: endDate,
      status,
      gender: p.male ? 'M' : 'F',
      muslim: p.muslim,
      birthDate,
      children: pcb === '1' ? 0 : rng.int(0, 4),
      gradeStartYear,
      stepOffset: rng.int(0, 3),
      zakat: p.muslim && rng.chance(0.3),
      tabungHaji: p.muslim && rng.chance(0.3) ? rng.pick([50_00, 100_00, 150_00, 200_00, 300_00]) : 0,
      takaful: rng.chance(0.15) ? rng.pick([35_00, 52_50, 75_00, 110_00, 148_00]) : 0,
      ptptn:
        age < 40 && info.level >= 29 && rng.chance(0.25) ? rng.pick([100_00, 150_00, 180_00, 250_00]) : 0,
      union: info.group === 'pelaksana' && rng.chance(0.4) ? rng.pick([5_00, 8_00]) : 0,
      overtime: grade === 'H11' ? 'often' : info.level <= 19 && rng.chance(0.3) ? 'sometimes' : 'none',
      fixedTravel: info.group === 'pp' && info.level >= 44 && rng.chance(0.4),
    };
  }
}

// ---------------------------------------------------------------------------------- payroll

export interface SlipSeed {
  month: number;
  lines: LineSeed[];
}

/**
 * The employee's loans and payslips over the window, by the demo payroll's rules. A payslip that
 * the rules refuse (never seen so far) is left out rather than stored half-right.
 */
export function payroll(
  e: EmployeeSeed,
  plan: ScalePlan,
): { loans: LoanSeed[]; slips: SlipSeed[]; refused: number } {
  const loans = buildLoans([e], plan.windowStart, plan.lastMonth);
  const slips: SlipSeed[] = [];
  let refused = 0;
  for (const month of paidMonths(e, plan.windowStart, plan.lastMonth)) {
    try {
      slips.push({ month, lines: payslipLines(e, month, loans) });
    } catch {
      refused += 1;
    }
  }
  return { loans, slips, refused };
}

// ---------------------------------------------------------------------------------- applications

export type Module = 'AC' | 'PROC' | 'PY' | 'SL' | 'AIM';
export type AppStatus = 'DRAFT' | 'SUBMITTED' | 'IN_PROCESS' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

export interface ApplicationRow {
  module: Module;
  title: string;
  amount_sen: number | null;
  status: AppStatus;
  year: number;
  submitted_at: string;
  updated_at: string;
  history: { status: AppStatus; note: string; changed_at: string; changed_by: string }[];
}

function appTitle(rng: Rng, module: Module): { title: string; amount: number | null } {
  const rm = (lo: number, hi: number) => rng.int(lo, hi) * 100;
  switch (module) {
    case 'AC':
      return {
        title: `Pendahuluan Diri: Kursus ${rng.pick(COURSES)} di ${rng.pick(CITIES)}`,
        amount: rm(800, 3_500),
      };
    case 'PROC':
      return {
        title: `Waran Udara: Kuala Lumpur (KLIA) – ${rng.pick(FLIGHTS)} pergi balik`,
        amount: rm(350, 1_900),
      };
    case 'PY':
      return {
        title: `Pengecualian Cukai Jualan: Perolehan ${rng.pick(ASSETS)}`,
        amount: rm(5_000, 250_000),
      };
    case 'SL':
      return rng.chance(0.5)
        ? { title: 'Pinjaman Komputer', amount: rng.int(30, 50) * 100_00 }
        : { title: 'Pinjaman Kenderaan (Kereta)', amount: rng.int(30, 90) * 1_000_00 };
    case 'AIM':
      return { title: `Pinjaman Aset Alih: ${rng.pick(ASSETS)}`, amount: null };
  }
}

const NOTE: Record<AppStatus, string> = {
  DRAFT: 'Permohonan disimpan sebagai draf.',
  SUBMITTED: 'Permohonan dihantar untuk semakan.',
  IN_PROCESS: 'Permohonan sedang disemak oleh Unit Kewangan.',
  APPROVED: 'Permohonan diluluskan.',
  REJECTED: 'Ditolak: dokumen sokongan tidak lengkap.',
  CANCELLED: 'Permohonan dibatalkan oleh pemohon.',
};

/** An instant for a Malaysian wall-clock time on a date (ISO, UTC). */
function klInstant(date: string, hour: number, minute: number): string {
  const { y, m, d } = parseYmd(date);
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute)).toISOString();
}

/** The employee's applications (about 45% of officers in service have one to five). */
export function applications(e: EmployeeSeed, plan: ScalePlan): ApplicationRow[] {
  const rng = new Rng(`scale:applications:${e.key}`);
  if (e.status !== 'active' || !rng.chance(0.45)) return [];
  const out: ApplicationRow[] = [];
  const n = rng.int(1, 5);
  const served = daysBetween(e.start_date, plan.today) - 1;
  for (let i = 0; i < n; i++) {
    const status = rng.weighted<AppStatus>([
      ['DRAFT', 8],
      ['SUBMITTED', 12],
      ['IN_PROCESS', 15],
      ['APPROVED', 45],
      ['REJECTED', 10],
      ['CANCELLED', 10],
    ]);
    const module = rng.weighted<Module>([
      ['AC', 30],
      ['PROC', 15],
      ['PY', 10],
      ['SL', 25],
      ['AIM', 20],
    ]);
    const maxAge = status === 'DRAFT' ? 20 : status === 'SUBMITTED' ? 14 : status === 'IN_PROCESS' ? 60 : 720;
    const age = Math.min(rng.int(status === 'DRAFT' ? 1 : 3, maxAge), served);
    if (age < 2) continue;
    const path: AppStatus[] =
      status === 'DRAFT'
        ? ['DRAFT']
        : status === 'SUBMITTED'
          ? ['DRAFT', 'SUBMITTED']
          : status === 'CANCELLED'
            ? ['DRAFT', 'CANCELLED']
            : status === 'IN_PROCESS'
              ? ['DRAFT', 'SUBMITTED', 'IN_PROCESS']
              : ['DRAFT', 'SUBMITTED', 'IN_PROCESS', status];
    const history = path.map((s, k) => {
      const day = addDays(
        plan.today,
        -age + Math.min(k * Math.max(1, Math.floor(age / path.length)), age - 1),
      );
      return {
        status: s,
        note: NOTE[s],
        changed_at: klInstant(day, 8 + k * 2, rng.int(0, 59)),
        changed_by:
          s === 'IN_PROCESS'
            ? 'Unit Kewangan'
            : s === 'APPROVED' || s === 'REJECTED'
              ? 'Pegawai Pengawal'
              : e.name,
      };
    });
    const first = history[0]!;
    const last = history[history.length - 1]!;
    const { title, amount } = appTitle(rng, module);
    out.push({
      module,
      title,
      amount_sen: amount,
      status,
      year: parseYmd(first.changed_at.slice(0, 10)).y,
      submitted_at: (history.find((h) => h.status === 'SUBMITTED') ?? first).changed_at,
      updated_at: last.changed_at,
      history,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------- payments

export type PaymentStatus = 'SENT_TO_BANK' | 'RECEIVED_BY_BANK' | 'BANK_FAILED' | 'ISSUED' | 'CANCELLED';
export type PaymentMethod = 'EFT' | 'CHEQUE' | 'BANK_DRAFT' | 'TT';

export interface PaymentRow {
  reference_prefix: string;
  description: string;
  amount_sen: number;
  method: PaymentMethod;
  voucher_date: string;
  payment_date: string | null;
  status: PaymentStatus;
  status_date: string;
  updated_at: string;
}

const CLAIMS = [
  ['TPD', 'Tuntutan Perjalanan Dalam Negeri Bulan', 120, 2_400, 40],
  ['ELM', 'Tuntutan Elaun Lebih Masa Bulan', 150, 1_500, 15],
  ['PD', 'Bayaran Pendahuluan Diri Bulan', 800, 3_500, 15],
  ['TEM', 'Tuntutan Elaun Makan dan Penginapan Bulan', 200, 1_200, 15],
  ['BBG', 'Bayaran Balik Potongan Gaji Terlebih Bulan', 20, 600, 15],
] as const;

/** One payment's method, status and dates, as eMaklum's five statuses allow. */
function settle(
  rng: Rng,
  today: string,
  voucherDate: string,
  company: boolean,
): Pick<PaymentRow, 'method' | 'payment_date' | 'status' | 'status_date' | 'updated_at'> {
  const clamp = (d: string) => (d > today ? today : d);
  const method: PaymentMethod = company
    ? rng.weighted<PaymentMethod>([
        ['EFT', 72],
        ['CHEQUE', 14],
        ['BANK_DRAFT', 8],
        ['TT', 6],
      ])
    : rng.chance(0.88)
      ? 'EFT'
      : 'CHEQUE';
  const age = daysBetween(voucherDate, today);
  const status: PaymentStatus =
    method === 'EFT'
      ? age <= 3
        ? 'SENT_TO_BANK'
        : rng.weighted<PaymentStatus>([
            ['RECEIVED_BY_BANK', 88],
            ['BANK_FAILED', 5],
            ['CANCELLED', 7],
          ])
      : rng.chance(0.88)
        ? 'ISSUED'
        : 'CANCELLED';
  let paymentDate: string | null = clamp(addDays(voucherDate, rng.int(1, 2)));
  let statusDate = paymentDate;
  if (status === 'RECEIVED_BY_BANK') statusDate = clamp(addDays(paymentDate, 1));
  else if (status === 'BANK_FAILED') statusDate = clamp(addDays(paymentDate, 2));
  else if (status === 'CANCELLED') {
    paymentDate = null;
    statusDate = clamp(addDays(voucherDate, rng.int(1, 10)));
  }
  return {
    method,
    payment_date: paymentDate,
    status,
    status_date: statusDate,
    updated_at: klInstant(statusDate, rng.int(9, 17), rng.int(0, 59)),
  };
}

/** The employee's claims and refunds paid by the treasury over the last two years. */
export function employeePayments(e: EmployeeSeed, plan: ScalePlan): PaymentRow[] {
  const rng = new Rng(`scale:payments:${e.key}`);
  if (!rng.chance(0.6)) return [];
  const minAge = e.end_date ? Math.max(1, daysBetween(e.end_date, plan.today)) : 1;
  const maxAge = Math.min(720, daysBetween(e.start_date, plan.today) - 1);
  if (maxAge < minAge) return [];
  const n = rng.weighted([
    [1, 20],
    [3, 30],
    [6, 25],
    [12, 15],
    [30, 10],
  ] as const);
  const out: PaymentRow[] = [];
  for (let i = 0; i < n; i++) {
    const voucherDate = addDays(plan.today, -rng.int(minAge, maxAge));
    const [prefix, text, lo, hi] = rng.weighted(CLAIMS.map((c) => [c, c[4]] as const));
    const prev = parseYmd(addDays(voucherDate, -20));
    out.push({
      reference_prefix: prefix,
      description: `${text} ${monthNameMs(prev.m)} ${prev.y}`,
      amount_sen: rng.int(lo, hi) * 100 + rng.int(0, 99),
      voucher_date: voucherDate,
      ...settle(rng, plan.today, voucherDate, false),
    });
  }
  return out;
}

/** A company's payments: `n` invoices over the last two years. */
export function companyPayments(
  companyId: string,
  works: readonly string[],
  range: readonly [number, number],
  n: number,
  plan: ScalePlan,
): PaymentRow[] {
  const rng = new Rng(`scale:company:${companyId}`);
  const out: PaymentRow[] = [];
  for (let i = 0; i < n; i++) {
    const voucherDate = addDays(plan.today, -rng.int(1, 720));
    out.push({
      reference_prefix: 'INV',
      description: rng.pick(works),
      amount_sen: rng.int(range[0], Math.min(range[1], range[0] * 8)) * 100 + rng.int(0, 99),
      voucher_date: voucherDate,
      ...settle(rng, plan.today, voucherDate, true),
    });
  }
  return out;
}
