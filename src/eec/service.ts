import type { Locale } from '../core/i18n/index.js';
import { klParts } from '../core/format.js';
import { EC_SECTIONS, ecPlaceOf, type EcSectionDef } from './ec-sections.js';
import type { EcHeaderRow, EcSumRow, EcYearRow } from './queries.js';

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

export interface EcYearStatus {
  /** 'final': the EC exists (December published, or the officer left during a year now over). */
  kind: 'final' | 'interim';
  /** Issue date of a final EC (the day its last payslip was published); null when interim. */
  issuedOn: string | null;
  /** First month the portal holds when the year began earlier for the officer; null if complete. */
  partialFrom: number | null;
}

/**
 * The rule of DESIGN 1.7: an EC for a year exists only once that year's December payslip is
 * published (issued that day); an officer who left during the year gets it once the year is over.
 * Anything else is an interim statement. A year whose data starts after the officer's first month
 * of service in it is "held only in part".
 */
export function ecYearStatus(row: EcYearRow, now: Date): EcYearStatus {
  const { year } = row;
  let kind: EcYearStatus['kind'] = 'interim';
  let issuedOn: string | null = null;
  if (row.december_published_on) {
    kind = 'final';
    issuedOn = row.december_published_on;
  } else if (row.end_date && row.end_date.startsWith(`${year}-`) && klParts(now).year > year) {
    kind = 'final';
    issuedOn = row.last_published_on;
  }
  const startedInYear = row.start_date.startsWith(`${year}-`) ? Number(row.start_date.slice(5, 7)) : 1;
  const expectedFirst = row.start_date > `${year}-12-31` ? 13 : startedInYear;
  return { kind, issuedOn, partialFrom: row.first_month > expectedFirst ? row.first_month : null };
}

export interface EcForm {
  year: number;
  status: EcYearStatus;
  /** No. Siri: only a final EC has one. */
  serialNo: string | null;
  header: EcHeaderRow;
  sections: EcSection[];
  /** Start or end of employment within the year (part A item 9), if not a full year. */
  startedInYear: string | null;
  endedInYear: string | null;
}

/** Builds Borang EC from the year's sums per line code, through the one code table (ec-sections.ts). */
export function buildEcForm(
  header: EcHeaderRow,
  sums: EcSumRow[],
  yearRow: EcYearRow,
  locale: Locale,
  now: Date,
): EcForm {
  const year = yearRow.year;
  const sections: EcSection[] = EC_SECTIONS.map((def) => ({
    id: def.id,
    kind: def.kind,
    lines: def.lines.map((l) => ({ id: l.id, amountSen: 0, items: [] })),
    totalSen: 0,
  }));
  for (const row of sums) {
    const amount = Number(row.amount_sen);
    const place = ecPlaceOf(row.code);
    if (place === undefined) throw new Error(`payslip code ${row.code} is missing from EC_CODE_LINES`);
    if (place === null) continue; // not a tax item
    if (place.section.kind !== row.kind)
      throw new Error(`payslip code ${row.code} (${row.kind}) maps to section ${place.section.id}`);
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
  const status = ecYearStatus(yearRow, now);
  return {
    year,
    status,
    serialNo: status.kind === 'final' ? `EC/${year}/${header.payroll_no}` : null,
    header,
    sections,
    startedInYear: inYear(header.start_date),
    endedInYear: inYear(header.end_date),
  };
}

export function ecPdfFileName(form: EcForm): string {
  return form.status.kind === 'final' ? `borang-ec-${form.year}.pdf` : `penyata-interim-${form.year}.pdf`;
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
    [t('eec.hdr.serial'), form.serialNo ?? t('eec.hdr.noSerial')],
    [t('eec.hdr.issued'), form.status.issuedOn ? formatDate(form.status.issuedOn) : t('eec.hdr.notIssued')],
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
  // The caveats the page and the PDF both show, so neither can present an interim or partial year as a full EC.
  const notices: string[] = [];
  if (form.status.kind === 'interim')
    notices.push(t('eec.interimNote', { year: form.year, month: monthName(h.last_month) }));
  if (form.status.partialFrom !== null)
    notices.push(t('eec.partialNote', { year: form.year, month: monthName(form.status.partialFrom) }));
  return { header, partA, employer, notices };
}

/** The form's name as a title: "EC 2025", or "Penyata Interim 2026" before the EC exists. */
export function ecTitle(form: EcForm, t: T): string {
  return form.status.kind === 'final'
    ? `${t('eec.formLetter')} ${form.year}`
    : t('eec.interimShort', { year: form.year });
}
