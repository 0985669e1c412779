import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Knex } from 'knex';
import { writeAudit } from '../../src/core/audit.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DEMO } from '../../seeds/demo-accounts.js';
import { csrfTokenIn } from '../helpers/http.js';
import { signedIn } from './staff-helpers.js';

/**
 * The audit log is append-only (issue 5, item 6; issue 11, item 5): no page can change it. The
 * app's database role (through the app's own Knex pool) may only INSERT (not the columns the
 * database stamps) and SELECT; it owns nothing, so no DDL can falsify or silence the log. The
 * owner role is held by triggers and by the event triggers the bring-up installs.
 */
describe('append-only audit log', () => {
  let app: TestApp;
  let id: number;
  let original: Record<string, unknown>;

  before(async () => {
    app = await startTestApp();
    await writeAudit(app.db, { action: 'staff.test.immutable', details: { note: 'asal' } });
    const row = await app.db('audit_log').where('action', 'staff.test.immutable').first();
    id = Number(row.id);
    original = row;
  });
  after(async () => {
    await app?.close();
  });

  const unchanged = async () => {
    assert.deepEqual(await app.db('audit_log').where('id', id).first(), original);
  };

  /** Runs SQL through a pool (the app's by default) in its own transaction; returns the refusal. */
  async function refused(sql: string, setup?: string, db: Knex = app.db): Promise<string> {
    try {
      await db.transaction(async (trx) => {
        if (setup) await trx.raw(setup);
        await trx.raw(sql);
      });
    } catch (err) {
      return (err as Error).message;
    }
    assert.fail(`the database accepted: ${sql}`);
  }

  test('the app connects as a role that is no superuser, owns nothing and may create nothing', async () => {
    const { rows } = await app.db.raw<{ rows: Record<string, unknown>[] }>(`
SELECT current_user AS who,
       (SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS powers,
       (SELECT count(*)::int FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS owned,
       (SELECT count(*)::int FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS functions,
       has_schema_privilege('public', 'CREATE') AS schema_create,
       has_database_privilege(current_database(), 'CREATE') AS db_create,
       has_database_privilege(current_database(), 'TEMPORARY') AS db_temp,
       has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE')
         OR has_table_privilege('audit_log', 'TRUNCATE') OR has_table_privilege('audit_log', 'TRIGGER')
         OR has_table_privilege('audit_log', 'REFERENCES') AS audit_extra,
       has_column_privilege('audit_log', 'occurred_at', 'INSERT') AS audit_time,
       has_column_privilege('audit_log', 'db_role', 'INSERT') AS audit_role,
       has_table_privilege('audit_log', 'SELECT') AS audit_select,
       has_column_privilege('audit_log', 'action', 'INSERT') AS audit_insert`);
    assert.deepEqual(rows[0], {
      who: 'ispeks_app',
      powers: false,
      owned: 0,
      functions: 0,
      schema_create: false,
      db_create: false,
      db_temp: false,
      audit_extra: false,
      audit_time: false,
      audit_role: false,
      audit_select: true,
      audit_insert: true,
    });
  });

  test('as the app role: UPDATE, DELETE and TRUNCATE of the audit log are refused', async () => {
    for (const sql of [
      `UPDATE audit_log SET details = '{}'::jsonb WHERE id = ${id}`,
      `DELETE FROM audit_log WHERE id = ${id}`,
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'TRUNCATE audit_log CASCADE',
    ])
      assert.match(await refused(sql), /permission denied for table audit_log/, sql);
    // Through the query builder too.
    await assert.rejects(
      app.db('audit_log').where('id', id).update({ action: 'diubah' }),
      /permission denied/,
    );
    await assert.rejects(app.db('audit_log').where('id', id).delete(), /permission denied/);
    await assert.rejects(app.db('audit_log').truncate(), /permission denied/);
    await unchanged();
  });

  test('as the app role: every DDL of the attack (issue 11, item 5) is refused, and so is CREATE TABLE', async () => {
    const attacks: [string, RegExp][] = [
      [
        `ALTER TABLE audit_log ALTER COLUMN details TYPE jsonb USING '{}'::jsonb`,
        /must be owner of table audit_log/,
      ],
      ['ALTER TABLE audit_log DROP COLUMN ip', /must be owner of table audit_log/],
      [
        'CREATE FUNCTION zz_silence() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NULL; END $f$',
        /permission denied for schema public/,
      ],
      [
        'CREATE FUNCTION pg_temp.zz_silence() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NULL; END $f$',
        /permission denied to create temporary tables/,
      ],
      // With a function that exists: the trigger itself is refused.
      [
        'CREATE TRIGGER zz_silence BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()',
        /permission denied for table audit_log|must be owner/,
      ],
      [
        'CREATE RULE zz_silence AS ON INSERT TO audit_log DO INSTEAD NOTHING',
        /must be owner of (table|relation) audit_log/,
      ],
      ['ALTER TABLE audit_log DISABLE TRIGGER ALL', /must be owner of table audit_log/],
      ['DROP TRIGGER audit_log_stamp ON audit_log', /must be owner of (table|relation) audit_log/],
      ['DROP TABLE audit_log', /must be owner of table audit_log/],
      ['CREATE TABLE zz_tmp (id int)', /permission denied for schema public/],
      ['CREATE INDEX zz_audit_ip_idx ON audit_log (ip)', /must be owner of table audit_log/],
    ];
    for (const [sql, pattern] of attacks) assert.match(await refused(sql), pattern, sql);
    assert.match(
      await refused(`DELETE FROM audit_log WHERE id = ${id}`, 'SET LOCAL session_replication_role = replica'),
      /permission denied to set parameter/,
    );
    await unchanged();
    // Later inserts still land.
    await writeAudit(app.db, { action: 'staff.test.after_ddl' });
    assert.ok(await app.db('audit_log').where('action', 'staff.test.after_ddl').first());
  });

  test('occurred_at and db_role are the database’s: the app may not supply them, another role’s value is overwritten', async () => {
    for (const column of ['occurred_at', 'db_role']) {
      const value = column === 'occurred_at' ? "'2020-01-01T00:00:00Z'" : "'admin'";
      assert.match(
        await refused(`INSERT INTO audit_log (action, ${column}) VALUES ('staff.test.backdated', ${value})`),
        /permission denied for table audit_log/,
      );
    }
    assert.equal(await app.db('audit_log').where('action', 'staff.test.backdated').first(), undefined);
    const before = Date.now();
    await writeAudit(app.db, { action: 'staff.test.stamped' });
    const mine = await app.db('audit_log').where('action', 'staff.test.stamped').first();
    assert.equal(mine.db_role, 'ispeks_app');
    assert.ok(Math.abs(new Date(mine.occurred_at as string).getTime() - before) < 60_000);
    // The owner may name the columns; the trigger overwrites them.
    await app.database.owner('audit_log').insert({
      action: 'staff.test.owner_backdated',
      occurred_at: '2020-01-01T00:00:00Z',
      db_role: 'ispeks_app',
    });
    const theirs = await app.db('audit_log').where('action', 'staff.test.owner_backdated').first();
    assert.equal(theirs.db_role, 'ispeks_owner');
    assert.ok(new Date(theirs.occurred_at as string).getFullYear() > 2020);
  });

  test('as the owner: UPDATE, DELETE, TRUNCATE and replica mode are refused by the triggers', async () => {
    const owner = app.database.owner;
    assert.match(
      await refused(`UPDATE audit_log SET details = '{}'::jsonb WHERE id = ${id}`, undefined, owner),
      /append-only \(UPDATE refused\)/,
    );
    assert.match(
      await refused(`DELETE FROM audit_log WHERE id = ${id}`, undefined, owner),
      /append-only \(DELETE refused\)/,
    );
    assert.match(await refused('TRUNCATE audit_log', undefined, owner), /append-only \(TRUNCATE refused\)/);
    await unchanged();
  });

  test('as the owner: the event triggers refuse the same DDL (rewrite, DROP COLUMN, silencing trigger or rule, switching off)', async () => {
    const owner = app.database.owner;
    const { rows } = await owner.raw<{ rows: { n: number }[] }>(
      "SELECT count(*)::int AS n FROM pg_event_trigger WHERE evtname IN ('audit_log_guard', 'audit_log_no_rewrite')",
    );
    assert.equal(
      rows[0]!.n,
      2,
      'the test harness installs both event triggers, as the development bring-up does',
    );
    const weaken = /append-only: .* would (remove or weaken its protection|rewrite its rows)/;
    for (const sql of [
      `ALTER TABLE audit_log ALTER COLUMN details TYPE jsonb USING '{}'::jsonb`,
      `ALTER TABLE audit_log ALTER COLUMN action TYPE varchar(50) USING 'x'`,
      'ALTER TABLE audit_log DROP COLUMN ip',
      'ALTER TABLE audit_log ADD COLUMN zz text',
      `CREATE FUNCTION zz_silence() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NULL; END $f$;
       CREATE TRIGGER aa_silence BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION zz_silence()`,
      'CREATE RULE zz_silence AS ON INSERT TO audit_log DO INSTEAD NOTHING',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_stamp',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
      'ALTER TABLE audit_log ENABLE REPLICA TRIGGER audit_log_no_update',
      'DROP TRIGGER audit_log_stamp ON audit_log',
      'DROP TRIGGER audit_log_no_update ON audit_log',
      'DROP TRIGGER audit_log_no_truncate ON audit_log',
      'CREATE OR REPLACE TRIGGER audit_log_no_update BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()',
      `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN OLD; END $f$`,
      `CREATE OR REPLACE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NEW; END $f$`,
      'DROP FUNCTION audit_log_append_only() CASCADE',
      'ALTER TABLE audit_log RENAME TO audit_log_lama',
      'DROP TABLE audit_log',
    ])
      assert.match(await refused(sql, undefined, owner), weaken, sql);
    // The guard itself belongs to the superuser: the owner cannot replace it.
    assert.match(
      await refused(
        'CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS event_trigger LANGUAGE plpgsql AS $f$ BEGIN END $f$',
        undefined,
        owner,
      ),
      /must be owner of function audit_log_guard/,
    );
    assert.match(
      await refused('DROP EVENT TRIGGER audit_log_guard', undefined, owner),
      /must be owner of event trigger/,
    );
    // After all those attempts the triggers are whole and still refuse; inserts still land.
    assert.match(await refused(`DELETE FROM audit_log WHERE id = ${id}`, undefined, owner), /append-only/);
    await unchanged();
    await writeAudit(app.db, { action: 'staff.test.after_owner_ddl' });
    assert.ok(await app.db('audit_log').where('action', 'staff.test.after_owner_ddl').first());
  });

  test('other schema changes by the owner still work', async () => {
    const owner = app.database.owner;
    await owner.raw('CREATE TABLE zz_tmp (id int)');
    await owner.raw('ALTER TABLE zz_tmp ADD COLUMN note text');
    await owner.raw('DROP TABLE zz_tmp');
    await owner.raw('CREATE INDEX zz_audit_ip_idx ON audit_log (ip)');
    await owner.raw('DROP INDEX zz_audit_ip_idx');
  });

  test('no request can change the audit log: PUT, PATCH, DELETE and POST on its pages are 404, and writes only append', async () => {
    const audits = () => app.db('audit_log').orderBy('id').select('id', 'action', 'details');
    const admin = await signedIn(app, DEMO.admin.ic);
    const page = await admin.get('/pentadbir/admin/audit');
    assert.equal(page.status, 200, 'the administrator reads the log');
    const token = csrfTokenIn(page.html) ?? '';
    assert.ok(token, 'the page carries the session’s CSRF token');
    const rowsBefore = await audits(); // the sign-in and the reading are logged by now
    for (const path of [
      '/pentadbir/admin/audit',
      `/pentadbir/admin/audit/${id}`,
      '/pentadbir/admin/audit/eksport',
    ])
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        // A valid token, so that only the missing route can refuse.
        const res = await admin.request(
          method,
          path,
          new URLSearchParams({ _csrf: token, id: String(id) }).toString(),
          {
            'content-type': 'application/x-www-form-urlencoded',
          },
        );
        assert.equal(res.status, 404, `${method} ${path}`);
      }
    assert.deepEqual(await audits(), rowsBefore, 'no row changed or went away');
    const count = Number((await app.db('audit_log').count<{ n: number }[]>({ n: '*' }))[0]?.n);
    await writeAudit(app.db, { action: 'staff.test.append' });
    assert.equal(Number((await app.db('audit_log').count<{ n: number }[]>({ n: '*' }))[0]?.n), count + 1);
  });
});
