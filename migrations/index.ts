import type { Knex } from 'knex';
import * as coreSchema from './20261101000000_core_schema.js';
import * as payrollUploads from './20261120000000_payroll_uploads.js';
import * as auditLogGuard from './20261120000100_audit_log_guard.js';
import * as performanceFixes from './20261126120000_performance.js';
import * as auditLogStamp from './20261201040000_audit_log_stamp.js';
import * as demoSeedMarker from './20261201040100_demo_seed_marker.js';

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
  '20261201040000_audit_log_stamp': auditLogStamp,
  '20261201040100_demo_seed_marker': demoSeedMarker,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
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
