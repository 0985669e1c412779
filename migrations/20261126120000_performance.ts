import type { Knex } from 'knex';

/**
 * What the query plans of the scale benchmark call for (issue 7, docs/benchmarks.md).
 *
 * employees.ic_no was char(12) while payments.payee_id_no (and accounts.login_id) are varchar:
 * `payee_id_no = (SELECT ic_no FROM employees …)` then compares as bpchar, casting every row's
 * payee_id_no, so no index on payee_id_no could be used and the dashboard and eMaklum queries
 * scanned the whole payments table (90 ms at 10,000 employees, growing with the table). An IC
 * number is always exactly 12 digits (the CHECK stays), so varchar(12) holds the same values and
 * the comparisons become varchar = varchar, served by payments_payee_date_idx and
 * payments_payee_status_idx.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE employees ALTER COLUMN ic_no TYPE varchar(12);`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE employees ALTER COLUMN ic_no TYPE char(12);`);
}
