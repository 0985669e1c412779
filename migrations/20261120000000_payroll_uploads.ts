import type { Knex } from 'knex';

/**
 * Staging for the monthly payroll import (DESIGN 1.11, issue 5). An uploaded CSV is streamed
 * once: each row that passes the row checks is staged here, each problem is written to
 * payroll_upload_errors, and the cross-row checks (duplicates, net pay, the 60% rule) run as SQL
 * over the staged rows. The commit copies the staged rows into payslips and payslip_lines with
 * set-based SQL in one transaction. Everything lives in PostgreSQL, so the preview and the commit
 * may be served by different app processes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE payroll_uploads (
  id serial PRIMARY KEY,
  uploaded_by integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  byte_size bigint NOT NULL DEFAULT 0,
  year smallint CHECK (year IS NULL OR year BETWEEN 2000 AND 2100),
  month smallint CHECK (month IS NULL OR month BETWEEN 1 AND 12),
  row_count integer NOT NULL DEFAULT 0,
  error_count integer NOT NULL DEFAULT 0,
  status varchar(12) NOT NULL CHECK (status IN ('invalid', 'valid', 'committed')),
  import_id integer REFERENCES payroll_imports(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payroll_uploads_owner_idx ON payroll_uploads (uploaded_by, created_at DESC);

-- Staging only: UNLOGGED (no WAL; a crash empties it and the officer uploads again) and without
-- foreign keys to employees, departments and codes (the values come from those tables, and the
-- commit's payslips and payslip_lines enforce them again), which makes a 50,000-row file quick.
CREATE UNLOGGED TABLE payroll_upload_rows (
  upload_id integer NOT NULL REFERENCES payroll_uploads(id) ON DELETE CASCADE,
  row_no integer NOT NULL,
  employee_id integer NOT NULL,
  department_id integer NOT NULL,
  position text NOT NULL,
  grade varchar(10) NOT NULL,
  pay_date date NOT NULL,
  code varchar(10) NOT NULL,
  kind varchar(10) NOT NULL CHECK (kind IN ('earning', 'deduction')),
  description text NOT NULL,
  amount_sen integer NOT NULL CHECK (amount_sen >= 0),
  sort_order smallint NOT NULL,
  is_housing_loan boolean NOT NULL,
  PRIMARY KEY (upload_id, row_no)
);
CREATE INDEX payroll_upload_rows_employee_idx ON payroll_upload_rows (upload_id, employee_id, row_no);

CREATE UNLOGGED TABLE payroll_upload_errors (
  id bigserial PRIMARY KEY,
  upload_id integer NOT NULL REFERENCES payroll_uploads(id) ON DELETE CASCADE,
  row_no integer,
  field varchar(40),
  message_key varchar(80) NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX payroll_upload_errors_upload_idx ON payroll_upload_errors (upload_id, row_no, id);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS payroll_upload_errors, payroll_upload_rows, payroll_uploads;');
}
