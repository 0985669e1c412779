import type { Knex } from 'knex';

/**
 * The database, not the caller, says when an audit row was written and by which database role
 * (issue 11, item 5): a BEFORE INSERT trigger, enabled ALWAYS, overwrites occurred_at and db_role
 * whatever the INSERT supplied. The app role may not even name those columns (its INSERT
 * privilege is column-level, src/core/db-roles.ts); the trigger covers every other role too.
 *
 * The guard of 20261120000100 is widened to what the owner could otherwise do: it also requires
 * the stamp trigger, refuses any other trigger or rule on audit_log (a BEFORE INSERT trigger that
 * returns NULL, a DO INSTEAD NOTHING rule) and any change to its columns (DROP COLUMN, a type
 * change). audit_log_no_rewrite() refuses a table rewrite (ALTER COLUMN ... TYPE ... USING).
 * Both run as event triggers, which only a superuser can create: the embedded and test
 * bring-ups install them (installAuditGuard); with no superuser the app role still cannot run
 * any DDL, as it owns nothing.
 *
 * A later migration that must change audit_log's columns re-creates audit_log_guard() with the
 * new column signature (as this one does).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE audit_log ADD COLUMN db_role varchar(63);
COMMENT ON COLUMN audit_log.db_role IS 'the database role that wrote the row (session_user), set by the database';

CREATE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.occurred_at := now();
  NEW.db_role := session_user;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_stamp;

CREATE FUNCTION audit_log_no_rewrite() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_event_trigger_table_rewrite_oid() = to_regclass('public.audit_log') THEN
    RAISE EXCEPTION 'audit_log is append-only: % would rewrite its rows', tg_tag
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;
`);
  const { rows } = await knex.raw<{
    rows: { append_md5: string; stamp_md5: string; columns_md5: string }[];
  }>(`
SELECT (SELECT md5(prosrc) FROM pg_proc WHERE oid = 'public.audit_log_append_only()'::regprocedure) AS append_md5,
       (SELECT md5(prosrc) FROM pg_proc WHERE oid = 'public.audit_log_stamp()'::regprocedure) AS stamp_md5,
       (SELECT md5(string_agg(attname || ':' || format_type(atttypid, atttypmod) || ':' || attnotnull, ',' ORDER BY attnum))
          FROM pg_attribute WHERE attrelid = 'public.audit_log'::regclass AND attnum > 0 AND NOT attisdropped) AS columns_md5`);
  const row = rows[0];
  if (!row || ![row.append_md5, row.stamp_md5, row.columns_md5].every((v) => /^[0-9a-f]{32}$/.test(v))) {
    throw new Error('audit_log functions or columns missing');
  }
  // tgtype bits: ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32.
  await knex.raw(`
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  fn oid := to_regprocedure('public.audit_log_append_only()');
  stamp oid := to_regprocedure('public.audit_log_stamp()');
  tbl oid := to_regclass('public.audit_log');
  intact boolean;
BEGIN
  SELECT tbl IS NOT NULL AND fn IS NOT NULL AND stamp IS NOT NULL
     AND (SELECT md5(prosrc) FROM pg_proc WHERE oid = fn) = '${row.append_md5}'
     AND (SELECT md5(prosrc) FROM pg_proc WHERE oid = stamp) = '${row.stamp_md5}'
     AND (SELECT md5(string_agg(attname || ':' || format_type(atttypid, atttypmod) || ':' || attnotnull, ',' ORDER BY attnum))
            FROM pg_attribute WHERE attrelid = tbl AND attnum > 0 AND NOT attisdropped) = '${row.columns_md5}'
     AND (SELECT count(*) FROM pg_trigger t
           WHERE t.tgrelid = tbl AND t.tgfoid = fn AND t.tgenabled = 'A' AND t.tgqual IS NULL
             AND cardinality(t.tgattr::int2[]) = 0
             AND (t.tgtype & (1 | 2 | 8 | 16)) = (1 | 2 | 8 | 16)) >= 1
     AND (SELECT count(*) FROM pg_trigger t
           WHERE t.tgrelid = tbl AND t.tgfoid = fn AND t.tgenabled = 'A' AND t.tgqual IS NULL
             AND (t.tgtype & (1 | 2 | 32)) = (2 | 32)) >= 1
     AND (SELECT count(*) FROM pg_trigger t
           WHERE t.tgrelid = tbl AND t.tgfoid = stamp AND t.tgenabled = 'A' AND t.tgqual IS NULL
             AND (t.tgtype & (1 | 2 | 4)) = (1 | 2 | 4)) >= 1
     -- Nothing else may act on the table: no trigger of another function, no rule.
     AND NOT EXISTS (SELECT 1 FROM pg_trigger t
           WHERE t.tgrelid = tbl AND NOT t.tgisinternal AND t.tgfoid NOT IN (fn, stamp))
     AND NOT EXISTS (SELECT 1 FROM pg_rewrite r WHERE r.ev_class = tbl)
    INTO intact;
  IF NOT coalesce(intact, false) THEN
    RAISE EXCEPTION 'audit_log is append-only: % would remove or weaken its protection', tg_tag
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;
`);
}

/**
 * Only a superuser can roll this back where the event triggers are installed (by design). The
 * guard goes too: the previous migration's own down drops its function.
 */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP EVENT TRIGGER IF EXISTS audit_log_guard;
DROP EVENT TRIGGER IF EXISTS audit_log_no_rewrite;
DROP FUNCTION IF EXISTS audit_log_no_rewrite();
DROP TRIGGER IF EXISTS audit_log_stamp ON audit_log;
DROP FUNCTION IF EXISTS audit_log_stamp();
ALTER TABLE audit_log DROP COLUMN IF EXISTS db_role;
`);
}
