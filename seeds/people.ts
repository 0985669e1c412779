/** The demo payroll: 320 employees from Malaysia's communities, deterministic. */
import { COMMON_POSTS, DEPARTMENTS, gradeInfo, serviceScheme, type DepartmentSeed } from './catalog.js';
import { addDays, isRealDate, monthIndex, monthIndexOf, pad, parseYmd, ymd } from './dates.js';
import { DEMO } from './demo-accounts.js';
import { Rng } from './random.js';

export const EMPLOYEE_COUNT = 320;

type Community = 'malay' | 'chinese' | 'indian' | 'iban' | 'kadazan';
type Gender = 'M' | 'F';

export interface EmployeeSeed {
  /** Stable key: 'demo:<name in DEMO>' or 'gen:<n>'. */
  key: string;
  ic_no: string;
  payroll_no: string;
  name: string;
  email: string | null;
  departmentCode: string;
  position: string;
  grade: string;
  service_scheme: string;
  bank_name: string;
  bank_account: string;
  kwsp_no: string | null;
  is_pensionable: boolean;
  tax_no: string | null;
  pcb_category: '1' | '2' | '3';
  start_date: string;
  end_date: string | null;
  status: 'active' | 'retired' | 'resigned' | 'transferred';
  // Payroll profile (not stored as such; drives the payslips).
  gender: Gender;
  muslim: boolean;
  birthDate: string;
  children: number;
  /** The year the officer entered the present grade and the increments carried into it. */
  gradeStartYear: number;
  stepOffset: number;
  zakat: boolean;
  /** Fixed monthly voluntary deductions in sen (0 = none). */
  tabungHaji: number;
  takaful: number;
  ptptn: number;
  union: number;
  overtime: 'none' | 'often' | 'sometimes';
  fixedTravel: boolean;
  /** Worked in another department until (and including) this month index. */
  movedFrom?: { departmentCode: string; untilMonth: number };
}

