/**
 * Data of the demo: departments, suppliers, grades. The reference catalogue (codes, questions,
 * images, downloads) belongs to the schema (migrations/reference-data.ts) and is re-exported here
 * for the demo and the benchmarks.
 */
import { GRADE_SCALES, type GradeScale } from '../src/staff/payroll-rules.js';
import { DEMO, DEPT } from './demo-accounts.js';

export interface DepartmentSeed {
  code: string;
  name: string;
  short: string;
  accounting_office_code: string;
  paying_centre_code: string;
  employer_e_number: string;
  lhdn_branch: string;
  address: string;
  /** Relative size: how many of the generated employees work here. */
  weight: number;
  /** Department-specific posts (position, grade), besides the common ones. */
  posts: readonly (readonly [string, string, number])[];
}

const SSAAS = 'Bangunan Sultan Salahuddin Abdul Aziz Shah, 40503 Shah Alam, Selangor Darul Ehsan';

export const DEPARTMENTS: readonly DepartmentSeed[] = [
  {
    code: DEPT.suk,
    name: 'Pejabat Setiausaha Kerajaan Negeri Selangor',
    short: 'SUK',
    accounting_office_code: '1001',
    paying_centre_code: '100101',
    employer_e_number: 'E 0912345-07',
    lhdn_branch: 'Shah Alam',
    address: `Tingkat 21, ${SSAAS}`,
    weight: 16,
    posts: [
      ['Pegawai Tadbir Diplomatik', 'M41', 4],
      ['Pegawai Tadbir Diplomatik', 'M44', 3],
      ['Pegawai Tadbir Diplomatik', 'M48', 2],
      ['Pegawai Tadbir Diplomatik', 'M52', 1],
      ['Pegawai Teknologi Maklumat', 'F41', 2],
      ['Penolong Pegawai Teknologi Maklumat', 'FA29', 2],
    ],
  },
  {
    code: DEPT.perbendaharaan,
    name: 'Perbendaharaan Negeri Selangor',
    short: 'PNS',
    accounting_office_code: '1001',
    paying_centre_code: '100102',
    employer_e_number: 'E 0912346-05',
    lhdn_branch: 'Shah Alam',
    address: `Tingkat 2, ${SSAAS}`,
    weight: 14,
    posts: [
      ['Akauntan', 'WA41', 3],
      ['Akauntan', 'WA44', 2],
      ['Akauntan', 'WA48', 1],
      ['Penolong Akauntan', 'WA29', 5],
      ['Pembantu Tadbir Kewangan', 'W19', 5],
    ],
  },
  {
    code: DEPT.jkr,
    name: 'Jabatan Kerja Raya Negeri Selangor',
    short: 'JKR',
    accounting_office_code: '1001',
    paying_centre_code: '100103',
    employer_e_number: 'E 0912347-03',
    lhdn_branch: 'Shah Alam',
    address:
      'Wisma JKR Selangor, Jalan Tengku Ampuan Zabedah C9/C, Seksyen 9, 40100 Shah Alam, Selangor Darul Ehsan',
    weight: 14,
    posts: [
      ['Jurutera', 'J41', 4],
      ['Jurutera', 'J44', 3],
      ['Jurutera', 'J48', 1],
      ['Penolong Jurutera', 'JA29', 5],
      ['Juruteknik', 'JA19', 4],
    ],
  },
  {
    code: DEPT.pertanian,
    name: 'Jabatan Pertanian Negeri Selangor',
    short: 'DOA',
    accounting_office_code: '1001',
    paying_centre_code: '100104',
    employer_e_number: 'E 0912348-01',
    lhdn_branch: 'Shah Alam',
    address:
      'Tingkat 5 dan 6, Wisma Tani, Lot 2 dan 4, Jalan Tengku Ampuan Zabedah C9/C, Seksyen 9, 40100 Shah Alam, Selangor Darul Ehsan',
    weight: 9,
    posts: [
      ['Pegawai Pertanian', 'G41', 3],
      ['Pegawai Pertanian', 'G44', 1],
      ['Penolong Pegawai Pertanian', 'G29', 4],
      ['Pembantu Pertanian', 'G19', 4],
    ],
  },
  {
    code: DEPT.ptg,
    name: 'Pejabat Tanah dan Galian Selangor',
    short: 'PTGS',
    accounting_office_code: '1001',
    paying_centre_code: '100105',
    employer_e_number: 'E 0912349-00',
    lhdn_branch: 'Shah Alam',
    address: `Tingkat 4, ${SSAAS}`,
    weight: 11,
    posts: [
      ['Pegawai Tadbir Diplomatik', 'M41', 3],
      ['Pegawai Tadbir Diplomatik', 'M44', 2],
      ['Pegawai Penilaian', 'W41', 2],
      ['Penolong Pegawai Penilaian', 'W29', 3],
    ],
  },
  {
    code: DEPT.jais,
    name: 'Jabatan Agama Islam Selangor',
    short: 'JAIS',
    accounting_office_code: '1001',
    paying_centre_code: '100106',
    employer_e_number: 'E 0912350-02',
    lhdn_branch: 'Shah Alam',
    address: 'Menara Utara, Bangunan Sultan Idris Shah, Seksyen 5, 40000 Shah Alam, Selangor Darul Ehsan',
    weight: 10,
    posts: [
      ['Pegawai Hal Ehwal Islam', 'S41', 4],
      ['Pegawai Hal Ehwal Islam', 'S44', 2],
      ['Penolong Pegawai Hal Ehwal Islam', 'S29', 4],
    ],
  },
  {
    code: DEPT.perhutanan,
    name: 'Jabatan Perhutanan Negeri Selangor',
    short: 'JPNS',
    accounting_office_code: '1001',
    paying_centre_code: '100107',
    employer_e_number: 'E 0912351-00',
    lhdn_branch: 'Shah Alam',
    address:
      'Tingkat 3, Bangunan Darul Ehsan, No. 3 Jalan Indah, Seksyen 14, 40000 Shah Alam, Selangor Darul Ehsan',
    weight: 7,
    posts: [
      ['Pegawai Hutan', 'G41', 2],
      ['Penolong Pegawai Hutan', 'G29', 3],
      ['Renjer Hutan', 'G19', 4],
    ],
  },
  {
    code: DEPT.pdtPetaling,
    name: 'Pejabat Daerah dan Tanah Petaling',
    short: 'PDTP',
    accounting_office_code: '1001',
    paying_centre_code: '100108',
    employer_e_number: 'E 0912352-09',
    lhdn_branch: 'Shah Alam',
    address: 'Jalan Ahmad Sulaiman, 47000 Sungai Buloh, Selangor Darul Ehsan',
    weight: 7,
    posts: [
      ['Pegawai Tadbir Diplomatik', 'M41', 2],
      ['Penolong Pegawai Penilaian', 'W29', 2],
    ],
  },
  {
    code: DEPT.pdtKlang,
    name: 'Pejabat Daerah dan Tanah Klang',
    short: 'PDTK',
    accounting_office_code: '1002',
    paying_centre_code: '100201',
    employer_e_number: 'E 0912353-07',
    lhdn_branch: 'Klang',
    address: 'Jalan Kota, 41000 Klang, Selangor Darul Ehsan',
    weight: 6,
    posts: [
      ['Pegawai Tadbir Diplomatik', 'M41', 2],
      ['Penolong Pegawai Penilaian', 'W29', 2],
    ],
  },
  {
    code: DEPT.planMalaysia,
    name: 'Jabatan Perancangan Bandar dan Desa Negeri Selangor',
    short: 'PLAN',
    accounting_office_code: '1001',
    paying_centre_code: '100109',
    employer_e_number: 'E 0912354-05',
    lhdn_branch: 'Shah Alam',
    address:
      'Tingkat 15, Bangunan Darul Ehsan, No. 3 Jalan Indah, Seksyen 14, 40000 Shah Alam, Selangor Darul Ehsan',
    weight: 5,
    posts: [
      ['Pegawai Perancang Bandar dan Desa', 'J41', 3],
      ['Pegawai Perancang Bandar dan Desa', 'J44', 1],
      ['Penolong Pegawai Perancang Bandar dan Desa', 'JA29', 3],
    ],
  },
  {
    code: DEPT.pdtHuluLangat,
    name: 'Pejabat Daerah dan Tanah Hulu Langat',
    short: 'PDTHL',
    accounting_office_code: '1003',
    paying_centre_code: '100301',
    employer_e_number: 'E 0912355-03',
    lhdn_branch: 'Shah Alam',
    address: 'Jalan Semenyih, 43000 Kajang, Selangor Darul Ehsan',
    weight: 6,
    posts: [
      ['Pegawai Tadbir Diplomatik', 'M41', 2],
      ['Penolong Pegawai Penilaian', 'W29', 2],
    ],
  },
];

