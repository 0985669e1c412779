/**
 * `npx tsx bench/pdf-draw.ts [n]`: the CPU cost of drawing one payslip PDF, back to back in one
 * process, against a baseline measured in the same run: a pdfkit document with one line of text
 * (what any PDF costs with this library: the document, its Helvetica metrics, compression).
 */
import PDFDocument from 'pdfkit';
import { translator } from '../src/core/i18n/index.js';
import '../src/messages.js';
import { payslipPdf } from '../src/epayslip/pdf.js';
import type { PayslipView } from '../src/epayslip/service.js';

const line = (code: string, description: string, amountSen: number) => ({ code, description, amountSen });
const view = {
  year: 2026,
  month: 10,
  payDate: '2026-10-23',
  employee: {
    name: 'Nurul Aisyah binti Abdullah',
    icNo: '880415105442',
    payrollNo: 'SK000123',
    position: 'Pegawai Tadbir',
    grade: 'N41',
    serviceScheme: 'Pentadbiran',
    departmentCode: 'PBN',
    departmentName: 'Perbendaharaan Negeri Selangor',
    accountingOfficeCode: '1001',
    payingCentreCode: '1001',
    bankName: 'Bank Islam',
    bankAccount: '120012345678',
    kwspNo: 'K123456',
    isPensionable: false,
    taxNo: 'SG1234567890',
    pcbCategory: 'K2',
  },
  earnings: [
    line('GAJI', 'Gaji Pokok', 450000),
    line('ITKA', 'Imbuhan Tetap Khidmat Awam', 30000),
    line('BSH', 'Bantuan Sara Hidup', 30000),
  ],
  deductions: [
    line('KWSP', 'KWSP', 49500),
    line('PCB', 'Potongan Cukai Bulanan', 12000),
    line('PERKESO', 'PERKESO', 2050),
  ],
  totalEarningsSen: 510000,
  totalDeductionsSen: 63550,
  netSen: 446450,
} as unknown as PayslipView;

const t = translator('ms');
const n = Number(process.argv[2] ?? 300);

function oneLine(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(10).text('Portal iSPEKS');
  doc.end();
  return done;
}

async function measure(label: string, make: () => Promise<Buffer>): Promise<number> {
  for (let i = 0; i < 30; i++) await make();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += (await make()).length;
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / n;
  console.log(
    `${label.padEnd(28)} ${cpuMs.toFixed(2)} ms CPU each, ${(bytes / n / 1024).toFixed(1)} kB, ${(n / (wall / 1000)).toFixed(0)}/s in one process`,
  );
  return cpuMs;
}

const base = await measure('one line of text (baseline)', oneLine);
const slip = await measure('payslip PDF', () => payslipPdf(view, t, 'Oktober 2026'));
console.log(`payslip ÷ baseline: ${(slip / base).toFixed(2)}× the CPU`);
