import type { Knex } from 'knex';

/**
 * Payroll import that never loses payslips (issue 12, DESIGN 1.6 and 1.11).
 *
 * - A published payslip is never changed in place: a correction ("Slip Gaji Pindaan") is a new row
 *   that names the payslip it amends; when it is published the earlier one is marked superseded
 *   and stays in the database. An employee-month therefore holds at most one unpublished payslip
 *   and at most one current (published, not superseded) payslip, instead of one row in all.
 * - The import recognises a file it has already committed by the SHA-256 of its bytes.
 * - The row checks against the payroll record may raise warnings, which the officer accepts on the
 *   preview: the staging error table keeps a severity, and the upload counts its warnings and the
 *   corrections it announced (the commit refuses if the month changed since the preview).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE payslips DROP CONSTRAINT payslips_employee_id_year_month_key;
ALTER TABLE payslips
  ADD COLUMN amends_payslip_id integer REFERENCES payslips(id),
  ADD COLUMN superseded_by integer REFERENCES payslips(id),
  ADD COLUMN superseded_at timestamptz,
  ADD CONSTRAINT payslips_superseded_is_published CHECK (superseded_by IS NULL OR published_at IS NOT NULL),
  ADD CONSTRAINT payslips_superseded_when CHECK ((superseded_by IS NULL) = (superseded_at IS NULL));
CREATE UNIQUE INDEX payslips_one_unpublished_idx ON payslips (employee_id, year, month) WHERE published_at IS NULL;
CREATE UNIQUE INDEX payslips_one_current_idx ON payslips (employee_id, year, month)
  WHERE published_at IS NOT NULL AND superseded_by IS NULL;
CREATE INDEX payslips_amends_idx ON payslips (amends_payslip_id) WHERE amends_payslip_id IS NOT NULL;

ALTER TABLE payroll_uploads
  ADD COLUMN content_hash char(64),
  ADD COLUMN warning_count integer NOT NULL DEFAULT 0,
  ADD COLUMN correction_count integer NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX payroll_uploads_committed_hash_idx ON payroll_uploads (content_hash)
  WHERE status = 'committed' AND content_hash IS NOT NULL;

ALTER TABLE payroll_upload_errors
  ADD COLUMN severity varchar(7) NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning'));
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE payroll_upload_errors DROP COLUMN severity;
DROP INDEX payroll_uploads_committed_hash_idx;
ALTER TABLE payroll_uploads DROP COLUMN content_hash, DROP COLUMN warning_count, DROP COLUMN correction_count;
DROP INDEX payslips_amends_idx, payslips_one_current_idx, payslips_one_unpublished_idx;
ALTER TABLE payslips DROP CONSTRAINT payslips_superseded_when, DROP CONSTRAINT payslips_superseded_is_published,
  DROP COLUMN superseded_at, DROP COLUMN superseded_by, DROP COLUMN amends_payslip_id;
ALTER TABLE payslips ADD CONSTRAINT payslips_employee_id_year_month_key UNIQUE (employee_id, year, month);
`);
}
