import type { Knex } from 'knex';

/**
 * The whole data model of DESIGN section 2. Money is integer sen. Dates of payroll and payments
 * are DATE (no time zone); events are TIMESTAMPTZ.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE departments (
  id serial PRIMARY KEY,
  code varchar(10) NOT NULL UNIQUE,
  name text NOT NULL,
  accounting_office_code varchar(10) NOT NULL,
  paying_centre_code varchar(10) NOT NULL,
  employer_e_number varchar(20) NOT NULL,
  lhdn_branch text NOT NULL,
  address text NOT NULL DEFAULT ''
);

CREATE TABLE employees (
  id serial PRIMARY KEY,
  ic_no char(12) NOT NULL UNIQUE CHECK (ic_no ~ '^[0-9]{12}$'),
  payroll_no varchar(20) NOT NULL UNIQUE,
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 150),
  email varchar(254) CHECK (email IS NULL OR email = lower(email)),
  department_id integer NOT NULL REFERENCES departments(id),
  position text NOT NULL,
  grade varchar(10) NOT NULL,
  service_scheme text NOT NULL,
  bank_name text NOT NULL,
  bank_account varchar(30) NOT NULL,
  kwsp_no varchar(20),
  is_pensionable boolean NOT NULL DEFAULT false,
  tax_no varchar(20),
  pcb_category varchar(5) NOT NULL DEFAULT '1',
  start_date date NOT NULL,
  end_date date,
  status varchar(12) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'resigned', 'transferred')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (is_pensionable OR kwsp_no IS NOT NULL)
);
CREATE INDEX employees_department_idx ON employees (department_id, name);
CREATE INDEX employees_email_idx ON employees (email);
CREATE INDEX employees_name_idx ON employees (lower(name) text_pattern_ops);

CREATE TABLE suppliers (
  id serial PRIMARY KEY,
  company_id varchar(20) NOT NULL UNIQUE CHECK (company_id ~ '^[0-9A-Z-]{4,20}$'),
  name text NOT NULL,
  email varchar(254) NOT NULL CHECK (email = lower(email)),
  bank_name text NOT NULL,
  bank_account varchar(30) NOT NULL,
  status varchar(12) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blacklisted', 'inactive'))
);

CREATE TABLE secret_images (
  id serial PRIMARY KEY,
  slug varchar(40) NOT NULL UNIQUE,
  label_ms text NOT NULL,
  label_en text NOT NULL,
  file_name varchar(80) NOT NULL
);

CREATE TABLE security_questions (
  id serial PRIMARY KEY,
  text_ms text NOT NULL UNIQUE,
  text_en text NOT NULL UNIQUE,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE accounts (
  id serial PRIMARY KEY,
  login_id varchar(20) NOT NULL UNIQUE,
  kind varchar(10) NOT NULL CHECK (kind IN ('employee', 'company')),
  employee_id integer UNIQUE REFERENCES employees(id),
  supplier_id integer UNIQUE REFERENCES suppliers(id),
  status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'disabled')),
  password_hash text,
  temp_password_hash text,
  temp_password_expires_at timestamptz,
  temp_password_sent_at timestamptz,
  temp_password_outbox_id bigint,
  failed_count integer NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  lock_count integer NOT NULL DEFAULT 0 CHECK (lock_count >= 0),
  locked_until timestamptz,
  secret_phrase varchar(100),
  secret_image_id integer REFERENCES secret_images(id),
  notify_payment_status boolean NOT NULL DEFAULT false,
  show_welcome boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  activated_at timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'employee' AND employee_id IS NOT NULL AND supplier_id IS NULL)
      OR (kind = 'company' AND supplier_id IS NOT NULL AND employee_id IS NULL)),
  CHECK (status <> 'active' OR (password_hash IS NOT NULL AND secret_phrase IS NOT NULL AND secret_image_id IS NOT NULL))
);
CREATE INDEX accounts_locked_idx ON accounts (locked_until) WHERE locked_until IS NOT NULL;

CREATE TABLE account_answers (
  account_id integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position BETWEEN 1 AND 3),
  question_id integer NOT NULL REFERENCES security_questions(id),
  answer_hash text NOT NULL,
  PRIMARY KEY (account_id, position),
  UNIQUE (account_id, question_id)
);

CREATE TABLE staff_roles (
  account_id integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role varchar(10) NOT NULL CHECK (role IN ('payroll', 'helpdesk', 'admin')),
  granted_by integer REFERENCES accounts(id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, role)
);

CREATE TABLE staff_departments (
  account_id integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  department_id integer NOT NULL REFERENCES departments(id),
  PRIMARY KEY (account_id, department_id)
);

CREATE TABLE password_reset_tokens (
  id serial PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  token_hash char(64) NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_tokens_account_idx ON password_reset_tokens (account_id);

CREATE TABLE payslip_codes (
  code varchar(10) PRIMARY KEY,
  kind varchar(10) NOT NULL CHECK (kind IN ('earning', 'deduction')),
  description_ms text NOT NULL,
  description_en text NOT NULL,
  ec_category varchar(30) NOT NULL CHECK (ec_category IN (
    'salary', 'allowance', 'arrears', 'bonus', 'benefit', 'exempt_allowance',
    'pcb', 'zakat', 'kwsp', 'pension', 'socso', 'other_deduction', 'housing_loan')),
  is_housing_loan boolean NOT NULL DEFAULT false,
  sort_order smallint NOT NULL DEFAULT 100
);

CREATE TABLE payroll_imports (
  id serial PRIMARY KEY,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  file_name text NOT NULL,
  row_count integer NOT NULL DEFAULT 0,
  status varchar(12) NOT NULL CHECK (status IN ('committed', 'published', 'replaced')),
  uploaded_by integer REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

CREATE TABLE payslips (
  id serial PRIMARY KEY,
  employee_id integer NOT NULL REFERENCES employees(id),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  department_id integer NOT NULL REFERENCES departments(id),
  position text NOT NULL,
  grade varchar(10) NOT NULL,
  pay_date date NOT NULL,
  import_id integer REFERENCES payroll_imports(id),
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (employee_id, year, month)
);
CREATE INDEX payslips_employee_period_idx ON payslips (employee_id, year DESC, month DESC) WHERE published_at IS NOT NULL;
CREATE INDEX payslips_period_idx ON payslips (year, month, department_id);

CREATE TABLE payslip_lines (
  id bigserial PRIMARY KEY,
  payslip_id integer NOT NULL REFERENCES payslips(id) ON DELETE CASCADE,
  kind varchar(10) NOT NULL CHECK (kind IN ('earning', 'deduction')),
  code varchar(10) NOT NULL REFERENCES payslip_codes(code),
  description text NOT NULL,
  amount_sen integer NOT NULL CHECK (amount_sen >= 0),
  sort_order smallint NOT NULL DEFAULT 100
);
CREATE INDEX payslip_lines_payslip_idx ON payslip_lines (payslip_id);

CREATE TABLE payments (
  id serial PRIMARY KEY,
  payee_kind varchar(10) NOT NULL CHECK (payee_kind IN ('employee', 'company')),
  payee_id_no varchar(20) NOT NULL,
  payee_name text NOT NULL,
  voucher_no varchar(30) NOT NULL UNIQUE,
  reference_no varchar(40) NOT NULL,
  description text NOT NULL,
  department_id integer NOT NULL REFERENCES departments(id),
  amount_sen bigint NOT NULL CHECK (amount_sen > 0),
  method varchar(12) NOT NULL CHECK (method IN ('EFT', 'CHEQUE', 'BANK_DRAFT', 'TT')),
  instrument_no varchar(30),
  bank_name text NOT NULL,
  bank_account varchar(30) NOT NULL,
  voucher_date date NOT NULL,
  payment_date date,
  status varchar(20) NOT NULL CHECK (status IN ('SENT_TO_BANK', 'RECEIVED_BY_BANK', 'BANK_FAILED', 'ISSUED', 'CANCELLED')),
  status_date date NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'ISSUED' OR method <> 'EFT')
);
CREATE INDEX payments_payee_date_idx ON payments (payee_id_no, voucher_date DESC, id DESC);
CREATE INDEX payments_payee_status_idx ON payments (payee_id_no, status);

CREATE TABLE loans (
  id serial PRIMARY KEY,
  employee_id integer NOT NULL REFERENCES employees(id),
  loan_type varchar(20) NOT NULL CHECK (loan_type IN ('HOUSING', 'VEHICLE', 'COMPUTER', 'PERSONAL')),
  reference_no varchar(30) NOT NULL UNIQUE,
  amount_sen bigint NOT NULL CHECK (amount_sen > 0),
  balance_sen bigint NOT NULL CHECK (balance_sen >= 0),
  monthly_sen integer NOT NULL CHECK (monthly_sen > 0),
  start_date date NOT NULL,
  end_date date NOT NULL,
  CHECK (balance_sen <= amount_sen),
  CHECK (end_date > start_date)
);
CREATE INDEX loans_employee_idx ON loans (employee_id);

CREATE TABLE applications (
  id serial PRIMARY KEY,
  employee_id integer NOT NULL REFERENCES employees(id),
  module varchar(4) NOT NULL CHECK (module IN ('AC', 'PROC', 'PY', 'SL', 'AIM')),
  reference_no varchar(30) NOT NULL UNIQUE,
  title text NOT NULL,
  amount_sen bigint CHECK (amount_sen IS NULL OR amount_sen >= 0),
  status varchar(12) NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'IN_PROCESS', 'APPROVED', 'REJECTED', 'CANCELLED')),
  submitted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX applications_employee_idx ON applications (employee_id, module, status);

CREATE TABLE application_status_history (
  id serial PRIMARY KEY,
  application_id integer NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  status varchar(12) NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'IN_PROCESS', 'APPROVED', 'REJECTED', 'CANCELLED')),
  note text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL
);
CREATE INDEX application_status_history_app_idx ON application_status_history (application_id, changed_at);

CREATE TABLE downloads (
  id serial PRIMARY KEY,
  slug varchar(60) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
  category varchar(10) NOT NULL CHECK (category IN ('manual', 'form')),
  title_ms text NOT NULL,
  title_en text NOT NULL,
  file_name varchar(100) NOT NULL UNIQUE CHECK (file_name ~ '^[a-z0-9-]+\\.(pdf|html|txt)$'),
  content_type varchar(60) NOT NULL,
  sort_order smallint NOT NULL DEFAULT 100
);

-- express-session store (connect-pg-simple's schema)
CREATE TABLE session (
  sid varchar NOT NULL PRIMARY KEY,
  sess json NOT NULL,
  expire timestamp(6) NOT NULL
);
CREATE INDEX session_expire_idx ON session (expire);
CREATE INDEX session_account_idx ON session (((sess ->> 'accountId')));

CREATE TABLE rate_limits (
  key varchar(200) PRIMARY KEY,
  count integer NOT NULL,
  reset_at timestamptz NOT NULL
);

CREATE TABLE email_outbox (
  id bigserial PRIMARY KEY,
  account_id integer REFERENCES accounts(id) ON DELETE SET NULL,
  kind varchar(40) NOT NULL,
  to_address varchar(254) NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_outbox_account_idx ON email_outbox (account_id, created_at DESC);
ALTER TABLE accounts ADD CONSTRAINT accounts_temp_outbox_fk FOREIGN KEY (temp_password_outbox_id) REFERENCES email_outbox(id) ON DELETE SET NULL;

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_account_id integer,
  subject_account_id integer,
  action varchar(50) NOT NULL,
  ip varchar(64),
  user_agent varchar(400),
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_account_id, occurred_at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, occurred_at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at DESC);

-- The audit log is append-only: no role, not even the table owner, may change or remove a row.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP TABLE IF EXISTS audit_log, email_outbox, rate_limits, session, downloads, application_status_history,
  applications, loans, payments, payslip_lines, payslips, payroll_imports, payslip_codes, password_reset_tokens,
  staff_departments, staff_roles, account_answers, accounts, security_questions, secret_images, suppliers,
  employees, departments CASCADE;
DROP FUNCTION IF EXISTS audit_log_append_only();
`);
}