export const MALAY_MALE = [
  'Ahmad',
  'Muhammad',
  'Mohd',
  'Mohamad',
  'Abdul',
  'Azman',
  'Faizal',
  'Hafiz',
  'Hakim',
  'Ismail',
  'Kamarul',
  'Khairul',
  'Nazri',
  'Rizal',
  'Shahrul',
  'Syafiq',
  'Zulkifli',
  'Amirul',
  'Aiman',
  'Farhan',
  'Hairul',
  'Rosli',
  'Zainal',
  'Roslan',
  'Firdaus',
  'Izzat',
  'Azlan',
  'Fadzil',
  'Saiful',
  'Redzuan',
  'Anuar',
  'Hisham',
];
export const MALAY_MALE_SECOND = [
  'Faiz',
  'Hakimi',
  'Iskandar',
  'Aizat',
  'Danial',
  'Hafizi',
  'Nazmi',
  'Ridhwan',
  'Syahmi',
  'Zaki',
  'Irfan',
  'Azri',
];
export const MALAY_FEMALE = [
  'Nur',
  'Nurul',
  'Siti',
  'Noraini',
  'Aishah',
  'Fatimah',
  'Zarina',
  'Rohana',
  'Salmah',
  'Norhayati',
  'Azlina',
  'Farah',
  'Hidayah',
  'Nadia',
  'Syazwani',
  'Amira',
  'Suraya',
  'Rozita',
  'Intan',
  'Haslinda',
  'Liyana',
  'Marlina',
  'Rosmawati',
  'Zuraidah',
  'Norliza',
  'Aida',
];
export const MALAY_FEMALE_SECOND = [
  'Aisyah',
  'Atiqah',
  'Izzati',
  'Hanani',
  'Najwa',
  'Syuhada',
  'Aqilah',
  'Balqis',
  'Farhana',
  'Amalina',
  'Nabilah',
  'Sofea',
];
export const MALAY_FATHER = [
  'Abdullah',
  'Ahmad',
  'Ismail',
  'Yusof',
  'Ibrahim',
  'Hassan',
  'Hussin',
  'Othman',
  'Osman',
  'Omar',
  'Rahman',
  'Abdul Rahman',
  'Abdul Aziz',
  'Abdul Hamid',
  'Mohd Noor',
  'Kamaruddin',
  'Zakaria',
  'Sulaiman',
  'Salleh',
  'Jaafar',
  'Mansor',
  'Razak',
  'Mahmud',
  'Ramli',
  'Harun',
  'Shamsudin',
  'Yaacob',
  'Bakar',
  'Latif',
  'Musa',
];
export const CHINESE_SURNAMES = [
  'Tan',
  'Lim',
  'Lee',
  'Ng',
  'Wong',
  'Chan',
  'Ong',
  'Goh',
  'Teh',
  'Chong',
  'Yap',
  'Leong',
  'Chin',
  'Low',
  'Foo',
  'Khoo',
  'Cheah',
  'Lau',
  'Ho',
  'Loh',
];
export const CHINESE_MALE = [
  'Wei Ming',
  'Chee Keong',
  'Kok Wai',
  'Jun Hao',
  'Kah Seng',
  'Boon Huat',
  'Chun Kit',
  'Zhi Hao',
  'Wai Kit',
  'Yong Sheng',
  'Kian Beng',
  'Soon Lee',
];
export const CHINESE_FEMALE = [
  'Mei Ling',
  'Siew Lan',
  'Hui Min',
  'Pei Shan',
  'Li Ying',
  'Xin Yi',
  'Swee Lin',
  'Ai Ling',
  'Yee Mun',
  'Shu Fen',
  'Geok Lan',
  'Jia Hui',
];
export const INDIAN_MALE = [
  'Suresh',
  'Rajesh',
  'Ganesan',
  'Kumaravel',
  'Saravanan',
  'Prakash',
  'Murugan',
  'Vinod',
  'Arun',
  'Devaraj',
  'Thinesh',
  'Karthik',
];
export const INDIAN_FEMALE = [
  'Kavitha',
  'Priya',
  'Devi',
  'Malathi',
  'Shanti',
  'Revathi',
  'Thilaga',
  'Sangeetha',
  'Nirmala',
  'Vasanthi',
  'Logeswari',
  'Yamuna',
];
export const INDIAN_FATHER = [
  'Muniandy',
  'Rajendran',
  'Subramaniam',
  'Krishnan',
  'Ramasamy',
  'Arumugam',
  'Govindasamy',
  'Selvaraj',
  'Maniam',
  'Perumal',
  'Nadarajan',
  'Sivalingam',
];
export const IBAN_MALE = [
  'Jimmy',
  'Edmund',
  'Sylvester',
  'Nelson',
  'Robert',
  'Anthony',
  'Sebastian',
  'Jackson',
];
export const IBAN_FEMALE = ['Mary', 'Nancy', 'Jessica', 'Christina', 'Rita', 'Agnes', 'Florence', 'Vivian'];
export const IBAN_FATHER = [
  'Jugah',
  'Ngelai',
  'Sanggau',
  'Entalai',
  'Unting',
  'Langi',
  'Bujang',
  'Empaling',
  'Anyi',
  'Linggang',
];
export const KADAZAN_MALE = [
  'Joannes',
  'Jeffrey',
  'Clarence',
  'Raymond',
  'Gilbert',
  'Francis',
  'Justin',
  'Wilfred',
];
export const KADAZAN_FEMALE = [
  'Juliana',
  'Rosalind',
  'Felicia',
  'Jennifer',
  'Evelyn',
  'Bernadette',
  'Stella',
  'Cecilia',
];
export const KADAZAN_FAMILY = [
  'Gimbang',
  'Majanil',
  'Sinsua',
  'Tangau',
  'Lojuni',
  'Gansuau',
  'Majinbon',
  'Sabanal',
  'Kumin',
  'Moguring',
];

