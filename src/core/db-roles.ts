/**
 * The two PostgreSQL roles (SECURITY.md, "Database roles"): an OWNER that owns every table and
 * runs migrations and the reference-data setup, and an APP role that owns nothing, may not
 * create anything, and holds only the privileges the portal uses. On audit_log the app may only
 * INSERT (not the columns the database sets itself) and SELECT, so neither a bug nor an attacker
 * with the app's connection can rewrite, silence or back-date the log.
 */
import type { Knex } from 'knex';
import pg from 'pg';

export const DEFAULT_OWNER_ROLE = 'ispeks_owner';
export const DEFAULT_APP_ROLE = 'ispeks_app';

export interface RoleCredentials {
  name: string;
  password: string;
}

/** Tables the app role may not touch at all (the migration bookkeeping and the demo marker). */
const NO_APP_ACCESS = ['knex_migrations', 'knex_migrations_lock', 'demo_seed'];
/** Tables whose rows the app writes once and never changes nor removes (stored payslip and EC PDFs). */
const APPEND_ONLY = ['payslip_pdfs', 'ec_pdfs'];
/** The audit_log columns the app names in an INSERT; occurred_at, db_role and id are the database's. */
const AUDIT_INSERT_COLUMNS = [
  'actor_account_id',
  'subject_account_id',
  'action',
  'ip',
  'user_agent',
  'details',
];

/** A role name we are willing to put into SQL unquoted-safe (it is also double-quoted). */
export function checkRoleName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid PostgreSQL role name: ${name}`);
  return name;
}

/** The app role's name: DATABASE_APP_ROLE, default ispeks_app. */
export function appRoleFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return checkRoleName(env.DATABASE_APP_ROLE || DEFAULT_APP_ROLE);
}

/**
 * The connection for migrations and setup: DATABASE_OWNER_URL, or DATABASE_URL when it is absent
 * (a single-role installation, documented in docs/operations-database.md).
 */
export function ownerUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_OWNER_URL || env.DATABASE_URL || undefined;
}

/** `url` with another user, password and (optionally) database. */
export function urlAs(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/** `url` pointing at another database (same user). */
export function urlOf(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${checkRoleName(name)}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates (or updates the password of) the owner and the app role. Needs a superuser or a role
 * with CREATEROLE: the embedded bring-up and the test harness run it as the embedded superuser;
 * docker-compose does the same in deploy/postgres/init-roles.sh.
 */
export async function ensureRoles(
  superUrl: string,
  owner: RoleCredentials,
  app: RoleCredentials,
): Promise<void> {
  await withClient(superUrl, async (client) => {
    for (const role of [owner, app]) {
      const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      const verb = found.rowCount === 0 ? 'CREATE' : 'ALTER';
      await client.query(
        `${verb} ROLE ${ident(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(role.password)}`,
      );
    }
  });
}

/**
 * Creates the database owned by the owner role (or hands an existing one to it), and gives the
 * owner every object of the public schema: a development database made before the two roles
 * existed belongs to the superuser. PUBLIC loses CREATE and TEMPORARY, so the app role can
 * create nothing anywhere.
 */
export async function ensureOwnedDatabase(superUrl: string, database: string, owner: string): Promise<void> {
  const db = `"${database.replace(/"/g, '')}"`;
  await withClient(superUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${db} OWNER ${ident(owner)}`);
    else await client.query(`ALTER DATABASE ${db} OWNER TO ${ident(owner)}`);
    await client.query(`REVOKE CREATE, TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
  });
  await withClient(urlOf(superUrl, database), async (client) => {
    await client.query(`ALTER SCHEMA public OWNER TO ${ident(owner)}`);
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
              AND pg_get_userbyid(c.relowner) <> ${literal(owner)}
  LOOP
    EXECUTE format('ALTER TABLE %I OWNER TO %I', r.relname, ${literal(owner)});
  END LOOP;
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> ${literal(owner)}
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER SEQUENCE %I OWNER TO %I', r.relname, ${literal(owner)});
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> ${literal(owner)}
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO %I', r.fn, ${literal(owner)});
  END LOOP;
END $$`);
  });
}

/**
 * The app role's privileges, applied by the migrate step after the migrations on every run (as
 * the owner), so a table added by any migration is covered: DML on every table, except the
 * migration bookkeeping and audit_log, where it gets SELECT and INSERT of the caller's columns
 * only, and payslip_pdfs and ec_pdfs (SELECT and INSERT: a stored PDF is never changed). Default
 * privileges cover tables the owner creates later between two runs.
 */
export async function applyGrants(owner: Knex, appRole: string): Promise<'granted' | 'missing' | 'self'> {
  const app = ident(appRole);
  const exists = await owner.raw<{ rows: { n: number; me: string }[] }>(
    'SELECT count(*)::int AS n, current_user AS me FROM pg_roles WHERE rolname = ?',
    [appRole],
  );
  if (exists.rows[0]?.n !== 1) return 'missing';
  // A single-role installation (DATABASE_APP_ROLE names the owner): nothing to grant, and
  // revoking from audit_log would only take the owner's own rights.
  if (exists.rows[0]?.me === appRole) return 'self';
  await owner.transaction(async (trx) => {
    await trx.raw(`
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app};
REVOKE ALL ON audit_log FROM ${app};
GRANT SELECT ON audit_log TO ${app};
GRANT INSERT (${AUDIT_INSERT_COLUMNS.join(', ')}) ON audit_log TO ${app};
`);
    for (const table of NO_APP_ACCESS) {
      const found = await trx.raw<{ rows: { t: string | null }[] }>('SELECT to_regclass(?)::text AS t', [
        `public.${table}`,
      ]);
      if (found.rows[0]?.t) await trx.raw(`REVOKE ALL ON ${table} FROM ${app}`);
    }
    for (const table of APPEND_ONLY) {
      const found = await trx.raw<{ rows: { t: string | null }[] }>('SELECT to_regclass(?)::text AS t', [
        `public.${table}`,
      ]);
      if (found.rows[0]?.t) await trx.raw(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${app}`);
    }
    // The payroll import ANALYZEs its staging table (src/staff/import-queries.ts); since
    // PostgreSQL 17 that needs MAINTAIN, not ownership. Older servers skip it with a warning.
    const version = await trx.raw<{ rows: { v: number }[] }>(
      "SELECT current_setting('server_version_num')::int AS v",
    );
    const staging = await trx.raw<{ rows: { t: string | null }[] }>(
      "SELECT to_regclass('public.payroll_upload_rows')::text AS t",
    );
    if ((version.rows[0]?.v ?? 0) >= 170000 && staging.rows[0]?.t) {
      await trx.raw(`GRANT MAINTAIN ON payroll_upload_rows TO ${app}`);
    }
  });
  return 'granted';
}

