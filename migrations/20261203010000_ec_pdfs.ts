import type { Knex } from 'knex';

/**
 * Borang EC PDFs drawn once and stored, as payslip PDFs are (payslip_pdfs). An EC has no row of
 * its own: it is derived from the year's current published payslips, and what it shows changes
 * when they do (a correction, December's publication, a leaver's year ending). So a stored PDF is
 * keyed on a hash of everything it was drawn from (`input_sha256`: the figures, the header, the
 * status, the language and the texts; src/eec/pdf-store.ts): a change of inputs is another key,
 * drawn anew, and an old PDF is never found for new figures. Rows of older inputs stay (the app
 * role may only read and insert here, src/core/db-roles.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE ec_pdfs (
  employee_id integer NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
  year smallint NOT NULL,
  lang varchar(2) NOT NULL CHECK (lang IN ('ms', 'en')),
  input_sha256 char(64) NOT NULL,
  bytes bytea NOT NULL,
  sha256 char(64) NOT NULL,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  renderer_version smallint NOT NULL,
  rendered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (employee_id, year, lang, input_sha256)
);
ALTER TABLE ec_pdfs ALTER COLUMN bytes SET STORAGE EXTERNAL;
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS ec_pdfs');
}
