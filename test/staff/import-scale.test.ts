import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Request } from 'express';
import { DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { ImportRefused, PayrollImportService } from '../../src/staff/import-service.js';
import { receiveFile } from '../../src/staff/multipart.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { visibleText } from '../helpers/http.js';
import { accountId, CSV_HEADER, departmentId, signedIn, uploadCsv } from './staff-helpers.js';

const EMPLOYEES = 5_000;
const CODES = ['GAJI', 'ITKA', 'BSH', 'ELPR', 'ETK', 'KWSP', 'PERKESO', 'PCB', 'ZAKAT', 'PINJPR'];
const AMOUNTS = [
  '3400.00',
  '300.00',
  '300.00',
  '250.00',
  '100.00',
  '380.00',
  '20.50',
  '95.00',
  '40.00',
  '500.00',
];
const ROWS = EMPLOYEES * CODES.length; // 50,000

function ic(i: number): string {
  return `99${String(i).padStart(10, '0')}`;
}

/** A month's file for employees 1..n, ten lines each. */
function monthCsv(year: number, month: number, n: number): string {
  const parts = [CSV_HEADER + '\n'];
  for (let i = 1; i <= n; i++)
    for (let c = 0; c < CODES.length; c++)
      parts.push(row(year, month, i, c, DEMO_STAFF.payroll.departmentCode));
  return parts.join('');
}

function row(year: number, month: number, i: number, c: number, dept: string): string {
  return `${year},${month},${year}-${String(month).padStart(2, '0')}-23,${ic(i)},,${dept},Pembantu Tadbir,N19,${CODES[c]},,${AMOUNTS[c]}\n`;
}

/** A 50,000-row import: streamed in batches, never loaded whole; committed in one transaction. */
describe('payroll import at scale', () => {
  let app: TestApp;
  let dept: string;
  let scope: { accountId: number; departmentIds: number[] };

  let spoolDir: string;

  before(async () => {
    // The upload's temporary copy goes to os.tmpdir(): a private one here, to prove it is removed.
    spoolDir = await mkdtemp(path.join(os.tmpdir(), 'import-scale-'));
    process.env.TMPDIR = spoolDir;
    app = await startTestApp();
    dept = DEMO_STAFF.payroll.departmentCode;
    const deptId = await departmentId(app.db, dept);
    await app.db.raw(
      `INSERT INTO employees (ic_no, payroll_no, name, email, department_id, position, grade, service_scheme,
                              bank_name, bank_account, kwsp_no, is_pensionable, start_date)
       SELECT '99' || lpad(i::text, 10, '0'), 'SK' || i, 'Pekerja Skala ' || i, NULL, ?, 'Pembantu Tadbir', 'N19',
              'Pentadbiran', 'Bank Islam', '1200' || lpad(i::text, 8, '0'), 'K' || i, false, '2015-01-01'
         FROM generate_series(1, ?) AS i`,
      [deptId, EMPLOYEES],
    );
    scope = { accountId: await accountId(app.db, DEMO_STAFF.payroll.ic), departmentIds: [deptId] };
  });
  after(async () => {
    await app?.close();
    await rm(spoolDir, { recursive: true, force: true });
  });

  test('50,000 rows are streamed: the file is read as the batches are staged, never ahead of them', async () => {
    const stagedRows = async () =>
      Number((await app.db('payroll_upload_rows').count<{ n: number }[]>({ n: '*' }))[0]!.n);
    const stagedBefore = await stagedRows();
    let produced = 0;
    let maxLag = 0;
    const seen = new Set<number>();
    const service = new PayrollImportService(app.db);
    // The file exists only as a generator: each chunk is made when the parser asks for it, and
    // every 1,000 rows it looks in the database at how many rows are staged so far.
    async function* file(): AsyncGenerator<string> {
      yield CSV_HEADER + '\n';
      for (let i = 1; i <= EMPLOYEES; i++)
        for (let c = 0; c < CODES.length; c++) {
          produced += 1;
          if (produced % 1000 === 0) {
            const staged = (await stagedRows()) - stagedBefore;
            seen.add(staged);
            maxLag = Math.max(maxLag, produced - staged);
          }
          yield row(2031, 1, i, c, dept);
        }
    }
    const started = Date.now();
    const result = await service.validate(
      scope,
      'besar.csv',
      Readable.from(file(), { objectMode: false }),
      () => false,
      {
        ip: null,
        userAgent: null,
      },
    );
    const checkedIn = Date.now() - started;
    // The staging table's statistics now describe this upload only, as autovacuum may leave them
    // on a busy server: the next upload (the tests below) is then estimated at one row. Before
    // the check ANALYZEd its own rows, that sent its queries into plans that walk the whole upload
    // once per row, and the 50,000-row form upload ran past 300 s in CI.
    await app.db.raw('ANALYZE payroll_upload_rows');
    assert.equal(result.rowCount, ROWS);
    assert.equal(result.errorCount, 0, 'all rows valid');
    assert.equal(result.valid, true);
    // Staged batch by batch while the file was read, not all at the end ...
    const during = [...seen].filter((n) => n > 0 && n < ROWS);
    assert.ok(during.length >= ROWS / 5_000, `staged counts seen while reading: ${[...seen].join(', ')}`);
    // ... and backpressure: the reader never ran more than a few batches (2,000 rows) ahead of the
    // rows committed to the staging table (the batch being filled, the one being checked and
    // written, the parser's buffers); a reader that ran ahead would be 50,000 rows ahead.
    assert.ok(maxLag <= 10_000, `the file was read ${maxLag} rows ahead of the staging`);

    const t0 = Date.now();
    const committed = await service.commit(
      scope,
      result.uploadId,
      { acceptWarnings: false, wholeMonth: null },
      { ip: null, userAgent: null },
    );
    assert.ok(committed?.ok, JSON.stringify(committed));
    assert.equal(committed.payslips, EMPLOYEES);
    assert.equal(committed.lines, ROWS);
    const n = await app
      .db('payslip_lines as l')
      .join('payslips as p', 'p.id', 'l.payslip_id')
      .where({ 'p.year': 2031, 'p.month': 1 })
      .count<{ n: number }[]>({ n: '*' });
    assert.equal(Number(n[0]?.n), ROWS);
    assert.equal(
      await app.db('payroll_upload_rows').where('upload_id', result.uploadId).first(),
      undefined,
      'staging emptied',
    );
    process.stdout.write(`# 50,000-row check ${checkedIn} ms, commit ${Date.now() - t0} ms\n`);
  });

  test('a 50,000-row file uploaded through the form is checked and committed', async () => {
    const officer = await signedIn(app, DEMO_STAFF.payroll.ic);
    const res = await uploadCsv(officer, monthCsv(2031, 2, EMPLOYEES), 'februari.csv');
    assert.equal(res.status, 303, visibleText(res.html).slice(0, 300));
    assert.deepEqual(await readdir(spoolDir), [], 'the temporary copy of the salaries is gone');
    const preview = await officer.follow(res);
    const text = visibleText(preview.html);
    assert.match(text, /Tiada ralat ditemui/);
    assert.match(text, new RegExp(`Baris data\\s+${ROWS}\\b`), 'row count shown');
    const id = /\/import\/(\d+)$/.exec(res.location ?? '')![1];
    const done = await officer.post(`/pentadbir/unit-gaji/import/${id}/sahkan`, {});
    assert.equal(done.status, 303);
    const count = await app.db('payslips').where({ year: 2031, month: 2 }).count<{ n: number }[]>({ n: '*' });
    assert.equal(Number(count[0]?.n), EMPLOYEES);
  });

  // The upload is received whole (spooled to a private temporary file) before the database work
  // starts, so a slow database cannot make the request itself outlast Node's request timeout.
  // Here the timeout is 1 s and the database is held up for 2.5 s: the officer still gets the preview.
  test('a slow database does not cut the upload off at the server request timeout', async () => {
    const strict = createServer({ requestTimeout: 1000, connectionsCheckingInterval: 100 }, app.expressApp);
    strict.listen(0, '127.0.0.1');
    await once(strict, 'listening');
    const strictUrl = `http://127.0.0.1:${(strict.address() as AddressInfo).port}`;
    const blocker = await app.db.transaction();
    try {
      const officer = await signedIn({ ...app, baseUrl: strictUrl }, DEMO_STAFF.payroll.ic);
      // The import's first query writes payroll_uploads: it waits here until the lock goes.
      await blocker.raw('LOCK TABLE payroll_uploads IN SHARE ROW EXCLUSIVE MODE');
      const release = setTimeout(() => void blocker.rollback(), 2500);
      const started = Date.now();
      const res = await uploadCsv(officer, monthCsv(2031, 3, EMPLOYEES), 'mac.csv');
      clearTimeout(release);
      assert.equal(res.status, 303, `status ${res.status}: ${visibleText(res.html).slice(0, 200)}`);
      assert.ok(Date.now() - started >= 2400, 'the upload really waited for the database');
      const preview = await officer.follow(res);
      assert.match(visibleText(preview.html), /Tiada ralat ditemui/);
    } finally {
      if (!blocker.isCompleted()) await blocker.rollback();
      strict.closeAllConnections();
      await new Promise<void>((resolve) => strict.close(() => resolve()));
    }
  });

  test('the multipart reader stops at the size limit while reading, and the import is refused', async () => {
    const boundary = 'XyZ123';
    const req = Object.assign(new PassThrough(), {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    }) as unknown as Request;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(CSV_HEADER + '\n' + row(2031, 3, 1, 0, dept).repeat(2000)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    let seen = 0;
    const service = new PayrollImportService(app.db);
    const pending = receiveFile(req, { field: 'file', maxBytes: 10_000 }, async (stream, name, truncated) => {
      stream.on('data', (c: Buffer) => (seen += c.length));
      return service.validate(scope, name, stream, truncated, { ip: null, userAgent: null });
    });
    (req as unknown as PassThrough).end(body);
    await assert.rejects(
      pending,
      (e: unknown) => e instanceof ImportRefused && e.key === 'staff.import.err.tooLarge',
    );
    assert.ok(seen <= 10_000, `read ${seen} bytes`);
    assert.deepEqual(await readdir(spoolDir), [], 'a refused file leaves no temporary copy');
  });
});
