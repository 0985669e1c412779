/** Micro-benchmark: payslip PDFs generated back to back in one process (CPU per PDF). */
import { translator } from '../src/core/i18n/index.js';
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
  earnings: [line('GAJI', 'Gaji Pokok', 450000), line('ITKA', 'Imbuhan Tetap Khidmat Awam', 30000), line('BSH', 'Bantuan Sara Hidup', 30000)],
  deductions: [line('KWSP', 'KWSP', 49500), line('PCB', 'Potongan Cukai Bulanan', 12000), line('PERKESO', 'PERKESO', 2050)],
  totalEarningsSen: 510000,
  totalDeductionsSen: 63550,
  netSen: 446450,
} as unknown as PayslipView;

const t = translator('ms');
const n = Number(process.argv[2] ?? 300);
for (let i = 0; i < 30; i++) await payslipPdf(view, t, 'Oktober 2026');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let bytes = 0;
for (let i = 0; i < n; i++) bytes += (await payslipPdf(view, t, 'Oktober 2026')).length;
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(
  `${n} PDFs: ${(ms / n).toFixed(2)} ms each wall, ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms CPU each, ${(bytes / n / 1024).toFixed(1)} kB each, ${(n / (ms / 1000)).toFixed(0)}/s in one process`,
);
