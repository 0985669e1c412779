/** Applications (Permohonan) and payments (eMaklum) of the demo data. */
import { DEPARTMENTS, SUPPLIERS, gradeInfo, type SupplierSeed } from './catalog.js';
import { addDays, daysBetween, monthNameMs, pad, parseYmd } from './dates.js';
import type { EmployeeSeed } from './people.js';
import { Rng } from './random.js';

export type Module = 'AC' | 'PROC' | 'PY' | 'SL' | 'AIM';
export const MODULES: readonly Module[] = ['AC', 'PROC', 'PY', 'SL', 'AIM'];
export type AppStatus = 'DRAFT' | 'SUBMITTED' | 'IN_PROCESS' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

export interface HistorySeed {
  status: AppStatus;
  note: string;
  changed_at: string;
  changed_by: string;
}

export interface ApplicationSeed {
  employeeKey: string;
  module: Module;
  reference_no: string;
  title: string;
  amount_sen: number | null;
  status: AppStatus;
  submitted_at: string;
  updated_at: string;
  history: HistorySeed[];
}

export const CITIES = [
  'Kuala Terengganu',
  'Kota Bharu',
  'Ipoh',
  'Melaka',
  'Johor Bahru',
  'Kuantan',
  'Seremban',
  'Putrajaya',
  'Port Dickson',
  'Langkawi',
  'Alor Setar',
  'George Town',
];
export const COURSES = [
  'Pengurusan Kewangan dan Perakaunan Akruan',
  'Penyediaan Penyata Kewangan Kerajaan Negeri',
  'Pengurusan Aset Alih Kerajaan',
  'Perolehan Kerajaan dan ePerolehan',
  'Kepimpinan dan Pengurusan Pasukan',
  'Keselamatan Siber Sektor Awam',
  'Pengurusan Rekod dan Fail Terperingkat',
  'Integriti dan Tadbir Urus Baik',
];
const MEETINGS = [
  'Jawatankuasa Teknikal Kewangan Negeri',
  'Majlis Tanah Negara',
  'Pegawai Kewangan Negeri-Negeri',
  'Penyelarasan Projek Pembangunan',
  'Jawatankuasa Pengurusan Aset',
];
export const FLIGHTS = [
  'Kota Kinabalu',
  'Kuching',
  'Miri',
  'Sandakan',
  'Tawau',
  'Langkawi',
  'Pulau Pinang',
  'Kota Bharu',
  'Kuala Terengganu',
  'Alor Setar',
  'Johor Bahru',
  'Sibu',
];
const PURPOSES = [
  'Kursus Perakaunan Akruan',
  'Mesyuarat Pegawai Kewangan',
  'Lawatan Kerja Rasmi',
  'Seminar Pengurusan Aset',
  'Bengkel Penyediaan Bajet',
];
const TAX_ITEMS = [
  'Peralatan ICT dan Pelayan',
  'Kenderaan Jabatan (Pacuan Empat Roda)',
  'Peralatan Makmal Tanah',
  'Perabot Pejabat Baharu',
  'Peralatan Ukur GPS',
];
const TAX_SERVICES = [
  'Sewaan Dewan Seminar',
  'Perkhidmatan Katering Majlis Rasmi',
  'Perkhidmatan Perundingan Kejuruteraan',
  'Langganan Perisian Awan',
];
export const ASSETS = [
  'Komputer Riba Dell Latitude',
  'Pencetak Laser HP',
  'Projektor LCD Epson',
  'Penyaman Udara Bilik Mesyuarat',
  'Kamera Digital Canon',
  'Mesin Fotostat Ricoh',
  'Kereta Jabatan Proton Perdana',
];
const REJECT_NOTES = [
  'Ditolak: dokumen sokongan tidak lengkap.',
  'Ditolak: peruntukan tidak mencukupi.',
  'Ditolak: permohonan tidak memenuhi syarat pekeliling.',
  'Ditolak: permohonan bertindih dengan permohonan terdahulu.',
];

