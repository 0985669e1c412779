import type { Knex } from 'knex';

/**
 * Borang EC (C.P.8C) part D2: "Arahan Potongan CP 38", a deduction LHDN orders the employer to make
 * for an officer's unpaid tax. The payslip code catalogue had no code for it; reference data lives
 * in migrations (not the demo seed), so it is added here. Where it goes on the EC is decided by
 * src/eec/ec-sections.ts; ec_category is kept for the schema's check only.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
INSERT INTO payslip_codes (code, kind, description_ms, description_en, ec_category, is_housing_loan, sort_order)
VALUES ('CP38', 'deduction', 'Potongan Cukai CP38 (Arahan LHDNM)', 'CP38 Tax Deduction (LHDNM Instruction)', 'pcb', false, 135)
ON CONFLICT (code) DO NOTHING`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    `DELETE FROM payslip_codes WHERE code = 'CP38' AND NOT EXISTS (SELECT 1 FROM payslip_lines WHERE code = 'CP38')`,
  );
}
