import type { Knex } from 'knex';

/**
 * Issue 15 item 3: a published payslip is a legal document that never changes in place (a
 * correction is a new payslip that supersedes it), so its PDF is drawn once and stored. One row
 * per payslip and language (the PDF is in the reader's language). The app role may only read
 * and insert here (src/core/db-roles.ts): a stored PDF is never rewritten or removed by the app.
 * The partial index serves the background renderer's "recently published, no PDF yet" query.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE payslip_pdfs (
  payslip_id integer NOT NULL REFERENCES payslips(id) ON DELETE CASCADE,
  lang varchar(2) NOT NULL CHECK (lang IN ('ms', 'en')),
  bytes bytea NOT NULL,
  sha256 char(64) NOT NULL,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  renderer_version smallint NOT NULL,
  rendered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (payslip_id, lang)
);
ALTER TABLE payslip_pdfs ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE INDEX payslips_current_published_at_idx ON payslips (published_at)
  WHERE published_at IS NOT NULL AND superseded_by IS NULL;
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP INDEX IF EXISTS payslips_current_published_at_idx;
DROP TABLE IF EXISTS payslip_pdfs;
`);
}
