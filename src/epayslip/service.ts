import type { Locale } from '../core/i18n/index.js';
import type { PayslipLineRow, PayslipRow, PeriodRow } from './queries.js';

export interface PayslipLine {
  code: string;
  description: string;
  amountSen: number;
}

export interface PayslipView {
  /** The payslip row: a correction is another row, so it names one immutable document. */
  id: number;
  year: number;
  month: number;
  payDate: string;
  /** When the accounting office published it (the PDF's date: it never changes afterwards). */
  publishedAt: Date;
  /** Set on a "Slip Gaji Pindaan": it replaces an earlier published version (DESIGN 1.6). */
  amendment: { publishedAt: Date; replacesPublishedAt: Date } | null;
  employee: {
    name: string;
    icNo: string;
    payrollNo: string;
    position: string;
    grade: string;
    serviceScheme: string;
    departmentCode: string;
    departmentName: string;
    accountingOfficeCode: string;
    payingCentreCode: string;
    bankName: string;
    bankAccount: string;
    kwspNo: string | null;
    isPensionable: boolean;
    taxNo: string | null;
    pcbCategory: string;
  };
  earnings: PayslipLine[];
  deductions: PayslipLine[];
  totalEarningsSen: number;
  totalDeductionsSen: number;
  netSen: number;
}

export interface YearGroup {
  year: number;
  periods: { month: number; payDate: string; netSen: number }[];
}

const sum = (lines: PayslipLine[]) => lines.reduce((s, l) => s + l.amountSen, 0);

function toLine(row: PayslipLineRow, locale: Locale): PayslipLine {
  return {
    code: row.code,
    // The Malay text is as the payroll import wrote it; English uses the code's catalogue text.
    description: locale === 'en' ? row.description_en || row.description : row.description,
    amountSen: Number(row.amount_sen),
  };
}

/** The payslip as the page and the PDF show it: lines split, totals and net pay summed here. */
export function buildPayslipView(row: PayslipRow, locale: Locale): PayslipView {
  const earnings = row.lines.filter((l) => l.kind === 'earning').map((l) => toLine(l, locale));
  const deductions = row.lines.filter((l) => l.kind === 'deduction').map((l) => toLine(l, locale));
  const totalEarningsSen = sum(earnings);
  const totalDeductionsSen = sum(deductions);
  return {
    id: row.id,
    year: row.year,
    month: row.month,
    payDate: row.pay_date,
    publishedAt: row.published_at,
    amendment: row.amends_published_at
      ? { publishedAt: row.published_at, replacesPublishedAt: row.amends_published_at }
      : null,
    employee: {
      name: row.name,
      icNo: row.ic_no,
      payrollNo: row.payroll_no,
      position: row.position,
      grade: row.grade,
      serviceScheme: row.service_scheme,
      departmentCode: row.department_code,
      departmentName: row.department_name,
      accountingOfficeCode: row.accounting_office_code,
      payingCentreCode: row.paying_centre_code,
      bankName: row.bank_name,
      bankAccount: row.bank_account,
      kwspNo: row.kwsp_no,
      isPensionable: row.is_pensionable,
      taxNo: row.tax_no,
      pcbCategory: row.pcb_category,
    },
    earnings,
    deductions,
    totalEarningsSen,
    totalDeductionsSen,
    netSen: totalEarningsSen - totalDeductionsSen,
  };
}

/** Published months grouped by year, newest first. */
export function groupByYear(periods: PeriodRow[]): YearGroup[] {
  const groups: YearGroup[] = [];
  for (const p of periods) {
    let group = groups.find((g) => g.year === p.year);
    if (!group) groups.push((group = { year: p.year, periods: [] }));
    group.periods.push({
      month: p.month,
      payDate: p.pay_date,
      netSen: Number(p.earnings_sen) - Number(p.deductions_sen),
    });
  }
  return groups;
}

export function pdfFileName(year: number, month: number): string {
  return `slip-gaji-${year}-${String(month).padStart(2, '0')}.pdf`;
}

/** The employee block as label/value pairs: the page and the PDF show the same list. */
export function employeeBlock(
  view: PayslipView,
  t: (key: string, params?: Record<string, string | number>) => string,
  period: string,
  maskAccount: (account: string) => string,
  formatDate: (d: string) => string,
): [string, string][] {
  const e = view.employee;
  return [
    [t('epayslip.field.name'), e.name],
    [t('epayslip.field.ic'), e.icNo],
    [t('epayslip.field.payrollNo'), e.payrollNo],
    [t('epayslip.field.position'), `${e.position} (${e.grade})`],
    [t('epayslip.field.department'), `${e.departmentCode} – ${e.departmentName}`],
    [t('epayslip.field.accountingOffice'), e.accountingOfficeCode],
    [t('epayslip.field.payingCentre'), e.payingCentreCode],
    [t('epayslip.field.payMonth'), period],
    [t('epayslip.field.payDate'), formatDate(view.payDate)],
    [t('epayslip.field.bank'), `${e.bankName} ${maskAccount(e.bankAccount)}`],
    e.isPensionable
      ? [t('epayslip.field.retirement'), t('epayslip.pension')]
      : [t('epayslip.field.kwsp'), e.kwspNo ?? '-'],
    [t('epayslip.field.taxNo'), e.taxNo ?? '-'],
    [t('epayslip.field.pcbCategory'), e.pcbCategory],
  ];
}