/** Posts found in every department: (position, grade, weight). */
export const COMMON_POSTS: readonly (readonly [string, string, number])[] = [
  ['Pembantu Tadbir (Perkeranian/Operasi)', 'N19', 9],
  ['Penolong Pegawai Tadbir', 'N29', 4],
  ['Pembantu Tadbir (Kewangan)', 'W19', 2],
  ['Pembantu Operasi', 'N11', 3],
  ['Pemandu Kenderaan', 'H11', 3],
];

export interface GradeInfo extends GradeScale {
  level: number;
}

/** The salary scales come from the payroll rules that the import checks (src/staff/payroll-rules.ts). */
const LEVELS = GRADE_SCALES;

export function gradeInfo(grade: string): GradeInfo {
  const level = Number(grade.replace(/^[A-Z]+/, ''));
  const info = LEVELS[level];
  if (!info) throw new Error(`unknown grade ${grade}`);
  return { level, ...info };
}

/** The service classification (klasifikasi perkhidmatan) named by the grade's letters. */
export function serviceScheme(grade: string): string {
  const letters = grade.replace(/[0-9]+$/, '');
  const schemes: Record<string, string> = {
    M: 'Perkhidmatan Tadbir dan Diplomatik',
    N: 'Perkhidmatan Pentadbiran dan Sokongan',
    W: 'Perkhidmatan Kewangan',
    WA: 'Perkhidmatan Kewangan',
    J: 'Perkhidmatan Kejuruteraan',
    JA: 'Perkhidmatan Kejuruteraan',
    G: 'Perkhidmatan Pertanian',
    S: 'Perkhidmatan Sosial',
    F: 'Perkhidmatan Sistem Maklumat',
    FA: 'Perkhidmatan Sistem Maklumat',
    H: 'Perkhidmatan Mahir / Separuh Mahir / Tidak Mahir',
  };
  const scheme = schemes[letters];
  if (!scheme) throw new Error(`no scheme for grade ${grade}`);
  return scheme;
}

