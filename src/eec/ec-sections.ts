/**
 * Borang EC (C.P.8C) as LHDN defines it, and the ONE table that says where each payslip line code
 * goes on it. The EC reads only this table (not payslip_codes.ec_category), so what appears on the
 * form can be reviewed here in one place; a test checks every code of the catalogue is listed.
 *
 * The form's money sections:
 *  B  Pendapatan penggajian, manfaat dan tempat kediaman (employment income);
 *  C  Pencen dan lain-lain: pension and annuities RECEIVED (income, not contributions);
 *  D  Potongan: PCB, CP38 instructions and zakat deducted through salary (statutory);
 *  E  Caruman pekerja: KWSP / approved pension fund, and PERKESO (employee's share);
 *  F  Elaun, perkuisit, pemberian dan manfaat yang dikecualikan cukai.
 * Loans, savings, insurance, cooperative financing and union fees are not tax items: they map to
 * `null` and never appear. There is no "net income" line: an EC is not a payslip.
 */

export type EcSectionId = 'B' | 'C' | 'D' | 'E' | 'F';

export interface EcLineDef {
  /** Line number on the form, e.g. "B1a"; its text is the message `eec.line.<id>`. */
  id: string;
}

export interface EcSectionDef {
  /** Section letter; its title is the message `eec.section.<id>`. */
  id: EcSectionId;
  /** The payslip line kind that may map into the section (income sections take earnings). */
  kind: 'earning' | 'deduction';
  lines: EcLineDef[];
}

export const EC_SECTIONS: readonly EcSectionDef[] = [
  {
    id: 'B',
    kind: 'earning',
    lines: [{ id: 'B1a' }, { id: 'B1b' }, { id: 'B1c' }, { id: 'B2' }, { id: 'B3' }],
  },
  { id: 'C', kind: 'earning', lines: [{ id: 'C1' }, { id: 'C2' }] },
  { id: 'D', kind: 'deduction', lines: [{ id: 'D1' }, { id: 'D2' }, { id: 'D3' }] },
  { id: 'E', kind: 'deduction', lines: [{ id: 'E1' }, { id: 'E2' }] },
  { id: 'F', kind: 'earning', lines: [{ id: 'F1' }] },
];

/**
 * Payslip line code → line of Borang EC, or null for "not a tax item, never on the EC".
 * A new payslip code must be added here before it can appear on a published payslip's EC.
 */
export const EC_CODE_LINES: Readonly<Record<string, string | null>> = {
  // B1(a) gross salary, wages or leave pay, including overtime.
  GAJI: 'B1a',
  ELM: 'B1a',
  // B1(b) fees, commission or bonus.
  BNS: 'B1b',
  // B1(c) taxable allowances and perquisites.
  ITKA: 'B1c',
  BSH: 'B1c',
  ELPR: 'B1c',
  ETK: 'B1c',
  ELKT: 'B1c',
  // B2 arrears; B3 benefits in kind.
  TGK: 'B2',
  MBB: 'B3',
  // D statutory deductions.
  PCB: 'D1',
  CP38: 'D2',
  ZAKAT: 'D3',
  // E the employee's contributions to KWSP or an approved pension fund (E1) and PERKESO (E2).
  KWSP: 'E1',
  PENCEN: 'E1',
  PERKESO: 'E2',
  // F tax-exempt allowances.
  ETPJ: 'F1',
  // Not tax items: loans, savings, insurance, cooperative financing, union fees.
  PINJPR: null,
  PINJKD: null,
  PINJKOM: null,
  PTPTN: null,
  ANGKASA: null,
  TH: null,
  TAKAFUL: null,
  KESATUAN: null,
};

export interface EcPlace {
  section: EcSectionDef;
  line: EcLineDef;
}

const LINE_PLACES: ReadonlyMap<string, EcPlace> = new Map(
  EC_SECTIONS.flatMap((section) => section.lines.map((line) => [line.id, { section, line }] as const)),
);

// Checked once at load: a typo in the table would otherwise drop money silently.
for (const [code, lineId] of Object.entries(EC_CODE_LINES)) {
  if (lineId !== null && !LINE_PLACES.has(lineId))
    throw new Error(`EC_CODE_LINES: code ${code} points at unknown line ${lineId}`);
}

/**
 * Where a payslip code goes: a place on the form, null when it never appears, undefined when the
 * code is not in the table (a programming error the caller must surface).
 */
export function ecPlaceOf(code: string): EcPlace | null | undefined {
  if (!Object.hasOwn(EC_CODE_LINES, code)) return undefined;
  const lineId = EC_CODE_LINES[code];
  return lineId === null || lineId === undefined ? null : LINE_PLACES.get(lineId);
}