function titleAndAmount(rng: Rng, module: Module, date: string): { title: string; amount: number | null } {
  const rm = (lo: number, hi: number) => rng.int(lo, hi) * 100 + rng.pick([0, 0, 50]);
  switch (module) {
    case 'AC':
      return rng.pick([
        () => ({
          title: `Pendahuluan Diri: Kursus ${rng.pick(COURSES)} di ${rng.pick(CITIES)}`,
          amount: rm(800, 3_500),
        }),
        () => ({
          title: `Pendahuluan Perjalanan: Mesyuarat ${rng.pick(MEETINGS)} di ${rng.pick(CITIES)}`,
          amount: rm(500, 2_500),
        }),
        () => {
          const { y } = parseYmd(date);
          const program = rng.pick([
            'Karnival Inovasi Negeri Selangor',
            'Majlis Anugerah Perkhidmatan Cemerlang',
            'Hari Terbuka Perbendaharaan',
          ]);
          return { title: `Pendahuluan Diri: ${program} ${y}`, amount: rm(1_000, 6_000) };
        },
      ])();
    case 'PROC':
      return {
        title: `Waran Udara: Kuala Lumpur (KLIA) – ${rng.pick(FLIGHTS)} pergi balik, ${rng.pick(PURPOSES)}`,
        amount: rm(350, 1_900),
      };
    case 'PY':
      return rng.chance(0.6)
        ? { title: `Pengecualian Cukai Jualan: Perolehan ${rng.pick(TAX_ITEMS)}`, amount: rm(5_000, 250_000) }
        : { title: `Pengecualian Cukai Perkhidmatan: ${rng.pick(TAX_SERVICES)}`, amount: rm(2_000, 40_000) };
    case 'SL':
      return rng.pick([
        () => ({ title: 'Pinjaman Komputer', amount: rng.int(30, 50) * 100_00 }),
        () => ({ title: 'Pinjaman Kenderaan (Kereta)', amount: rng.int(30, 90) * 1_000_00 }),
        () => ({ title: 'Pinjaman Kenderaan (Motosikal)', amount: rng.int(3, 8) * 1_000_00 }),
        () => ({ title: 'Pembiayaan Perumahan Sektor Awam (LPPSA)', amount: rng.int(20, 60) * 10_000_00 }),
      ])();
    case 'AIM':
      return rng.pick([
        () => ({ title: `Pinjaman Aset Alih: ${rng.pick(ASSETS)}`, amount: null }),
        () => ({ title: `Pelupusan Aset: ${rng.pick(ASSETS)}`, amount: rm(300, 5_000) }),
        () => ({ title: `Aduan Kerosakan Aset: ${rng.pick(ASSETS)}`, amount: null }),
        () => ({ title: `Penerimaan Aset Baharu: ${rng.pick(ASSETS)}`, amount: rm(1_000, 20_000) }),
      ])();
  }
}

/** Days before the seed date an application in this status was started. */
function ageFor(rng: Rng, status: AppStatus): number {
  switch (status) {
    case 'DRAFT':
      return rng.int(1, 20);
    case 'SUBMITTED':
      return rng.int(2, 14);
    case 'IN_PROCESS':
      return rng.int(5, 60);
    default:
      return rng.int(12, 720);
  }
}

const MS_DAY = 86_400_000;

/** A UTC instant for a Malaysian wall-clock time on a date. */
function instant(date: string, hour: number, minute: number): number {
  const { y, m, d } = parseYmd(date);
  return Date.UTC(y, m - 1, d, hour - 8, minute);
}

export interface People {
  byKey: Map<string, EmployeeSeed>;
  /** Reviewers (grade 29) and approvers (grade 41 and up) per department code. */
  reviewers: Map<string, string[]>;
  approvers: Map<string, string[]>;
}

export function indexPeople(employees: EmployeeSeed[]): People {
  const reviewers = new Map<string, string[]>();
  const approvers = new Map<string, string[]>();
  for (const e of employees) {
    if (e.status !== 'active') continue;
    const level = gradeInfo(e.grade).level;
    const target = level >= 41 ? approvers : level === 29 ? reviewers : null;
    if (!target) continue;
    const list = target.get(e.departmentCode) ?? [];
    list.push(e.name);
    target.set(e.departmentCode, list);
  }
  return { byKey: new Map(employees.map((e) => [e.key, e])), reviewers, approvers };
}

