import type { Knex } from 'knex';

/**
 * eMaklum's payment status feed (DESIGN 1.8, issue 12 item 5).
 *
 * - A staff role "treasury" (Perbendaharaan): the officer who uploads the treasury's status file.
 * - payment_status_uploads: one uploaded file, its parsed rows and problems (a status file is small:
 *   at most a few thousand rows, kept as JSON for the preview and the commit), and its SHA-256, so
 *   the same file uploaded again is recognised.
 * - payment_status_history: every status change of a payment, from the feed (upload_id) or, for the
 *   statuses the demo seed sets, none. Append-only by the app: the feed inserts, nothing updates.
 * - accounts.notify_locale: the language the payee chose the status email in (set when they opt in).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE staff_roles DROP CONSTRAINT IF EXISTS staff_roles_role_check;
ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_role_check
  CHECK (role IN ('payroll', 'helpdesk', 'admin', 'treasury'));

ALTER TABLE accounts ADD COLUMN notify_locale varchar(2) NOT NULL DEFAULT 'ms'
  CHECK (notify_locale IN ('ms', 'en'));

CREATE TABLE payment_status_uploads (
  id serial PRIMARY KEY,
  uploaded_by integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  content_sha256 char(64) NOT NULL,
  row_count integer NOT NULL DEFAULT 0,
  status varchar(12) NOT NULL CHECK (status IN ('invalid', 'valid', 'committed', 'discarded')),
  problems jsonb NOT NULL DEFAULT '[]',
  rows jsonb NOT NULL DEFAULT '[]',
  changed_count integer,
  email_count integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  committed_at timestamptz
);
CREATE INDEX payment_status_uploads_owner_idx ON payment_status_uploads (uploaded_by, created_at DESC);
CREATE INDEX payment_status_uploads_hash_idx ON payment_status_uploads (content_sha256) WHERE status = 'committed';

CREATE TABLE payment_status_history (
  id bigserial PRIMARY KEY,
  payment_id integer NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
  from_status varchar(20) NOT NULL,
  to_status varchar(20) NOT NULL CHECK (to_status IN ('SENT_TO_BANK', 'RECEIVED_BY_BANK', 'BANK_FAILED', 'ISSUED', 'CANCELLED')),
  status_date date NOT NULL,
  bank_reference varchar(40),
  failure_reason varchar(200),
  upload_id integer REFERENCES payment_status_uploads(id) ON DELETE SET NULL,
  recorded_by integer REFERENCES accounts(id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_status_history_payment_idx ON payment_status_history (payment_id, id);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP TABLE IF EXISTS payment_status_history;
DROP TABLE IF EXISTS payment_status_uploads;
ALTER TABLE accounts DROP COLUMN IF EXISTS notify_locale;
DELETE FROM staff_roles WHERE role = 'treasury';
ALTER TABLE staff_roles DROP CONSTRAINT IF EXISTS staff_roles_role_check;
ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_role_check CHECK (role IN ('payroll', 'helpdesk', 'admin'));
`);
}
