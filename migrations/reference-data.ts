/**
 * Reference data that belongs to the schema, not to the demo (issue 13, item 4): the payslip
 * code catalogue with each code's EC category, the security questions, the secret-image gallery
 * (public/img/secret/<slug>.svg) and the downloads (PDFs made from files/sources/<name>.md, see
 * src/muat-turun/documents/). `npm run migrate` (and
 * `npm run setup`, the test harness and the development bring-up) upsert it after the
 * migrations, so a production database can activate accounts without the demo seed, and a change
 * here reaches every database at its next migrate. Rows are matched by their natural key and
 * never deleted (accounts and payslip lines refer to them).
 */
import type { Knex } from 'knex';

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
  {
    text_ms: 'Apakah nama guru kelas pertama anda?',
    text_en: 'What was the name of your first class teacher?',
  },
  {
    text_ms: 'Apakah makanan kegemaran anda semasa kecil?',
    text_en: 'What was your favourite food as a child?',
  },
  {
    text_ms: 'Di bandar manakah anda bercuti buat kali pertama?',
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
    file_name: 'manual-pengguna-portal-ispeks.pdf',
    content_type: 'application/pdf',
    sort_order: 10,
  },
  {
    slug: 'borang-tuntutan-perjalanan',
    category: 'form',
    title_ms: 'Borang Tuntutan Perjalanan Dalam Negeri',
    title_en: 'Domestic Travel Claim Form',
    file_name: 'borang-tuntutan-perjalanan.pdf',
    content_type: 'application/pdf',
    sort_order: 20,
  },
  {
    slug: 'borang-kemaskini-maklumat-gaji',
    category: 'form',
    title_ms: 'Borang Kemaskini Maklumat Gaji (Emel Rasmi dan Akaun Bank)',
    title_en: 'Payroll Details Update Form (Official Email and Bank Account)',
    file_name: 'borang-kemaskini-maklumat-gaji.pdf',
    content_type: 'application/pdf',
    sort_order: 30,
  },
  {
    slug: 'borang-permohonan-pinjaman-komputer',
    category: 'form',
    title_ms: 'Borang Permohonan Pinjaman Komputer',
    title_en: 'Computer Loan Application Form',
    file_name: 'borang-permohonan-pinjaman-komputer.pdf',
    content_type: 'application/pdf',
    sort_order: 40,
  },
];

/** Upserts the catalogue above (idempotent; run as the owner, after the migrations). */
export async function syncReferenceData(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('payslip_codes')
      .insert(PAYSLIP_CODES.map((c) => ({ ...c })))
      .onConflict('code')
      .merge(['kind', 'description_ms', 'description_en', 'ec_category', 'is_housing_loan', 'sort_order']);
    await trx('security_questions')
      .insert(SECURITY_QUESTIONS.map((q) => ({ ...q })))
      .onConflict('text_ms')
      .merge(['text_en']);
    await trx('secret_images')
      .insert(SECRET_IMAGES.map((i) => ({ ...i, file_name: `${i.slug}.svg` })))
      .onConflict('slug')
      .merge(['label_ms', 'label_en', 'file_name']);
    await trx('downloads')
      .insert(DOWNLOADS.map((d) => ({ ...d })))
      .onConflict('slug')
      .merge(['category', 'title_ms', 'title_en', 'file_name', 'content_type', 'sort_order']);
  });
}