/**
 * The event trigger of migration 20261120000100 guards audit_log's triggers against the owner's
 * own DDL; creating one needs a superuser, so the bring-ups that have one (embedded, tests)
 * install it after the owner's migrations.
 */
export async function installAuditGuard(superDbUrl: string): Promise<void> {
  await withClient(superDbUrl, async (client) => {
    const { rows } = await client.query<{ fn: string | null; trg: number }>(
      `SELECT to_regprocedure('public.audit_log_guard()')::text AS fn,
              (SELECT count(*)::int FROM pg_event_trigger WHERE evtname = 'audit_log_guard') AS trg`,
    );
    if (!rows[0]?.fn) return;
    if (rows[0].trg === 0) {
      await client.query(
        'CREATE EVENT TRIGGER audit_log_guard ON ddl_command_end EXECUTE FUNCTION audit_log_guard()',
      );
      await client.query('ALTER EVENT TRIGGER audit_log_guard ENABLE ALWAYS');
    }
    // A rewrite (ALTER COLUMN ... TYPE ... USING) changes every row without changing the
    // columns the guard checks: refused before it happens (migration 20261201040000).
    const rewrite = await client.query<{ fn: string | null; trg: number }>(
      `SELECT to_regprocedure('public.audit_log_no_rewrite()')::text AS fn,
              (SELECT count(*)::int FROM pg_event_trigger WHERE evtname = 'audit_log_no_rewrite') AS trg`,
    );
    if (rewrite.rows[0]?.fn && rewrite.rows[0].trg === 0) {
      await client.query(
        'CREATE EVENT TRIGGER audit_log_no_rewrite ON table_rewrite EXECUTE FUNCTION audit_log_no_rewrite()',
      );
      await client.query('ALTER EVENT TRIGGER audit_log_no_rewrite ENABLE ALWAYS');
    }
    // The guard functions belong to the superuser, so the owner cannot replace them with a
    // function that lets everything through (the bring-up hands them to the owner only while it
    // migrates, see ensureOwnedDatabase).
    for (const fn of ['audit_log_guard()', 'audit_log_no_rewrite()']) {
      const found = await client.query<{ fn: string | null }>('SELECT to_regprocedure($1)::text AS fn', [
        `public.${fn}`,
      ]);
      if (found.rows[0]?.fn) await client.query(`ALTER FUNCTION public.${fn} OWNER TO CURRENT_USER`);
    }
  });
}
