import type { Knex } from 'knex';
import * as coreSchema from './20261101000000_core_schema.js';
import * as payrollUploads from './20261120000000_payroll_uploads.js';
import * as auditLogGuard from './20261120000100_audit_log_guard.js';
import * as performanceFixes from './20261126120000_performance.js';
import * as outboxRedactSentSecrets from './20261201030000_outbox_redact_sent_secrets.js';
import * as payslipCorrections from './20261201060000_payslip_corrections.js';
import * as rateLimitsResetAt from './20261201020000_rate_limits_reset_at.js';
import * as ecCp38Code from './20261201070000_ec_cp38_code.js';
import * as paymentStatusFeed from './20261201070100_payment_status_feed.js';
import * as emailChangeHold from './20261201010000_email_change_hold.js';
import * as peopleExperience from './20261201080000_people_experience.js';
import * as auditLogStamp from './20261201040000_audit_log_stamp.js';
import * as demoSeedMarker from './20261201040100_demo_seed_marker.js';
import * as payslipPdfs from './20261202030000_payslip_pdfs.js';
import * as ecPdfs from './20261203010000_ec_pdfs.js';

interface Migration {
  up: (knex: Knex) => Promise<void>;
  down: (knex: Knex) => Promise<void>;
}

/** Migrations listed in order; an explicit list so they load the same under tsx, tests and builds. */
const migrations: Record<string, Migration> = {
  '20261101000000_core_schema': coreSchema,
  '20261120000000_payroll_uploads': payrollUploads,
  '20261120000100_audit_log_guard': auditLogGuard,
  '20261126120000_performance': performanceFixes,
  '20261201030000_outbox_redact_sent_secrets': outboxRedactSentSecrets,
  '20261201060000_payslip_corrections': payslipCorrections,
  '20261201020000_rate_limits_reset_at': rateLimitsResetAt,
  '20261201070000_ec_cp38_code': ecCp38Code,
  '20261201070100_payment_status_feed': paymentStatusFeed,
  '20261201010000_email_change_hold': emailChangeHold,
  '20261201080000_people_experience': peopleExperience,
  '20261201040000_audit_log_stamp': auditLogStamp,
  '20261201040100_demo_seed_marker': demoSeedMarker,
  '20261202030000_payslip_pdfs': payslipPdfs,
  '20261203010000_ec_pdfs': ecPdfs,
};

export const migrationSource: Knex.MigrationSource<string> = {
  // In name (timestamp) order, whatever order the table above lists them in.
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const m = migrations[name];
    if (!m) throw new Error(`Unknown migration ${name}`);
    return m;
  },
};

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}
