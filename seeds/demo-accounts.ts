/**
 * The demo people and logins that seeds/index.ts creates. Tests import these constants instead of
 * hard-coding IDs; the start-up banner (demoLogins) prints them.
 *
 * Every IC number is a valid Malaysian MyKad number: YYMMDD (a real date), a place-of-birth code,
 * four digits whose last one is odd for a man and even for a woman.
 */

/** The password of every active demo account (employees, staff and the company). */
export const DEMO_PASSWORD = 'Selangor-Maju-2026';

/** The temporary password of the pending demo account (expires 24 hours after the seed ran). */
export const DEMO_TEMP_PASSWORD = 'Sementara-Ehsan-4821';

/**
 * The secret phrase of the demo employee and staff accounts (random demo accounts get others).
 * Like every seeded phrase it is one the generator can make (src/auth/phrase/generator.ts), so
 * demo accounts look like decoys (issue 11, item 4).
 */
export const DEMO_SECRET_PHRASE = 'Kenanga Harum Senja';
/** The secret phrase of the demo company account. */
export const DEMO_COMPANY_SECRET_PHRASE = 'Perahu Teguh Muara';
/** The slug of the secret image of DEMO.activeEmployee. */
export const DEMO_SECRET_IMAGE_SLUG = 'bunga-raya';

/**
 * The security questions (by their Malay text, positions 1 to 3) and the normalised answers of
 * every active demo account.
 */
export const DEMO_SECURITY_ANSWERS = [
  { position: 1, questionMs: 'Apakah nama guru kelas pertama anda?', answer: 'cikgu aminah' },
  { position: 2, questionMs: 'Apakah makanan kegemaran anda semasa kecil?', answer: 'nasi lemak' },
  { position: 3, questionMs: 'Di bandar manakah anda bercuti buat kali pertama?', answer: 'kuching' },
] as const;

/** Department (PTJ) codes used by the demo people. */
export const DEPT = {
  suk: '10010101',
  perbendaharaan: '10020101',
  jkr: '10030101',
  pertanian: '10040101',
  ptg: '10050101',
  jais: '10060101',
  perhutanan: '10070101',
  pdtPetaling: '10080101',
  pdtKlang: '10090101',
  planMalaysia: '10100101',
  pdtHuluLangat: '10110101',
} as const;

/**
 * Departments whose current month's payslips are imported but NOT published yet (they must stay
 * hidden from their employees).
 */
export const DEMO_UNPUBLISHED_DEPARTMENT_CODES: readonly string[] = [
  DEPT.perbendaharaan,
  DEPT.pertanian,
  DEPT.perhutanan,
];

export const DEMO = {
  /** Active account, several loans, applications in every module, ~45 payments. */
  activeEmployee: {
    ic: '880415105442',
    name: 'Nur Aisyah binti Ahmad Fauzi',
    email: 'nuraisyah.ahmadfauzi@selangor.gov.my',
    departmentCode: DEPT.perbendaharaan,
  },
  /** Active account in another department (for "sees only own records" tests). */
  secondActiveEmployee: {
    ic: '790921146013',
    name: 'Tan Wei Ming',
    email: 'weiming.tan@selangor.gov.my',
    departmentCode: DEPT.jkr,
  },
  /** Pending account: log in with DEMO_TEMP_PASSWORD (valid 24 hours after seeding) to activate. */
  pendingEmployee: {
    ic: '910207085231',
    name: 'Suresh a/l Muniandy',
    email: 'suresh.muniandy@selangor.gov.my',
    departmentCode: DEPT.perbendaharaan,
  },
  /** No account: "Login Kali Pertama" with this IC and email succeeds. */
  firstTimeEmployee: {
    ic: '950823106628',
    name: 'Siti Khadijah binti Abdul Rahman',
    email: 'sitikhadijah.abdulrahman@selangor.gov.my',
    departmentCode: DEPT.perbendaharaan,
  },
  /**
   * No account, and the payroll table holds an outdated personal email: first-time login fails
   * with the official email (`officialEmail`) until the Unit Gaji corrects the record.
   */
  outdatedEmailEmployee: {
    ic: '870530105677',
    name: 'Mohd Hafiz bin Ismail',
    email: 'hafiz_ismail87@yahoo.com',
    officialEmail: 'mohdhafiz.ismail@selangor.gov.my',
    departmentCode: DEPT.perbendaharaan,
  },
  /** No account and no email in the payroll table. */
  missingEmailEmployee: {
    ic: '830112146540',
    name: 'Lim Mei Ling',
    email: null,
    officialEmail: 'meiling.lim@selangor.gov.my',
    departmentCode: DEPT.perbendaharaan,
  },
  /** Active account locked (failed_count 5, locked_until 24 hours after seeding). */
  lockedEmployee: {
    ic: '860704135119',
    name: 'Jimmy anak Jugah',
    email: 'jimmy.jugah@selangor.gov.my',
    departmentCode: DEPT.perhutanan,
  },
  /** Unit Gaji officer (role payroll) for ONE department: Perbendaharaan Negeri Selangor. */
  payrollOfficer: {
    ic: '780619105324',
    name: 'Norhayati binti Kamaruddin',
    email: 'norhayati.kamaruddin@selangor.gov.my',
    departmentCode: DEPT.perbendaharaan,
  },
  /** Unit Gaji officer for TWO departments: JKR and Jabatan Pertanian. */
  payrollOfficerTwoDepartments: {
    ic: '820305105826',
    name: 'Kavitha a/p Rajendran',
    email: 'kavitha.rajendran@selangor.gov.my',
    departmentCode: DEPT.jkr,
    departmentCodes: [DEPT.jkr, DEPT.pertanian],
  },
  /** Helpdesk (role helpdesk). */
  helpdesk: {
    ic: '900118105513',
    name: 'Ahmad Faizal bin Yusof',
    email: 'ahmadfaizal.yusof@selangor.gov.my',
    departmentCode: DEPT.suk,
  },
  /** Administrator (role admin). */
  admin: {
    ic: '760828145309',
    name: 'Chong Kah Seng',
    email: 'kahseng.chong@selangor.gov.my',
    departmentCode: DEPT.suk,
  },
  /** Treasury officer (role treasury, "Perbendaharaan"): uploads eMaklum's payment status file. */
  treasuryOfficer: {
    ic: '850312105287',
    name: 'Mohd Rizal bin Hashim',
    email: 'rizal.hashim@selangor.gov.my',
    // Not in Perbendaharaan's department: that department's December is the 49 unpublished
    // payslips of the payroll-import scenario (issue 12), which must stay as the issue saw it.
    departmentCode: DEPT.suk,
  },
  /** Supplier with an active company account (login ID = company ID), ~50 payments. */
  company: {
    companyId: '201901012345',
    name: 'Bina Jaya Makmur Sdn. Bhd.',
    email: 'akaun@binajayamakmur.com.my',
  },
  /** Supplier with no account: first-time login with this company ID and email succeeds. */
  firstTimeCompany: {
    companyId: '1234567-K',
    name: 'Agro Hijau Lestari Sdn. Bhd.',
    email: 'kewangan@agrohijau.com.my',
  },
} as const;

/** The role each staff demo account holds. */
export const DEMO_STAFF = {
  payroll: DEMO.payrollOfficer,
  payrollTwoDepartments: DEMO.payrollOfficerTwoDepartments,
  helpdesk: DEMO.helpdesk,
  admin: DEMO.admin,
  treasury: DEMO.treasuryOfficer,
} as const;
