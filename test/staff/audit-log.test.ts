import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { writeAudit } from '../../src/core/audit.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { staffRoutes } from './staff-helpers.js';

/**
 * The audit log is append-only (issue 5, item 6): no page can change it, and the database refuses
 * it even to the app's own database user, through the app's own Knex connection pool.
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

  /** Runs SQL through the app's Knex in its own transaction and returns the database's refusal. */
  async function refused(sql: string, setup?: string): Promise<string> {
    try {
      await app.db.transaction(async (trx) => {
        if (setup) await trx.raw(setup);
        await trx.raw(sql);
      });
    } catch (err) {
      return (err as Error).message;
    }
    assert.fail(`the database accepted: ${sql}`);
  }

  test('reports the app’s database user (the rules below hold even for a superuser)', async () => {
    const { rows } = await app.db.raw<{ rows: { who: string; superuser: boolean }[] }>(
      'SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser',
    );
    process.stdout.write(`# app database user: ${rows[0]!.who} (superuser: ${rows[0]!.superuser})\n`);
  });

  test('UPDATE, DELETE and TRUNCATE by the app’s database user are refused', async () => {
    assert.match(
      await refused(`UPDATE audit_log SET details = '{}'::jsonb WHERE id = ${id}`),
      /append-only \(UPDATE refused\)/,
    );
    assert.match(await refused(`DELETE FROM audit_log WHERE id = ${id}`), /append-only \(DELETE refused\)/);
    assert.match(await refused('DELETE FROM audit_log'), /append-only/);
    assert.match(await refused('TRUNCATE audit_log'), /append-only \(TRUNCATE refused\)/);
    assert.match(await refused('TRUNCATE audit_log CASCADE'), /append-only/);
    // Through the query builder too.
    await assert.rejects(app.db('audit_log').where('id', id).update({ action: 'diubah' }), /append-only/);
    await assert.rejects(app.db('audit_log').where('id', id).delete(), /append-only/);
    await assert.rejects(app.db('audit_log').truncate(), /append-only/);
    await unchanged();
  });

  test('switching the triggers off is refused too (replica mode, DISABLE TRIGGER, DROP, replacing the function)', async () => {
    assert.match(
      await refused(`DELETE FROM audit_log WHERE id = ${id}`, 'SET LOCAL session_replication_role = replica'),
      /append-only/,
    );
    const { rows } = await app.db.raw<{ rows: { n: number }[] }>(
      "SELECT count(*)::int AS n FROM pg_event_trigger WHERE evtname = 'audit_log_guard'",
    );
    if (rows[0]!.n === 0) {
      process.stdout.write(
        '# NOTICE: no audit_log_guard event trigger (migrations not run as a superuser)\n',
      );
      return;
    }
    for (const sql of [
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
      'ALTER TABLE audit_log ENABLE REPLICA TRIGGER audit_log_no_update',
      'DROP TRIGGER audit_log_no_update ON audit_log',
      'DROP TRIGGER audit_log_no_truncate ON audit_log',
      'CREATE OR REPLACE TRIGGER audit_log_no_update BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()',
      `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN OLD; END $f$`,
      'DROP FUNCTION audit_log_append_only() CASCADE',
      'ALTER TABLE audit_log RENAME TO audit_log_lama',
      'DROP TABLE audit_log',
    ])
      assert.match(await refused(sql), /append-only: .* would remove or weaken its protection/, sql);
    // After all those attempts the triggers are whole and still refuse.
    assert.match(await refused(`DELETE FROM audit_log WHERE id = ${id}`), /append-only/);
    await unchanged();
  });

  test('other schema changes still work', async () => {
    await app.db.raw('CREATE TABLE zz_tmp (id int)');
    await app.db.raw('ALTER TABLE zz_tmp ADD COLUMN note text');
    await app.db.raw('DROP TABLE zz_tmp');
    await app.db.raw('CREATE INDEX zz_audit_ip_idx ON audit_log (ip)');
    await app.db.raw('DROP INDEX zz_audit_ip_idx');
  });

  test('no staff route can change the audit log: the router has no PUT, PATCH or DELETE, and writes only append', async () => {
    const routes = staffRoutes(app);
    assert.ok(routes.every((r) => r.method === 'GET' || r.method === 'POST'));
    assert.ok(
      !routes.some((r) => r.path.startsWith('/admin/audit') && r.method === 'POST'),
      'no POST on the audit pages',
    );
    const count = Number((await app.db('audit_log').count<{ n: number }[]>({ n: '*' }))[0]?.n);
    await writeAudit(app.db, { action: 'staff.test.append' });
    assert.equal(Number((await app.db('audit_log').count<{ n: number }[]>({ n: '*' }))[0]?.n), count + 1);
  });
});
