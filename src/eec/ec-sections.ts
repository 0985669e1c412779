/**
 * The one place that says where each EC category goes on Borang EC (C.P.8C). Each payslip line
 * code maps to one category in the payslip_codes table (ec_category); this module groups the
 * categories into the form's sections and lines. Every category appears exactly once (checked
 * at start below and by a test), so the form's totals are the sums of the year's payslip lines.
 */
export const EC_CATEGORIES = [
  'salary',
  'allowance',
  'arrears',
  'bonus',
  'benefit',
  'exempt_allowance',
  'pcb',
  'zakat',
  'kwsp',
  'pension',
  'socso',
  'other_deduction',
  'housing_loan',
] as const;
export type EcCategory = (typeof EC_CATEGORIES)[number];

export interface EcLineDef {
  /** Line number on the form, e.g. "B1(a)"; its text is the message `eec.line.<id>`. */
  id: string;
  categories: EcCategory[];
}

export interface EcSectionDef {
  /** Section letter; its title is the message `eec.section.<id>`. */
  id: 'B' | 'C' | 'D' | 'E' | 'F';
  kind: 'earning' | 'deduction';
  lines: EcLineDef[];
}

export const EC_SECTIONS: readonly EcSectionDef[] = [
  {
    id: 'B',
    kind: 'earning',
    lines: [
      { id: 'B1a', categories: ['salary'] },
      { id: 'B1b', categories: ['bonus'] },
      { id: 'B1c', categories: ['allowance'] },
      { id: 'B2', categories: ['arrears'] },
      { id: 'B3', categories: ['benefit'] },
    ],
  },
  {
    id: 'C',
    kind: 'deduction',
    lines: [
      { id: 'C1', categories: ['pension'] },
      { id: 'C2', categories: ['housing_loan'] },
      { id: 'C3', categories: ['other_deduction'] },
    ],
  },
  {
    id: 'D',
    kind: 'deduction',
    lines: [
      { id: 'D1', categories: ['pcb'] },
      { id: 'D2', categories: ['zakat'] },
    ],
  },
  {
    id: 'E',
    kind: 'deduction',
    lines: [
      { id: 'E1', categories: ['kwsp'] },
      { id: 'E2', categories: ['socso'] },
    ],
  },
  {
    id: 'F',
    kind: 'earning',
    lines: [{ id: 'F1', categories: ['exempt_allowance'] }],
  },
];

/** Category → (section, line): derived from EC_SECTIONS, so the mapping has one source. */
export const EC_LINE_OF: ReadonlyMap<EcCategory, { section: EcSectionDef; line: EcLineDef }> = (() => {
  const map = new Map<EcCategory, { section: EcSectionDef; line: EcLineDef }>();
  for (const section of EC_SECTIONS) {
    for (const line of section.lines) {
      for (const c of line.categories) {
        if (map.has(c)) throw new Error(`EC category ${c} appears twice in EC_SECTIONS`);
        map.set(c, { section, line });
      }
    }
  }
  const missing = EC_CATEGORIES.filter((c) => !map.has(c));
  if (missing.length) throw new Error(`EC categories missing from EC_SECTIONS: ${missing.join(', ')}`);
  return map;
})();