export function buildApplications(employees: EmployeeSeed[], today: string): ApplicationSeed[] {
  const rng = new Rng('applications');
  const people = indexPeople(employees);
  const cap = instant(addDays(today, -1), 18, 0);
  const serials = new Map<string, number>();
  const out: ApplicationSeed[] = [];

  const make = (e: EmployeeSeed, module: Module, status: AppStatus) => {
    const age = Math.min(ageFor(rng, status), daysBetween(e.start_date, today) - 1);
    if (age < 1) return;
    const startDate = addDays(today, -age);
    let t = instant(startDate, rng.int(8, 16), rng.int(0, 59));
    const path: AppStatus[] =
      status === 'DRAFT'
        ? ['DRAFT']
        : status === 'SUBMITTED'
          ? ['DRAFT', 'SUBMITTED']
          : status === 'CANCELLED'
            ? rng.chance(0.5)
              ? ['DRAFT', 'CANCELLED']
              : ['DRAFT', 'SUBMITTED', 'CANCELLED']
            : status === 'IN_PROCESS'
              ? ['DRAFT', 'SUBMITTED', 'IN_PROCESS']
              : ['DRAFT', 'SUBMITTED', 'IN_PROCESS', status];
    const gapDays: Record<AppStatus, [number, number]> = {
      DRAFT: [0, 0],
      SUBMITTED: [0, 2],
      IN_PROCESS: [1, 5],
      APPROVED: [2, 20],
      REJECTED: [2, 20],
      CANCELLED: [0, 6],
    };
    const reviewer = rng.pick(people.reviewers.get(e.departmentCode) ?? ['Unit Kewangan']);
    const approver = rng.pick(people.approvers.get(e.departmentCode) ?? ['Pegawai Pengawal']);
    const unit =
      module === 'AIM'
        ? 'Unit Aset dan Stor'
        : module === 'SL'
          ? 'Unit Pinjaman Kakitangan'
          : 'Unit Kewangan';
    const history: HistorySeed[] = [];
    for (const s of path) {
      if (history.length > 0) {
        const [lo, hi] = gapDays[s];
        t += rng.int(lo, hi) * MS_DAY + rng.int(20, 300) * 60_000;
      }
      t = Math.min(t, cap - (path.length - 1 - history.length) * 60_000);
      const note =
        s === 'DRAFT'
          ? 'Permohonan disimpan sebagai draf.'
          : s === 'SUBMITTED'
            ? 'Permohonan dihantar untuk semakan.'
            : s === 'IN_PROCESS'
              ? `Permohonan sedang disemak oleh ${unit}.`
              : s === 'APPROVED'
                ? 'Permohonan diluluskan.'
                : s === 'REJECTED'
                  ? rng.pick(REJECT_NOTES)
                  : 'Permohonan dibatalkan oleh pemohon.';
      const by = s === 'IN_PROCESS' ? reviewer : s === 'APPROVED' || s === 'REJECTED' ? approver : e.name;
      history.push({ status: s, note, changed_at: new Date(t).toISOString(), changed_by: by });
    }
    const first = history[0];
    const last = history[history.length - 1];
    if (!first || !last) throw new Error('empty application history');
    const submitted = history.find((h) => h.status === 'SUBMITTED') ?? first;
    const { title, amount } = titleAndAmount(rng, module, startDate);
    out.push({
      employeeKey: e.key,
      module,
      reference_no: '',
      title,
      amount_sen: amount,
      status,
      submitted_at: submitted.changed_at,
      updated_at: last.changed_at,
      history,
    });
  };

  const all: AppStatus[] = ['DRAFT', 'SUBMITTED', 'IN_PROCESS', 'APPROVED', 'REJECTED', 'CANCELLED'];
  for (const e of employees) {
    if (e.key === 'demo:activeEmployee') {
      for (const module of MODULES) {
        for (const status of [...all, 'APPROVED' as const]) make(e, module, status);
      }
    } else if (e.key === 'demo:secondActiveEmployee') {
      for (const module of MODULES) make(e, module, rng.pick(all));
    } else if (e.status === 'active' && rng.chance(0.4)) {
      const n = rng.int(1, 4);
      for (let i = 0; i < n; i++) {
        const status = rng.weighted<AppStatus>([
          ['DRAFT', 8],
          ['SUBMITTED', 12],
          ['IN_PROCESS', 15],
          ['APPROVED', 45],
          ['REJECTED', 10],
          ['CANCELLED', 10],
        ]);
        make(
          e,
          rng.weighted<Module>([
            ['AC', 30],
            ['PROC', 15],
            ['PY', 10],
            ['SL', 25],
            ['AIM', 20],
          ]),
          status,
        );
      }
    }
  }
  // Reference numbers run per module and year in the order the applications were started.
  const ordered = out
    .map((a, seq) => ({ a, seq }))
    .sort((x, y) => {
      const tx = x.a.history[0]?.changed_at ?? '';
      const ty = y.a.history[0]?.changed_at ?? '';
      return tx === ty ? x.seq - y.seq : tx < ty ? -1 : 1;
    })
    .map(({ a }) => a);
  for (const a of ordered) {
    const year = new Date(Date.parse(a.history[0]?.changed_at ?? '') + 8 * 3_600_000).getUTCFullYear();
    const key = `${a.module}/${year}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    a.reference_no = `${a.module}/${year}/${pad(serial, 5)}`;
  }
  return ordered;
}

export type PaymentStatus = 'SENT_TO_BANK' | 'RECEIVED_BY_BANK' | 'BANK_FAILED' | 'ISSUED' | 'CANCELLED';
export type PaymentMethod = 'EFT' | 'CHEQUE' | 'BANK_DRAFT' | 'TT';

export interface PaymentSeed {
  payee_kind: 'employee' | 'company';
  payee_id_no: string;
  payee_name: string;
  voucher_no: string;
  reference_no: string;
  description: string;
  departmentCode: string;
  amount_sen: number;
  method: PaymentMethod;
  instrument_no: string | null;
  bank_name: string;
  bank_account: string;
  voucher_date: string;
  payment_date: string | null;
  status: PaymentStatus;
  status_date: string;
  updated_at: string;
}

interface Payee {
  kind: 'employee' | 'company';
  idNo: string;
  name: string;
  bank: string;
  account: string;
  departmentCode: string;
  supplier?: SupplierSeed;
}

/** What a payment pays for; numbered in date order once every payment is known. */
interface Purpose {
  counter: string;
  reference: (n: number) => string;
  description: (n: number) => string;
  amount: number;
  assigned?: { reference: string; description: string };
}

interface Draft {
  payment: PaymentSeed;
  purpose: Purpose;
  reissue: boolean;
  seq: number;
}

export function buildPayments(employees: EmployeeSeed[], today: string): PaymentSeed[] {
  const rng = new Rng('payments');
  const drafts: Draft[] = [];
  const yesterday = addDays(today, -1);
  const payingCentre = new Map(DEPARTMENTS.map((d) => [d.code, d.paying_centre_code]));
  const deptShort = new Map(DEPARTMENTS.map((d) => [d.code, d.short]));
  const clamp = (d: string) => (d > today ? today : d);

  const purpose = (p: Payee, voucherDate: string): Purpose => {
    const { y, m } = parseYmd(voucherDate);
    const prev = { y: m === 1 ? y - 1 : y, m: m === 1 ? 12 : m - 1 };
    const rm = (lo: number, hi: number) => rng.int(lo, hi) * 100 + rng.int(0, 99);
    if (p.supplier) {
      const s = p.supplier;
      const [lo, hi] = s.range;
      const work = rng.pick(s.works);
      const short = deptShort.get(p.departmentCode) ?? '';
      return {
        counter: `${s.invoicePrefix}/${y}`,
        reference: (n) => `INV-${s.invoicePrefix}-${y}-${pad(n, 4)}`,
        description: (n) => `${work} (Pesanan Tempatan LO${pad(y % 100)}${short}${pad(n, 4)})`,
        amount: rng.chance(0.7) ? rm(lo, Math.min(hi, lo * 8)) : rm(lo, hi),
      };
    }
    const simple = (prefix: string, description: string, amount: number): Purpose => ({
      counter: `${prefix}/${y}`,
      reference: (n) => `${prefix}/${y}/${pad(n, 6)}`,
      description: () => description,
      amount,
    });
    const kind = rng.weighted([
      ['travel', 40],
      ['overtime', 15],
      ['advance', 15],
      ['subsistence', 15],
      ['refund', 15],
    ] as const);
    switch (kind) {
      case 'travel':
        return simple(
          'TPD',
          `Tuntutan Perjalanan Dalam Negeri Bulan ${monthNameMs(prev.m)} ${prev.y}`,
          rm(120, 2_400),
        );
      case 'overtime':
        return simple(
          'ELM',
          `Tuntutan Elaun Lebih Masa Bulan ${monthNameMs(prev.m)} ${prev.y}`,
          rm(150, 1_500),
        );
      case 'advance':
        return simple('PD', `Bayaran Pendahuluan Diri: Kursus ${rng.pick(COURSES)}`, rm(800, 3_500));
      case 'subsistence':
        return simple(
          'TEM',
          `Tuntutan Elaun Makan dan Penginapan: Kursus di ${rng.pick(CITIES)}`,
          rm(200, 1_200),
        );
      case 'refund':
        return simple(
          'BBG',
          `Bayaran Balik Potongan Gaji Terlebih (${monthNameMs(prev.m)} ${prev.y})`,
          rm(20, 600),
        );
    }
  };

  const add = (
    p: Payee,
    voucherDate: string,
    forced?: { status: PaymentStatus; method: PaymentMethod },
    again?: Purpose,
  ) => {
    const age = daysBetween(voucherDate, today);
    const method: PaymentMethod =
      forced?.method ??
      (p.kind === 'employee'
        ? rng.chance(0.88)
          ? 'EFT'
          : 'CHEQUE'
        : rng.weighted<PaymentMethod>([
            ['EFT', 72],
            ['CHEQUE', 14],
            ['BANK_DRAFT', 8],
            ['TT', 6],
          ]));
    let status: PaymentStatus;
    if (forced) status = forced.status;
    else if (method === 'EFT') {
      status =
        age <= 3
          ? 'SENT_TO_BANK'
          : rng.weighted<PaymentStatus>([
              ['RECEIVED_BY_BANK', 88],
              ['BANK_FAILED', 5],
              ['CANCELLED', 7],
            ]);
    } else status = rng.chance(0.88) ? 'ISSUED' : 'CANCELLED';

    let paymentDate: string | null = clamp(addDays(voucherDate, rng.int(1, 2)));
    let statusDate: string;
    switch (status) {
      case 'SENT_TO_BANK':
      case 'ISSUED':
        statusDate = paymentDate;
        break;
      case 'RECEIVED_BY_BANK':
        statusDate = clamp(addDays(paymentDate, 1));
        break;
      case 'BANK_FAILED':
        statusDate = clamp(addDays(paymentDate, 2));
        break;
      case 'CANCELLED':
        paymentDate = null;
        statusDate = clamp(addDays(voucherDate, rng.int(1, 10)));
        break;
    }
    const pd = paymentDate ?? voucherDate;
    const instrument =
      method === 'BANK_DRAFT'
        ? `BD${rng.digits(8)}`
        : method === 'TT'
          ? `TT${pd.slice(2).replace(/-/g, '')}${rng.digits(4)}`
          : null;
    const what = again ?? purpose(p, voucherDate);
    drafts.push({
      payment: {
        payee_kind: p.kind,
        payee_id_no: p.idNo,
        payee_name: p.name,
        voucher_no: '',
        reference_no: '',
        description: '',
        departmentCode: p.departmentCode,
        amount_sen: what.amount,
        method,
        instrument_no: instrument,
        bank_name: p.bank,
        bank_account: p.account,
        voucher_date: voucherDate,
        payment_date: paymentDate,
        status,
        status_date: statusDate,
        updated_at: new Date(instant(statusDate, rng.int(9, 17), rng.int(0, 59))).toISOString(),
      },
      purpose: what,
      reissue: again !== undefined,
      seq: drafts.length,
    });
    // A payment the bank could not credit is paid again a week or two later, same reference.
    if (status === 'BANK_FAILED') {
      const later = addDays(statusDate, rng.int(5, 15));
      if (later <= yesterday) add(p, later, undefined, what);
    }
  };

  /** Dates spread over the last two years, newest first. */
  const dates = (n: number, maxAge = 720): string[] =>
    Array.from({ length: n }, () => addDays(today, -rng.int(1, maxAge))).sort((a, b) =>
      a < b ? 1 : a > b ? -1 : 0,
    );

  /** The demo payees get every status: the newest two sent to the bank, one failed, etc. */
  const demoSchedule = (p: Payee, n: number, nonEft: PaymentMethod[]) => {
    const list = dates(n);
    list[0] = addDays(today, -1);
    list[1] = addDays(today, -2);
    list.forEach((d, i) => {
      const forced: { status: PaymentStatus; method: PaymentMethod } | undefined =
        i <= 1
          ? { status: 'SENT_TO_BANK', method: 'EFT' }
          : i === 4 || i === 19
            ? { status: 'BANK_FAILED', method: 'EFT' }
            : i === 7 || i === 15 || i === 26
              ? { status: 'ISSUED', method: nonEft[i % nonEft.length] ?? 'CHEQUE' }
              : i === 10 || i === 23
                ? { status: 'CANCELLED', method: 'EFT' }
                : i === 30
                  ? { status: 'CANCELLED', method: 'CHEQUE' }
                  : d >= addDays(today, -3)
                    ? { status: 'SENT_TO_BANK', method: 'EFT' }
                    : { status: 'RECEIVED_BY_BANK', method: 'EFT' };
      add(p, d, forced);
    });
  };

  const employeePayee = (e: EmployeeSeed): Payee => ({
    kind: 'employee',
    idNo: e.ic_no,
    name: e.name,
    bank: e.bank_name,
    account: e.bank_account,
    departmentCode: e.departmentCode,
  });
  const companyPayee = (s: SupplierSeed): Payee => ({
    kind: 'company',
    idNo: s.company_id,
    name: s.name,
    bank: s.bank_name,
    account: s.bank_account,
    departmentCode: s.departmentCode,
    supplier: s,
  });

  for (const e of employees) {
    if (e.key === 'demo:activeEmployee') demoSchedule(employeePayee(e), 45, ['CHEQUE']);
    else if (e.key === 'demo:secondActiveEmployee') for (const d of dates(12)) add(employeePayee(e), d);
    else if (rng.chance(0.5)) {
      const minAge = e.end_date ? Math.max(1, daysBetween(e.end_date, today)) : 1;
      const maxAge = Math.min(720, daysBetween(e.start_date, today) - 1);
      const n = rng.int(1, 6);
      if (maxAge >= minAge) {
        const list = Array.from({ length: n }, () => addDays(today, -rng.int(minAge, maxAge)));
        for (const d of list.sort().reverse()) add(employeePayee(e), d);
      }
    }
  }
  for (const s of SUPPLIERS) {
    const p = companyPayee(s);
    if (s.company_id === SUPPLIERS[0]?.company_id) demoSchedule(p, 50, ['CHEQUE', 'BANK_DRAFT', 'TT']);
    else {
      const n = rng.int(12, 30);
      const maxAge = 720;
      const minAge = s.status === 'inactive' ? 200 : 1;
      for (const d of Array.from({ length: n }, () => addDays(today, -rng.int(minAge, maxAge)))
        .sort()
        .reverse()) {
        // Most suppliers are paid by their usual department, some by others.
        add(rng.chance(0.8) ? p : { ...p, departmentCode: rng.pick(DEPARTMENTS).code }, d);
      }
    }
  }
  // Number vouchers, references and EFT/cheque numbers in date order, as the treasury does.
  drafts.sort((a, b) =>
    a.payment.voucher_date === b.payment.voucher_date
      ? a.seq - b.seq
      : a.payment.voucher_date < b.payment.voucher_date
        ? -1
        : 1,
  );
  const counters = new Map<string, number>();
  let voucherSerial = 4_200;
  let eftSerial = 10_000;
  let chequeSerial = 104_500;
  return drafts.map(({ payment: p, purpose: what, reissue }) => {
    if (!what.assigned) {
      const n = (counters.get(what.counter) ?? 0) + 1;
      counters.set(what.counter, n);
      what.assigned = { reference: what.reference(n), description: what.description(n) };
    }
    const pd = p.payment_date ?? p.voucher_date;
    let instrument = p.instrument_no;
    if (p.method === 'EFT' && p.status !== 'CANCELLED')
      instrument = `${pd.replace(/-/g, '')}${pad(eftSerial++, 6)}`;
    if (p.method === 'CHEQUE') instrument = pad(chequeSerial++, 6);
    return {
      ...p,
      voucher_no: `${payingCentre.get(p.departmentCode) ?? '100100'}-BB${p.voucher_date.slice(2, 4)}-${pad(voucherSerial++, 6)}`,
      reference_no: what.assigned.reference,
      description: reissue ? `${what.assigned.description} (bayaran semula)` : what.assigned.description,
      instrument_no: instrument,
    };
  });
}
