/** Reference data of the demo: departments, suppliers, codes, questions, images, downloads, grades. */
import { GRADE_SCALES, type GradeGroup, type GradeScale } from '../src/staff/payroll-rules.js';
import { DEMO, DEMO_SECURITY_ANSWERS, DEPT } from './demo-accounts.js';

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

export type Group = GradeGroup;

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

export type EcCategory =
  | 'salary'
  | 'allowance'
  | 'arrears'
  | 'bonus'
  | 'benefit'
  | 'exempt_allowance'
  | 'pcb'
  | 'zakat'
  | 'kwsp'
  | 'pension'
  | 'socso'
  | 'other_deduction'
  | 'housing_loan';

export interface PayslipCodeSeed {
  code: string;
  kind: 'earning' | 'deduction';
  description_ms: string;
  description_en: string;
  ec_category: EcCategory;
  is_housing_loan: boolean;
  sort_order: number;
}

function code(
  code: string,
  kind: 'earning' | 'deduction',
  description_ms: string,
  description_en: string,
  ec_category: EcCategory,
  sort_order: number,
): PayslipCodeSeed {
  return {
    code,
    kind,
    description_ms,
    description_en,
    ec_category,
    is_housing_loan: ec_category === 'housing_loan',
    sort_order,
  };
}

export const PAYSLIP_CODES: readonly PayslipCodeSeed[] = [
  code('GAJI', 'earning', 'Gaji Pokok', 'Basic Salary', 'salary', 10),
  code('ITKA', 'earning', 'Imbuhan Tetap Khidmat Awam', 'Fixed Public Service Allowance', 'allowance', 20),
  code('BSH', 'earning', 'Bantuan Sara Hidup', 'Cost of Living Allowance', 'allowance', 30),
  code('ELPR', 'earning', 'Elaun Perumahan', 'Housing Allowance', 'allowance', 40),
  code('ETK', 'earning', 'Elaun Tetap Keraian', 'Fixed Entertainment Allowance', 'allowance', 50),
  code('ELKT', 'earning', 'Elaun Khas', 'Special Allowance', 'allowance', 60),
  code('ELM', 'earning', 'Elaun Lebih Masa', 'Overtime Allowance', 'allowance', 70),
  code('ETPJ', 'earning', 'Elaun Tetap Perjalanan', 'Fixed Travelling Allowance', 'exempt_allowance', 80),
  code('TGK', 'earning', 'Tunggakan Gaji', 'Salary Arrears', 'arrears', 90),
  code('BNS', 'earning', 'Bantuan Khas Kewangan (Bonus)', 'Special Financial Aid (Bonus)', 'bonus', 95),
  code('MBB', 'earning', 'Manfaat Berupa Barangan', 'Benefits in Kind', 'benefit', 98),
  code('KWSP', 'deduction', 'Caruman KWSP', 'EPF Contribution', 'kwsp', 110),
  code('PENCEN', 'deduction', 'Caruman Pencen', 'Pension Contribution', 'pension', 115),
  code('PERKESO', 'deduction', 'Caruman PERKESO', 'SOCSO Contribution', 'socso', 120),
  code('PCB', 'deduction', 'Cukai Pendapatan (PCB)', 'Income Tax (MTD)', 'pcb', 130),
  // Also inserted by migration 20261201070000 (reference data); listed here because the seed empties the table.
  code(
    'CP38',
    'deduction',
    'Potongan Cukai CP38 (Arahan LHDNM)',
    'CP38 Tax Deduction (LHDNM Instruction)',
    'pcb',
    135,
  ),
  code('ZAKAT', 'deduction', 'Zakat (Lembaga Zakat Selangor)', 'Zakat (Selangor Zakat Board)', 'zakat', 140),
  code('PINJPR', 'deduction', 'Pinjaman Perumahan (LPPSA)', 'Housing Loan (LPPSA)', 'housing_loan', 150),
  code('PINJKD', 'deduction', 'Pinjaman Kenderaan', 'Vehicle Loan', 'other_deduction', 160),
  code('PINJKOM', 'deduction', 'Pinjaman Komputer', 'Computer Loan', 'other_deduction', 170),
  code(
    'ANGKASA',
    'deduction',
    'Potongan ANGKASA (Pembiayaan Koperasi)',
    'ANGKASA Deduction (Cooperative Financing)',
    'other_deduction',
    180,
  ),
  code('TH', 'deduction', 'Simpanan Tabung Haji', 'Tabung Haji Savings', 'other_deduction', 190),
  code(
    'TAKAFUL',
    'deduction',
    'Sumbangan Takaful / Insurans',
    'Takaful / Insurance Contribution',
    'other_deduction',
    200,
  ),
  code('PTPTN', 'deduction', 'Bayaran Balik Pinjaman PTPTN', 'PTPTN Loan Repayment', 'other_deduction', 210),
  code('KESATUAN', 'deduction', 'Yuran Kesatuan (CUEPACS)', 'Union Fee (CUEPACS)', 'other_deduction', 220),
];

