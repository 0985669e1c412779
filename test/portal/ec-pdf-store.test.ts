/**
 * Borang EC PDFs drawn once per set of inputs and stored (ec_pdfs), served from the store with a
 * strong ETag; a change of the figures (a correction) draws a new PDF and never serves the old.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { createPdf, finishPdf } from '../../src/core/pdf/layout.js';
import { findStoredEcPdf } from '../../src/eec/pdf-queries.js';
import { ecPdfRenderCount } from '../../src/eec/pdf-store.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/http.js';
import { employeeIdOf, pdfText, publishCorrection, rm, signIn } from './portal-helpers.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface StoredRow {
  employee_id: number;
  year: number;
  lang: string;
  input_sha256: string;
  sha256: string;
  byte_size: number;
  rendered_at: Date;
  bytes: Buffer;
}

describe('stored Borang EC PDFs', () => {
  let app: TestApp;
  let me: TestClient;
  let myId: number;
  /** Years with my published payslips, oldest first. */
  let years: number[];

  const stored = (year: number, employeeId = myId): Promise<StoredRow[]> =>
    app.db<StoredRow>('ec_pdfs').where({ employee_id: employeeId, year }).orderBy('rendered_at').select('*');

  async function get(client: TestClient, path: string, headers: Record<string, string> = {}) {
    const cookie = `ispeks.sid=${client.cookie('ispeks.sid')}`;
    const res = await fetch(new URL(path, app.baseUrl), { headers: { cookie, ...headers } });
    return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
  }

  /** The year's basic salary (code GAJI) over my current published payslips, summed in SQL. */
  async function basicSalary(year: number): Promise<number> {
    const r = await app.db.raw<{ rows: { s: string }[] }>(
      `SELECT sum(l.amount_sen) AS s FROM payslips p JOIN payslip_lines l ON l.payslip_id = p.id
        WHERE p.employee_id = ? AND p.year = ? AND l.code = 'GAJI'
          AND p.published_at <= now() AND p.superseded_by IS NULL`,
      [myId, year],
    );
    return Number(r.rows[0]!.s);
  }

  before(async () => {
    // The PDF parser's first use takes seconds: before any request (see pdf-store.test.ts).
    await pdfText(await finishPdf(createPdf({ title: 't', subject: 's' })));
    app = await startTestApp({ sender: false });
    me = await signIn(app, DEMO.activeEmployee.ic);
    myId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    years = (await app
      .db('payslips')
      .where('employee_id', myId)
      .whereNotNull('published_at')
      .distinct('year')
      .orderBy('year')
      .pluck('year')) as number[];
    assert.ok(years.length >= 2, 'the demo employee has payslips in several years');
    assert.equal(Number((await app.db('ec_pdfs').count<{ n: number }[]>({ n: '*' }))[0]!.n), 0);
  });
  after(async () => {
    await app?.close();
  });

  test('the first download stores the PDF; the next one draws nothing and sends the stored bytes', async () => {
    const year = years[0]!;
    const before = ecPdfRenderCount();
    const first = await get(me, `/eec/${year}.pdf`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'application/pdf');
    assert.equal(ecPdfRenderCount(), before + 1, 'drawn once');
    const [row, ...more] = await stored(year);
    assert.ok(row, 'stored');
    assert.equal(more.length, 0);
    assert.equal(row.lang, 'ms');
    assert.equal(row.sha256, sha(first.body));
    assert.equal(row.byte_size, first.body.length);
    assert.deepEqual(new Uint8Array(row.bytes), first.body);
    assert.equal(first.headers.get('etag'), `"${row.sha256}"`, 'a strong ETag: the stored hash');

    const second = await get(me, `/eec/${year}.pdf`);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body, 'byte-identical');
    assert.equal(ecPdfRenderCount(), before + 1, 'the second download drew nothing');
    assert.equal((await stored(year)).length, 1);
  });

  test('If-None-Match with the stored hash answers 304; caching is private, immutable only on the form’s versioned link', async () => {
    const year = years[0]!;
    const url = `/eec/${year}.pdf`;
    const full = await get(me, url);
    const etag = full.headers.get('etag')!;
    assert.equal(full.headers.get('cache-control'), 'private, no-cache', 'the bare URL is revalidated');
    assert.match(full.headers.get('vary') ?? '', /Cookie/);

    const before = ecPdfRenderCount();
    const cached = await get(me, url, { 'if-none-match': etag });
    assert.equal(cached.status, 304);
    assert.equal(cached.body.length, 0);
    assert.equal(cached.headers.get('etag'), etag);
    assert.equal(ecPdfRenderCount(), before);
    const other = await get(me, url, { 'if-none-match': `"${'0'.repeat(64)}"` });
    assert.equal(other.status, 200, 'another hash gets the PDF');
    assert.equal(sha(other.body), etag.slice(1, -1));

    const page = await me.get(`/eec/${year}`);
    const href = /href="(\/eec\/\d+\.pdf\?v=[0-9a-f]{16})"/.exec(page.html)?.[1];
    assert.ok(href, 'the form links to a versioned URL');
    const versioned = await get(me, href);
    assert.equal(versioned.status, 200);
    assert.equal(versioned.headers.get('cache-control'), 'private, max-age=31536000, immutable');
    assert.equal(versioned.headers.get('etag'), etag);
    const stale = await get(me, `${url}?v=${'0'.repeat(16)}`);
    assert.equal(stale.headers.get('cache-control'), 'private, no-cache', 'another version is not immutable');
  });

  test('12 concurrent first downloads store one PDF and all get the same bytes', async () => {
    const year = years[1]!;
    const before = ecPdfRenderCount();
    const answers = await Promise.all(Array.from({ length: 12 }, () => get(me, `/eec/${year}.pdf`)));
    for (const a of answers) assert.equal(a.status, 200);
    const rows = await stored(year);
    assert.equal(rows.length, 1, 'one stored PDF');
    for (const a of answers) {
      assert.equal(sha(a.body), rows[0]!.sha256, 'every answer is the stored one');
      assert.equal(a.headers.get('etag'), `"${rows[0]!.sha256}"`);
    }
    assert.ok(ecPdfRenderCount() - before <= 12);
  });

  test('in English the PDF is stored apart, in English', async () => {
    const year = years[0]!;
    const res = await get(me, `/eec/${year}.pdf`, {
      cookie: `ispeks.sid=${me.cookie('ispeks.sid')}; ispeks.lang=en`,
    });
    assert.equal(res.status, 200);
    assert.match(await pdfText(res.body.slice()), /Generated by Portal iSPEKS/);
    const rows = await stored(year);
    assert.deepEqual(rows.map((r) => r.lang).sort(), ['en', 'ms']);
    assert.equal(rows.find((r) => r.lang === 'en')!.sha256, sha(res.body));
  });

  test('the app role can add a stored EC PDF but never change or remove one', async () => {
    const year = years[0]!;
    const where = { employee_id: myId, year };
    await assert.rejects(
      app
        .db('ec_pdfs')
        .where(where)
        .update({ bytes: Buffer.from('%PDF-forged') }),
      /permission denied/,
    );
    await assert.rejects(app.db('ec_pdfs').where(where).delete(), /permission denied/);
    await assert.rejects(app.db.raw('TRUNCATE ec_pdfs'), /permission denied/);
    assert.equal((await stored(year)).length, 2);
  });

  test('a correction in the year changes the figures: the next download draws a PDF with the new figures, never the old one', async () => {
    const year = years[0]!;
    const [old] = (await stored(year)).filter((r) => r.lang === 'ms');
    const oldText = await pdfText(new Uint8Array(old!.bytes));
    const oldBasic = await basicSalary(year);
    assert.ok(oldText.includes(rm(oldBasic)), 'the stored PDF shows the year’s basic salary');

    // A Slip Gaji Pindaan of the year's first month, RM 10.00 more basic salary (as the import
    // and the publication do it, src/staff/import-month-queries.ts).
    const first = await app
      .db('payslips')
      .where({ employee_id: myId, year })
      .whereNotNull('published_at')
      .whereNull('superseded_by')
      .orderBy('month')
      .first();
    await publishCorrection(app.db, first.id, 1000, 'GAJI');
    const newBasic = await basicSalary(year);
    assert.equal(newBasic, oldBasic + 1000);

    const before = ecPdfRenderCount();
    const res = await get(me, `/eec/${year}.pdf`, { 'if-none-match': `"${old!.sha256}"` });
    assert.equal(res.status, 200, 'the browser’s copy of the old figures is not current any more');
    assert.equal(ecPdfRenderCount(), before + 1, 'drawn anew');
    const text = await pdfText(res.body.slice());
    assert.ok(text.includes(rm(newBasic)), `the new PDF shows ${rm(newBasic)}`);
    assert.ok(!text.includes(rm(oldBasic)), 'and not the old figure');
    assert.notEqual(sha(res.body), old!.sha256);
    const rows = (await stored(year)).filter((r) => r.lang === 'ms');
    assert.equal(rows.length, 2, 'the new inputs are stored beside the old');
    assert.equal(rows[1]!.sha256, sha(res.body));
    assert.deepEqual(rows[0]!.bytes, old!.bytes, 'the old row stays as it was');
    const again = await get(me, `/eec/${year}.pdf`);
    assert.equal(sha(again.body), sha(res.body), 'and the new one is what is served from now on');
  });

  test('another employee never gets my stored EC: their own is drawn, and the repository filters by employee', async () => {
    const year = years[0]!;
    const [mine] = (await stored(year)).filter((r) => r.lang === 'ms').slice(-1);
    const otherId = await employeeIdOf(app.db, DEMO.secondActiveEmployee.ic);
    const other = await signIn(app, DEMO.secondActiveEmployee.ic);
    const theirs = await get(other, `/eec/${year}.pdf`, { 'if-none-match': `"${mine!.sha256}"` });
    if (theirs.status === 200) {
      assert.notEqual(sha(theirs.body), mine!.sha256);
      assert.ok(!(await pdfText(theirs.body.slice())).includes(DEMO.activeEmployee.name));
      const [row] = await stored(year, otherId);
      assert.equal(row!.sha256, sha(theirs.body), 'their own stored PDF');
    } else assert.equal(theirs.status, 404, 'no EC of that year for them');
    assert.notEqual(theirs.headers.get('etag'), `"${mine!.sha256}"`);
    // My inputs' key asked for under their employee finds nothing.
    const key = { year, lang: 'ms' as const, inputSha256: mine!.input_sha256 };
    // (Hashes compared, not rows: a failing assertion would diff the whole PDF.)
    const under = async (employeeId: number) =>
      (await findStoredEcPdf(app.db, { ...key, employeeId }, ''))?.sha256;
    assert.equal(await under(myId), mine!.sha256, 'found under mine');
    assert.equal(await under(otherId), undefined, 'not under theirs');
  });
});
