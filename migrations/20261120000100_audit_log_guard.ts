import type { Knex } from 'knex';

/**
 * Hardens the append-only audit log beyond the row and TRUNCATE triggers of the core schema.
 *
 * 1. The triggers fire ALWAYS: `SET session_replication_role = replica`, which silences ordinary
 *    triggers, no longer switches them off.
 * 2. PUBLIC holds no UPDATE, DELETE, TRUNCATE, TRIGGER or REFERENCES right on the table.
 * 3. An event trigger (also ALWAYS) checks after every DDL command that the table still exists,
 *    that both triggers are still there, enabled ALWAYS, unconditional and calling the original
 *    function, and that the function's body is unchanged. `ALTER TABLE audit_log DISABLE
 *    TRIGGER`, `DROP TRIGGER`, `CREATE OR REPLACE FUNCTION audit_log_append_only`, `DROP TABLE`,
 *    renaming the table and the like are rolled back with an error, whoever runs them.
 *
 * Creating an event trigger needs a superuser (the embedded and docker-compose databases connect
 * as one). Where the migration runs as an ordinary role, step 3 is skipped with a NOTICE; the
 * triggers still refuse every UPDATE, DELETE and TRUNCATE. What no database rule can stop is a
 * superuser who first drops the event trigger: production should run the app as a role that is
 * neither a superuser nor the table's owner (SECURITY.md, "Operator's duties").
 *
 * A later migration that must change audit_log drops the event trigger first and re-creates it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_log FROM PUBLIC;
`);
  const { rows } = await knex.raw<{ rows: { body_md5: string; superuser: boolean }[] }>(`
SELECT md5(p.prosrc) AS body_md5,
       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser
FROM pg_proc p WHERE p.oid = 'public.audit_log_append_only()'::regprocedure`);
  const row = rows[0];
  if (!row) throw new Error('audit_log_append_only() is missing');
  if (!/^[0-9a-f]{32}$/.test(row.body_md5)) throw new Error('unexpected md5');

  // tgtype bits: ROW 1, BEFORE 2, DELETE 8, UPDATE 16, TRUNCATE 32.
  await knex.raw(`
CREATE FUNCTION audit_log_guard() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  fn oid := to_regprocedure('public.audit_log_append_only()');
  tbl oid := to_regclass('public.audit_log');
  intact boolean;
BEGIN
  SELECT tbl IS NOT NULL AND fn IS NOT NULL
     AND (SELECT md5(prosrc) FROM pg_proc WHERE oid = fn) = '${row.body_md5}'
     AND (SELECT count(*) FROM pg_trigger t
           WHERE t.tgrelid = tbl AND t.tgfoid = fn AND t.tgenabled = 'A' AND t.tgqual IS NULL
             AND cardinality(t.tgattr::int2[]) = 0
             AND (t.tgtype & (1 | 2 | 8 | 16)) = (1 | 2 | 8 | 16)) >= 1
     AND (SELECT count(*) FROM pg_trigger t
           WHERE t.tgrelid = tbl AND t.tgfoid = fn AND t.tgenabled = 'A' AND t.tgqual IS NULL
             AND (t.tgtype & (1 | 2 | 32)) = (2 | 32)) >= 1
    INTO intact;
  IF NOT coalesce(intact, false) THEN
    RAISE EXCEPTION 'audit_log is append-only: % would remove or weaken its protection', tg_tag
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;
`);
  if (row.superuser) {
    await knex.raw(`
CREATE EVENT TRIGGER audit_log_guard ON ddl_command_end EXECUTE FUNCTION audit_log_guard();
ALTER EVENT TRIGGER audit_log_guard ENABLE ALWAYS;
`);
  } else {
    await knex.raw(
      `DO $$ BEGIN RAISE NOTICE 'audit_log_guard event trigger not created: the migration does not run as a superuser'; END $$;`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP EVENT TRIGGER IF EXISTS audit_log_guard;
DROP FUNCTION IF EXISTS audit_log_guard();
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;
`);
}