export const SECURITY_QUESTIONS: readonly { text_ms: string; text_en: string }[] = [
  { text_ms: DEMO_SECURITY_ANSWERS[0].questionMs, text_en: 'What was the name of your first class teacher?' },
  { text_ms: DEMO_SECURITY_ANSWERS[1].questionMs, text_en: 'What was your favourite food as a child?' },
  {
    text_ms: DEMO_SECURITY_ANSWERS[2].questionMs,
    text_en: 'In which town did you go on your first holiday?',
  },
  {
    text_ms: 'Apakah nama jalan rumah pertama anda?',
    text_en: 'What was the name of the street of your first home?',
  },
  { text_ms: 'Apakah nama haiwan peliharaan pertama anda?', text_en: 'What was the name of your first pet?' },
  {
    text_ms: 'Apakah nama kawan baik anda di sekolah rendah?',
    text_en: 'What was the name of your best friend in primary school?',
  },
  { text_ms: 'Apakah jenama kereta pertama anda?', text_en: 'What was the make of your first car?' },
  {
    text_ms: 'Apakah tajuk buku pertama yang anda baca sendiri?',
    text_en: 'What was the title of the first book you read by yourself?',
  },
  {
    text_ms: 'Apakah pekerjaan impian anda semasa kecil?',
    text_en: 'What job did you dream of doing as a child?',
  },
  {
    text_ms: 'Apakah nama pasukan bola sepak kegemaran anda semasa remaja?',
    text_en: 'What was your favourite football team as a teenager?',
  },
];

/** Keep these 12 slugs: public/img/secret/<slug>.svg is drawn for exactly these. */
export const SECRET_IMAGES: readonly { slug: string; label_ms: string; label_en: string }[] = [
  { slug: 'bunga-raya', label_ms: 'Bunga Raya', label_en: 'Hibiscus' },
  { slug: 'kucing', label_ms: 'Kucing', label_en: 'Cat' },
  { slug: 'perahu', label_ms: 'Perahu', label_en: 'Boat' },
  { slug: 'rumah', label_ms: 'Rumah', label_en: 'House' },
  { slug: 'bintang', label_ms: 'Bintang', label_en: 'Star' },
  { slug: 'pokok-kelapa', label_ms: 'Pokok Kelapa', label_en: 'Coconut Tree' },
  { slug: 'wau', label_ms: 'Wau', label_en: 'Wau Kite' },
  { slug: 'gunung', label_ms: 'Gunung', label_en: 'Mountain' },
  { slug: 'ikan', label_ms: 'Ikan', label_en: 'Fish' },
  { slug: 'matahari', label_ms: 'Matahari', label_en: 'Sun' },
  { slug: 'burung', label_ms: 'Burung', label_en: 'Bird' },
  { slug: 'kereta', label_ms: 'Kereta', label_en: 'Car' },
];

export const DOWNLOADS: readonly {
  slug: string;
  category: 'manual' | 'form';
  title_ms: string;
  title_en: string;
  file_name: string;
  content_type: string;
  sort_order: number;
}[] = [
  {
    slug: 'manual-pengguna-portal-ispeks',
    category: 'manual',
    title_ms: 'Manual Pengguna Portal iSPEKS',
    title_en: 'Portal iSPEKS User Manual',
    file_name: 'manual-pengguna-portal-ispeks.html',
    content_type: 'text/html; charset=utf-8',
    sort_order: 10,
  },
  {
    slug: 'borang-tuntutan-perjalanan',
    category: 'form',
    title_ms: 'Borang Tuntutan Perjalanan Dalam Negeri',
    title_en: 'Domestic Travel Claim Form',
    file_name: 'borang-tuntutan-perjalanan.txt',
    content_type: 'text/plain; charset=utf-8',
    sort_order: 20,
  },
  {
    slug: 'borang-kemaskini-maklumat-gaji',
    category: 'form',
    title_ms: 'Borang Kemaskini Maklumat Gaji (Emel Rasmi dan Akaun Bank)',
    title_en: 'Payroll Details Update Form (Official Email and Bank Account)',
    file_name: 'borang-kemaskini-maklumat-gaji.txt',
    content_type: 'text/plain; charset=utf-8',
    sort_order: 30,
  },
  {
    slug: 'borang-permohonan-pinjaman-komputer',
    category: 'form',
    title_ms: 'Borang Permohonan Pinjaman Komputer',
    title_en: 'Computer Loan Application Form',
    file_name: 'borang-permohonan-pinjaman-komputer.txt',
    content_type: 'text/plain; charset=utf-8',
    sort_order: 40,
  },
];
