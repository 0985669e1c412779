import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Knex } from 'knex';
import { DEMO, DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { visibleText } from '../helpers/http.js';
import type { TestClient } from '../helpers/http.js';
import { buildCsv, signedIn, slipFor, uploadCsv } from './staff-helpers.js';

/**
 * Every statement is bounded (10 s on the server, 15 s on the client: src/core/db.ts), but the
 * payroll import's statements over a whole upload or month may rightly run longer (200,000 rows on
 * a loaded server). Here the ordinary bound is cut to 400 ms and each step of the import is held up
 * for 1.5 s behind a table lock: the import must still go through, where an ordinary statement
 * would be cancelled.
 */
const STATEMENT_MS = 400;
const HOLD_MS = 1_500;

describe('payroll import under the database timeouts', () => {
  let app: TestApp;
  let officer: TestClient;

  before(async () => {
    // Read by createDb when the test database's pool is built (this file runs in its own process).
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = String(STATEMENT_MS);
    process.env.DATABASE_QUERY_TIMEOUT_MS = String(STATEMENT_MS * 2);
    app = await startTestApp();
    officer = await signedIn(app, DEMO_STAFF.payroll.ic);
  });
  after(async () => {
    await app?.close();
  });

  /** Holds `lock` on a table for HOLD_MS from another connection while `work` runs. */
  async function heldUp<T>(lock: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const blocker: Knex.Transaction = await app.db.transaction();
    await blocker.raw(`SET LOCAL statement_timeout = 0`);
    await blocker.raw(lock);
    const release = setTimeout(() => void blocker.commit(), HOLD_MS);
    const started = Date.now();
    try {
      const value = await work();
      return { value, ms: Date.now() - started };
    } finally {
      clearTimeout(release);
      if (!blocker.isCompleted()) await blocker.rollback();
    }
  }

  test('the ordinary bound is in force here: a statement longer than it is cancelled', async () => {
    await assert.rejects(app.db.raw('SELECT pg_sleep(1)'), (err: { code?: string }) => err.code === '57014');
  });

  test('checking, committing and publishing a month each wait out a 1.5 s hold-up', async () => {
    // The payslip agrees with the payroll record (issue 12); its basic pay is a warning to accept.
    const csv = buildCsv(2032, 5, [await slipFor(app.db, DEMO.activeEmployee.ic)]);
    // The cross-row checks write payroll_upload_errors.
    const checked = await heldUp('LOCK TABLE payroll_upload_errors IN SHARE MODE', () =>
      uploadCsv(officer, csv),
    );
    assert.equal(checked.value.status, 303, visibleText(checked.value.html).slice(0, 300));
    assert.ok(checked.ms >= HOLD_MS - 100, `the check really waited (${checked.ms} ms)`);
    const preview = await officer.follow(checked.value);
    assert.match(visibleText(preview.html), /Tiada ralat ditemui/);
    const uploadId = /\/import\/(\d+)$/.exec(checked.value.location ?? '')![1];

    // The commit copies into payslip_lines.
    const committed = await heldUp('LOCK TABLE payslip_lines IN SHARE MODE', () =>
      officer.post(`/pentadbir/unit-gaji/import/${uploadId}/sahkan`, { terimaAmaran: '1' }),
    );
    assert.equal(committed.value.status, 303, visibleText(committed.value.html).slice(0, 300));
    assert.ok(committed.ms >= HOLD_MS - 100, `the commit really waited (${committed.ms} ms)`);
    const slip = await app
      .db('payslips')
      .where({ year: 2032, month: 5 })
      .first<{ id: number } | undefined>('id');
    assert.ok(slip, 'the payslip is there');

    // Publishing updates payslips.
    await officer.get('/pentadbir/unit-gaji/import');
    const published = await heldUp('LOCK TABLE payslips IN SHARE MODE', () =>
      officer.post('/pentadbir/unit-gaji/bulan/2032/5/terbit', {}),
    );
    assert.equal(published.value.status, 303, visibleText(published.value.html).slice(0, 300));
    assert.ok(published.ms >= HOLD_MS - 100, `the publication really waited (${published.ms} ms)`);
    const row = await app
      .db('payslips')
      .where({ year: 2032, month: 5 })
      .first<{ published_at: Date | null }>('published_at');
    assert.ok(row.published_at instanceof Date, 'published');
  });
});