export interface SupplierSeed {
  company_id: string;
  name: string;
  email: string;
  bank_name: string;
  bank_account: string;
  status: 'active' | 'blacklisted' | 'inactive';
  /** What the state buys from it: descriptions of its payments. */
  works: readonly string[];
  /** The department that usually pays it, and the amount range in RM. */
  departmentCode: string;
  range: readonly [number, number];
  invoicePrefix: string;
}

export const SUPPLIERS: readonly SupplierSeed[] = [
  {
    company_id: DEMO.company.companyId,
    name: DEMO.company.name,
    email: DEMO.company.email,
    bank_name: 'Maybank',
    bank_account: '514012345678',
    status: 'active',
    works: [
      'Kerja-kerja menaik taraf jalan dan sistem perparitan',
      'Kerja-kerja membaiki cerun runtuh',
      'Kerja-kerja penyelenggaraan bangunan pejabat',
      'Kerja-kerja menurap semula jalan negeri',
      'Bayaran kemajuan kerja pembinaan jambatan',
    ],
    departmentCode: DEPT.jkr,
    range: [8_000, 480_000],
    invoicePrefix: 'BJM',
  },
  {
    company_id: DEMO.firstTimeCompany.companyId,
    name: DEMO.firstTimeCompany.name,
    email: DEMO.firstTimeCompany.email,
    bank_name: 'Bank Islam',
    bank_account: '12034010023456',
    status: 'active',
    works: [
      'Bekalan baja dan racun makhluk perosak',
      'Bekalan anak benih sayur-sayuran',
      'Bekalan peralatan pertanian fertigasi',
    ],
    departmentCode: DEPT.pertanian,
    range: [1_500, 85_000],
    invoicePrefix: 'AHL',
  },
  {
    company_id: '200801034567',
    name: 'Teknologi Data Ehsan Sdn. Bhd.',
    email: 'billing@tdehsan.com.my',
    bank_name: 'CIMB Bank',
    bank_account: '80012345670012',
    status: 'active',
    works: [
      'Bekalan komputer riba dan perisian',
      'Penyelenggaraan rangkaian dan pelayan',
      'Lesen perisian antivirus (langganan tahunan)',
      'Perkhidmatan sokongan sistem ICT',
    ],
    departmentCode: DEPT.suk,
    range: [2_000, 250_000],
    invoicePrefix: 'TDE',
  },
  {
    company_id: '876543-A',
    name: 'Pembersihan Bestari Sdn. Bhd.',
    email: 'akaun@bestaribersih.com.my',
    bank_name: 'Bank Rakyat',
    bank_account: '220187654321',
    status: 'active',
    works: [
      'Perkhidmatan pembersihan bangunan pejabat',
      'Perkhidmatan kawalan serangga perosak',
      'Perkhidmatan landskap dan pemotongan rumput',
    ],
    departmentCode: DEPT.ptg,
    range: [3_000, 60_000],
    invoicePrefix: 'PBS',
  },
  {
    company_id: '201501023456',
    name: 'Kejuruteraan Elektrik Sinar Sdn. Bhd.',
    email: 'finance@sinarelektrik.com.my',
    bank_name: 'Maybank',
    bank_account: '562109876543',
    status: 'active',
    works: [
      'Penyelenggaraan sistem penyaman udara',
      'Pemasangan lampu jalan solar',
      'Penyelenggaraan pencawang elektrik dan genset',
    ],
    departmentCode: DEPT.jkr,
    range: [2_500, 180_000],
    invoicePrefix: 'KES',
  },
  {
    company_id: '199701004321',
    name: 'Perunding Hutan Lestari Sdn. Bhd.',
    email: 'admin@hutanlestari.com.my',
    bank_name: 'BSN',
    bank_account: '1410029000123456',
    status: 'inactive',
    works: ['Perkhidmatan perunding inventori hutan', 'Kajian penilaian kesan alam sekitar hutan simpan'],
    departmentCode: DEPT.perhutanan,
    range: [10_000, 150_000],
    invoicePrefix: 'PHL',
  },
];

export {
  DOWNLOADS,
  PAYSLIP_CODES,
  SECRET_IMAGES,
  SECURITY_QUESTIONS,
} from '../migrations/reference-data.js';