const PLACE_CODES: Record<Community, readonly (readonly [string, number])[]> = {
  malay: [
    ['10', 40],
    ['14', 12],
    ['43', 4],
    ['01', 5],
    ['02', 5],
    ['03', 6],
    ['04', 4],
    ['05', 4],
    ['06', 5],
    ['08', 6],
    ['09', 2],
    ['11', 5],
  ],
  chinese: [
    ['10', 30],
    ['14', 25],
    ['07', 12],
    ['08', 12],
    ['01', 10],
    ['04', 6],
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

export function bankAccount(rng: Rng, bank: string): string {
  switch (bank) {
    case 'Maybank':
      return rng.pick(['1', '5']) + rng.digits(11);
    case 'CIMB Bank':
      return '80' + rng.digits(12);
    case 'Bank Islam':
      return '12' + rng.digits(12);
    case 'BSN':
      return '14' + rng.digits(14);
    default:
      return '22' + rng.digits(10);
  }
}

function emailPart(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

interface Person {
  name: string;
  gender: Gender;
  community: Community;
  muslim: boolean;
  emailLocal: string;
}

function makePerson(rng: Rng, maleShare: number): Person {
  const community = rng.weighted<Community>([
    ['malay', 78],
    ['indian', 10],
    ['chinese', 7],
    ['iban', 2.5],
    ['kadazan', 2.5],
  ]);
  const gender: Gender = rng.chance(maleShare) ? 'M' : 'F';
  switch (community) {
    case 'malay': {
      const first = rng.pick(gender === 'M' ? MALAY_MALE : MALAY_FEMALE);
      const second = rng.chance(0.7)
        ? rng.pick(gender === 'M' ? MALAY_MALE_SECOND : MALAY_FEMALE_SECOND)
        : '';
      const given = second ? `${first} ${second}` : first;
      const father = rng.pick(MALAY_FATHER);
      return {
        name: `${given} ${gender === 'M' ? 'bin' : 'binti'} ${father}`,
        gender,
        community,
        muslim: true,
        emailLocal: `${emailPart(given)}.${emailPart(father)}`,
      };
    }
    case 'chinese': {
      const surname = rng.pick(CHINESE_SURNAMES);
      const given = rng.pick(gender === 'M' ? CHINESE_MALE : CHINESE_FEMALE);
      return {
        name: `${surname} ${given}`,
        gender,
        community,
        muslim: false,
        emailLocal: `${emailPart(given)}.${emailPart(surname)}`,
      };
    }
    case 'indian': {
      const given = rng.pick(gender === 'M' ? INDIAN_MALE : INDIAN_FEMALE);
      const father = rng.pick(INDIAN_FATHER);
      return {
        name: `${given} ${gender === 'M' ? 'a/l' : 'a/p'} ${father}`,
        gender,
        community,
        muslim: false,
        emailLocal: `${emailPart(given)}.${emailPart(father)}`,
      };
    }
    case 'iban': {
      const given = rng.pick(gender === 'M' ? IBAN_MALE : IBAN_FEMALE);
      const father = rng.pick(IBAN_FATHER);
      return {
        name: `${given} anak ${father}`,
        gender,
        community,
        muslim: false,
        emailLocal: `${emailPart(given)}.${emailPart(father)}`,
      };
    }
    case 'kadazan': {
      const given = rng.pick(gender === 'M' ? KADAZAN_MALE : KADAZAN_FEMALE);
      const family = rng.pick(KADAZAN_FAMILY);
      return {
        name: `${given} ${family}`,
        gender,
        community,
        muslim: false,
        emailLocal: `${emailPart(given)}.${emailPart(family)}`,
      };
    }
  }
}

/** A MyKad number: YYMMDD (a real date), place of birth, 4 digits with the last odd for a man. */
function makeIc(rng: Rng, birthDate: string, place: string, gender: Gender): string {
  const { y, m, d } = parseYmd(birthDate);
  const lead = y >= 2000 ? rng.pick(['0', '1']) : rng.pick(['5', '5', '5', '6']);
  let last = rng.int(0, 4) * 2;
  if (gender === 'M') last += 1;
  return `${pad(y % 100)}${pad(m)}${pad(d)}${place}${lead}${rng.digits(2)}${last}`;
}

function ageOn(birthDate: string, date: string): number {
  const b = parseYmd(birthDate);
  const t = parseYmd(date);
  return t.y - b.y - (t.m < b.m || (t.m === b.m && t.d < b.d) ? 1 : 0);
}

interface DemoProfile {
  key: keyof typeof DEMO;
  gender: Gender;
  muslim: boolean;
  position: string;
  grade: string;
  start: string;
  pensionable: boolean;
  bank: string;
  pcb: '1' | '2' | '3';
  children: number;
  zakat: boolean;
  tabungHaji: number;
  gradeStartYear: number;
}

const DEMO_PROFILES: readonly DemoProfile[] = [
  {
    key: 'activeEmployee',
    gender: 'F',
    muslim: true,
    position: 'Penolong Akauntan',
    grade: 'WA29',
    start: '2012-03-01',
    pensionable: true,
    bank: 'Bank Islam',
    pcb: '3',
    children: 2,
    zakat: true,
    tabungHaji: 100_00,
    gradeStartYear: 2012,
  },
  {
    key: 'secondActiveEmployee',
    gender: 'M',
    muslim: false,
    position: 'Jurutera',
    grade: 'J44',
    start: '2004-07-01',
    pensionable: true,
    bank: 'Maybank',
    pcb: '2',
    children: 3,
    zakat: false,
    tabungHaji: 0,
    gradeStartYear: 2016,
  },
  {
    key: 'pendingEmployee',
    gender: 'M',
    muslim: false,
    position: 'Pembantu Tadbir (Kewangan)',
    grade: 'W19',
    start: '2016-09-01',
    pensionable: true,
    bank: 'CIMB Bank',
    pcb: '1',
    children: 0,
    zakat: false,
    tabungHaji: 0,
    gradeStartYear: 2016,
  },
  {
    key: 'firstTimeEmployee',
    gender: 'F',
    muslim: true,
    position: 'Pembantu Tadbir (Perkeranian/Operasi)',
    grade: 'N19',
    start: '2024-05-02',
    pensionable: false,
    bank: 'Bank Rakyat',
    pcb: '1',
    children: 0,
    zakat: false,
    tabungHaji: 50_00,
    gradeStartYear: 2024,
  },
  {
    key: 'outdatedEmailEmployee',
    gender: 'M',
    muslim: true,
    position: 'Pemandu Kenderaan',
    grade: 'H11',
    start: '2010-01-04',
    pensionable: true,
    bank: 'BSN',
    pcb: '3',
    children: 3,
    zakat: false,
    tabungHaji: 0,
    gradeStartYear: 2010,
  },
  {
    key: 'missingEmailEmployee',
    gender: 'F',
    muslim: false,
    position: 'Akauntan',
    grade: 'WA41',
    start: '2009-11-02',
    pensionable: true,
    bank: 'Maybank',
    pcb: '3',
    children: 1,
    zakat: false,
    tabungHaji: 0,
    gradeStartYear: 2009,
  },
  {
    key: 'lockedEmployee',
    gender: 'M',
    muslim: false,
    position: 'Renjer Hutan',
    grade: 'G19',
    start: '2011-06-01',
    pensionable: true,
    bank: 'Bank Rakyat',
    pcb: '2',
    children: 2,
    zakat: false,
    tabungHaji: 0,
    gradeStartYear: 2011,
  },
  {
    key: 'payrollOfficer',
    gender: 'F',
    muslim: true,
    position: 'Penolong Pegawai Tadbir',
    grade: 'N29',
    start: '2001-02-01',
    pensionable: true,
    bank: 'Bank Islam',
    pcb: '3',
    children: 4,
    zakat: true,
    tabungHaji: 200_00,
    gradeStartYear: 2013,
  },
  {
    key: 'payrollOfficerTwoDepartments',
    gender: 'F',
    muslim: false,
    position: 'Penolong Pegawai Tadbir',
    grade: 'N29',
    start: '2006-08-01',
    pensionable: true,
    bank: 'CIMB Bank',
    pcb: '3',
    children: 2,
    zakat: false,
    tabungHaji: 0,
    gradeStartYear: 2015,
  },
  {
    key: 'helpdesk',
    gender: 'M',
    muslim: true,
    position: 'Penolong Pegawai Teknologi Maklumat',
    grade: 'FA29',
    start: '2015-04-01',
    pensionable: true,
    bank: 'Maybank',
    pcb: '1',
    children: 0,
    zakat: true,
    tabungHaji: 0,
    gradeStartYear: 2015,
  },
  {
    key: 'admin',
    gender: 'M',
    muslim: false,
    position: 'Pegawai Teknologi Maklumat',
    grade: 'F44',
    start: '2001-07-02',
    pensionable: true,
    bank: 'Maybank',
    pcb: '2',
    children: 2,
    zakat: false,
    tabungHaji: 0,
    gradeStartYear: 2014,
  },
  {
    key: 'treasuryOfficer',
    gender: 'M',
    muslim: true,
    position: 'Akauntan',
    grade: 'WA41',
    start: '2010-08-02',
    pensionable: true,
    bank: 'Bank Islam',
    pcb: '2',
    children: 1,
    zakat: true,
    tabungHaji: 0,
    gradeStartYear: 2016,
  },
];

function birthDateFromIc(ic: string): string {
  const yy = Number(ic.slice(0, 2));
  return ymd(yy <= 10 ? 2000 + yy : 1900 + yy, Number(ic.slice(2, 4)), Number(ic.slice(4, 6)));
}

/**
 * All employees: the demo people first, then the generated ones. `windowStart` is the first
 * payslip month (index) and `today` the seed's date (it decides who has retired at 60).
 */
export function buildEmployees(today: string, windowStart: number): EmployeeSeed[] {
  const rng = new Rng('employees');
  const ics = new Set<string>();
  const emails = new Set<string>();
  const payrollNos = new Set<string>();
  const out: EmployeeSeed[] = [];

  const uniquePayrollNo = (): string => {
    for (;;) {
      const no = `${rng.pick(['10', '11', '12'])}${rng.digits(6)}`;
      if (!payrollNos.has(no)) {
        payrollNos.add(no);
        return no;
      }
    }
  };
  const kwspNo = () => `${rng.int(1, 2)}${rng.digits(7)}`;
  const taxNo = () => `SG ${rng.int(1, 2)}${rng.digits(9)}`;

  for (const key of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
    const d = DEMO[key];
    if ('ic' in d) {
      ics.add(d.ic);
      if (d.email) emails.add(d.email);
      if ('officialEmail' in d) emails.add(d.officialEmail);
    }
  }

  for (const p of DEMO_PROFILES) {
    const d = DEMO[p.key];
    if (!('ic' in d)) throw new Error(`demo ${p.key} is not an employee`);
    out.push({
      key: `demo:${p.key}`,
      ic_no: d.ic,
      payroll_no: uniquePayrollNo(),
      name: d.name,
      email: d.email,
      departmentCode: d.departmentCode,
      position: p.position,
      grade: p.grade,
      service_scheme: serviceScheme(p.grade),
      bank_name: p.bank,
      bank_account: bankAccount(rng, p.bank),
      kwsp_no: p.pensionable ? null : kwspNo(),
      is_pensionable: p.pensionable,
      tax_no: taxNo(),
      pcb_category: p.pcb,
      start_date: p.start,
      end_date: null,
      status: 'active',
      gender: p.gender,
      muslim: p.muslim,
      birthDate: birthDateFromIc(d.ic),
      children: p.children,
      gradeStartYear: p.gradeStartYear,
      stepOffset: 1,
      zakat: p.zakat,
      tabungHaji: p.tabungHaji,
      takaful: p.key === 'activeEmployee' ? 85_00 : 0,
      ptptn: 0,
      union: gradeInfo(p.grade).group === 'pelaksana' ? 8_00 : 0,
      overtime: p.grade === 'H11' ? 'often' : 'none',
      fixedTravel: false,
    });
  }

  const windowStartDate = (() => {
    const y = Math.floor(windowStart / 12);
    const m = (windowStart % 12) + 1;
    return ymd(y, m, 1);
  })();
  const totalWeight = DEPARTMENTS.reduce((s, d) => s + d.weight, 0);
  const departmentFor = (): DepartmentSeed =>
    rng.weighted(DEPARTMENTS.map((d) => [d, d.weight / totalWeight] as const));

  let n = 0;
  while (out.length < EMPLOYEE_COUNT) {
    n += 1;
    const dept = departmentFor();
    let [position, grade] = rng.weighted(
      [...dept.posts, ...COMMON_POSTS].map(([p, g, w]) => [[p, g] as const, w] as const),
    );
    // Drivers are mostly men, engineers more often than not; the public service is mostly women.
    const person = makePerson(rng, grade === 'H11' ? 0.92 : grade.startsWith('J') ? 0.65 : 0.42);
    const birthYear = rng.int(1966, 2001);
    const bm = rng.int(1, 12);
    const bd = rng.int(1, 31);
    if (!isRealDate(birthYear, bm, bd)) continue;
    const birthDate = ymd(birthYear, bm, bd);
    const place = rng.weighted(PLACE_CODES[person.community]);
    const ic = makeIc(rng, birthDate, place, person.gender);
    if (ics.has(ic)) continue;

    // Start date: most joined long before the payslip window, a few inside it.
    let start: string;
    const youngEnough = birthYear >= 1988;
    if (youngEnough && rng.chance(0.12)) {
      start = addDays(windowStartDate, rng.int(20, 640));
      if (start > today) start = addDays(today, -rng.int(40, 200));
    } else {
      const startYear = Math.max(1988, birthYear + rng.int(20, 29));
      start = ymd(startYear, rng.int(1, 12), rng.pick([1, 1, 1, 2, 3, 15, 16]));
      if (monthIndexOf(start) >= windowStart)
        start = ymd(rng.int(Math.max(birthYear + 20, 2015), 2023), rng.int(1, 12), 1);
    }
    const ageAtStart = ageOn(birthDate, start);
    if (ageAtStart < 18) continue;

    // Grade: realistic for the officer's age.
    const age = ageOn(birthDate, today);
    const level = gradeInfo(grade).level;
    if ((level === 52 && age < 50) || (level === 48 && age < 44) || (level === 44 && age < 37)) {
      grade = grade.replace(/[0-9]+$/, '41');
    }
    if (gradeInfo(grade).level === 41 && ageAtStart < 22 && age < 27) {
      [position, grade] = ['Pembantu Tadbir (Perkeranian/Operasi)', 'N19'];
    }
    const startYear = parseYmd(start).y;
    const gradeStartYear = rng.int(startYear, Math.max(startYear, Math.min(2023, startYear + 18)));

    // Status: officers reach compulsory retirement at 60.
    const sixty = ymd(birthYear + 60, bm, bd);
    let status: EmployeeSeed['status'] = 'active';
    let endDate: string | null = null;
    if (sixty <= today) {
      status = 'retired';
      endDate = addDays(sixty, -1);
    } else if (rng.chance(0.025) && monthIndexOf(start) < windowStart) {
      status = rng.pick(['resigned', 'transferred'] as const);
      endDate = addDays(windowStartDate, rng.int(60, 600));
      if (endDate >= today) endDate = addDays(today, -rng.int(35, 90));
    }

    const pensionable = start < '2024-02-01' && !rng.chance(0.06);
    const bank = rng.weighted(BANKS);

    let local = person.emailLocal;
    for (let i = 2; emails.has(`${local}@selangor.gov.my`); i++) local = `${person.emailLocal}${i}`;
    let email: string | null = `${local}@selangor.gov.my`;
    emails.add(email);
    const emailRoll = rng.float();
    if (emailRoll < 0.018) email = null;
    else if (emailRoll < 0.036) {
      const yy = pad(birthYear % 100);
      email = `${person.emailLocal.replace('.', '_')}${yy}@${rng.pick(['gmail.com', 'yahoo.com', 'hotmail.com'])}`;
    }

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
    ics.add(ic);
    out.push({
      key: `gen:${n}`,
      ic_no: ic,
      payroll_no: uniquePayrollNo(),
      name: person.name,
      email,
      departmentCode: dept.code,
      position,
      grade,
      service_scheme: serviceScheme(grade),
      bank_name: bank,
      bank_account: bankAccount(rng, bank),
      kwsp_no: !pensionable || rng.chance(0.2) ? kwspNo() : null,
      is_pensionable: pensionable,
      tax_no: rng.chance(0.93) ? taxNo() : null,
      pcb_category: pcb,
      start_date: start,
      end_date: endDate,
      status,
      gender: person.gender,
      muslim: person.muslim,
      birthDate,
      children: pcb === '1' ? 0 : rng.int(0, 4),
      gradeStartYear,
      stepOffset: rng.int(0, 3),
      zakat: person.muslim && rng.chance(0.3),
      tabungHaji: person.muslim && rng.chance(0.3) ? rng.pick([50_00, 100_00, 150_00, 200_00, 300_00]) : 0,
      takaful: rng.chance(0.15) ? rng.pick([35_00, 52_50, 75_00, 110_00, 148_00]) : 0,
      ptptn:
        age < 40 && info.level >= 29 && rng.chance(0.25) ? rng.pick([100_00, 150_00, 180_00, 250_00]) : 0,
      union: info.group === 'pelaksana' && rng.chance(0.4) ? rng.pick([5_00, 8_00]) : 0,
      overtime: grade === 'H11' ? 'often' : info.level <= 19 && rng.chance(0.3) ? 'sometimes' : 'none',
      fixedTravel: info.group === 'pp' && info.level >= 44 && rng.chance(0.4),
    });
  }

  // A few officers transferred between departments in January of the last year: their earlier
  // payslips carry the old department (the Borang EC is still one per No. Gaji).
  const movers = rng.sample(
    out.filter(
      (e) => e.key.startsWith('gen:') && e.status === 'active' && monthIndexOf(e.start_date) < windowStart,
    ),
    6,
  );
  const moveYear = Math.floor((windowStart + 23) / 12);
  for (const e of movers) {
    const other = rng.pick(DEPARTMENTS.filter((d) => d.code !== e.departmentCode));
    e.movedFrom = { departmentCode: other.code, untilMonth: monthIndex(moveYear, 1) - 1 };
  }
  return out;
}
