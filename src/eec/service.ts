import type { Locale } from '../core/i18n/index.js';
import { klParts } from '../core/format.js';
import { EC_LINE_OF, EC_SECTIONS, type EcSectionDef } from './ec-sections.js';
import type { EcHeaderRow, EcSumRow } from './queries.js';

export interface EcItem {
  code: string;
  description: string;
  amountSen: number;
}

export interface EcLine {
  id: string;
  amountSen: number;
  items: EcItem[];
}

export interface EcSection {
  id: EcSectionDef['id'];
  kind: EcSectionDef['kind'];
  lines: EcLine[];
  totalSen: number;
}

export interface EcForm {
  year: number;
  serialNo: string;
  header: EcHeaderRow;
  sections: EcSection[];
  /** Sum of every earning line of the year's published payslips (B + F). */
  totalEarningsSen: number;
  /** Sum of every deduction line of the year's published payslips (C + D + E). */
  totalDeductionsSen: number;
  netSen: number;
  /** Start or end of employment within the year (part A item 9), if not a full year. */
  startedInYear: string | null;
  endedInYear: string | null;
  /** The year has not ended yet: the form covers the months published so far. */
  yearInProgress: boolean;
}

/** Builds Borang EC from the year's sums per line code, through the one category mapping. */
export function buildEcForm(
  header: EcHeaderRow,
  sums: EcSumRow[],
  year: number,
  locale: Locale,
  now = new Date(),
): EcForm {
  const sections: EcSection[] = EC_SECTIONS.map((def) => ({
    id: def.id,
    kind: def.kind,
    lines: def.lines.map((l) => ({ id: l.id, amountSen: 0, items: [] })),
    totalSen: 0,
  }));
  let totalEarningsSen = 0;
  let totalDeductionsSen = 0;
  for (const row of sums) {
    const amount = Number(row.amount_sen);
    if (row.kind === 'earning') totalEarningsSen += amount;
    else totalDeductionsSen += amount;
    const place = EC_LINE_OF.get(row.ec_category);
    if (!place) throw new Error(`payslip code ${row.code} has an unknown EC category ${row.ec_category}`);
    const section = sections.find((s) => s.id === place.section.id)!;
    const line = section.lines.find((l) => l.id === place.line.id)!;
    line.amountSen += amount;
    line.items.push({
      code: row.code,
      description: locale === 'en' ? row.description_en : row.description_ms,
      amountSen: amount,
    });
    section.totalSen += amount;
  }
  const inYear = (d: string | null) => (d && d.startsWith(`${year}-`) ? d : null);
  return {
    year,
    serialNo: `EC/${year}/${header.payroll_no}`,
    header,
    sections,
    totalEarningsSen,
    totalDeductionsSen,
    netSen: totalEarningsSen - totalDeductionsSen,
    startedInYear: inYear(header.start_date),
    endedInYear: inYear(header.end_date),
    yearInProgress: year >= klParts(now).year,
  };
}

export function ecPdfFileName(year: number): string {
  return `borang-ec-${year}.pdf`;
}

type T = (key: string, params?: Record<string, string | number>) => string;

/** The form's header, part A and employer block as label/value pairs (the page and the PDF). */
export function ecBlocks(
  form: EcForm,
  t: T,
  monthName: (m: number) => string,
  formatDate: (d: string) => string,
) {
  const h = form.header;
  const header: [string, string][] = [
    [t('eec.hdr.serial'), form.serialNo],
    [t('eec.hdr.employerE'), h.employer_e_number],
    [t('eec.hdr.employeeRef'), h.tax_no ?? '-'],
    [t('eec.hdr.lhdnBranch'), h.lhdn_branch],
  ];
  const partA: [string, string][] = [
    [t('eec.a.name'), h.name],
    [t('eec.a.position'), `${h.position} (${h.grade})`],
    [t('eec.a.payrollNo'), h.payroll_no],
    [t('eec.a.ic'), h.ic_no],
    [t('eec.a.kwsp'), h.is_pensionable ? (h.kwsp_no ?? t('eec.a.pension')) : (h.kwsp_no ?? '-')],
    [t('eec.a.department'), `${h.department_code} – ${h.department_name}`],
  ];
  if (form.startedInYear) partA.push([t('eec.a.start'), formatDate(form.startedInYear)]);
  if (form.endedInYear) partA.push([t('eec.a.end'), formatDate(form.endedInYear)]);
  partA.push([
    t('eec.a.months'),
    t('eec.monthsRange', {
      from: monthName(h.first_month),
      to: monthName(h.last_month),
      year: form.year,
      count: h.months,
    }),
  ]);
  if (h.other_departments?.length) partA.push([t('eec.a.moved'), h.other_departments.join('; ')]);
  const employer: [string, string][] = [
    [t('eec.employer.name'), `${h.department_code} – ${h.department_name}`],
    [t('eec.employer.address'), h.department_address || '-'],
    [t('eec.employer.e'), h.employer_e_number],
    [t('eec.employer.branch'), h.lhdn_branch],
    [t('eec.employer.office'), h.accounting_office_code],
  ];
  return { header, partA, employer };
}
