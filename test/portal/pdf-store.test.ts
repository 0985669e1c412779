/**
 * Issue 15 item 3: a published payslip's PDF is drawn once, stored (payslip_pdfs) and served from
 * the store with a strong ETag; the background renderer stores a published month's PDFs; a
 * correction (Slip Gaji Pindaan) gets its own PDF and the one it replaces stays.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { createLogger } from '../../src/core/logger.js';
import { createPdf, finishPdf } from '../../src/core/pdf/layout.js';
import { PdfRenderer, pdfRenderCount } from '../../src/epayslip/pdf-store.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/http.js';
import { buildCsv, normalLines, signedIn, uploadCsv } from '../staff/staff-helpers.js';
import { employeeIdOf, fetchBytes, pdfText, publishCorrection, signIn } from './portal-helpers.js';

// pdfText hands its buffer to the parser's worker (it is detached after): give it a copy.

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pad = (m: number) => String(m).padStart(2, '0');

interface StoredRow {
  payslip_id: number;
  lang: string;
  sha256: string;
  byte_size: number;
  rendered_at: Date;
  bytes: Buffer;
}

describe('stored payslip PDFs', () => {
  let app: TestApp;
  let me: TestClient;
  let myId: number;
  /** My published payslips, oldest first, none with a stored PDF at the start. */
  let periods: { id: number; year: number; month: number }[];

  const stored = (payslipId: number): Promise<StoredRow[]> =>
    app.db<StoredRow>('payslip_pdfs').where('payslip_id', payslipId).select('*');

  async function get(path: string, headers: Record<string, string> = {}) {
    const cookie = `ispeks.sid=${me.cookie('ispeks.sid')}`;
    const res = await fetch(new URL(path, app.baseUrl), { headers: { cookie, ...headers } });
    return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
  }

  before(async () => {
    // The PDF parser's first use takes seconds: before any request, so that no kept-alive
    // connection of the client goes stale during it.
    const warm = createPdf({ title: 't', subject: 's' });
    await pdfText(await finishPdf(warm));
    app = await startTestApp({ sender: false });
    me = await signIn(app, DEMO.activeEmployee.ic);
    myId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    periods = await app
      .db('payslips')
      .where('employee_id', myId)
      .whereNotNull('published_at')
      .whereNull('superseded_by')
      .orderBy([{ column: 'year' }, { column: 'month' }])
      .select('id', 'year', 'month');
    assert.ok(periods.length >= 4, 'the demo employee has several published payslips');
    assert.equal(Number((await app.db('payslip_pdfs').count<{ n: number }[]>({ n: '*' }))[0]!.n), 0);
  });
  after(async () => {
    await app?.close();
  });

  test('the first download stores the PDF; the next one draws nothing and sends the stored bytes', async () => {
    const p = periods[0]!;
    const url = `/epayslip/${p.year}/${pad(p.month)}.pdf`;
    const before = pdfRenderCount();
    const first = await get(url);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'application/pdf');
    assert.equal(pdfRenderCount(), before + 1, 'drawn once');
    const [row, ...more] = await stored(p.id);
    assert.ok(row, 'stored');
    assert.equal(more.length, 0);
    assert.equal(row.lang, 'ms');
    assert.equal(row.sha256, sha(first.body));
    assert.equal(row.byte_size, first.body.length);
    assert.deepEqual(new Uint8Array(row.bytes), first.body);
    assert.equal(first.headers.get('etag'), `"${row.sha256}"`, 'a strong ETag: the stored hash');

    const second = await get(url);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
    assert.equal(pdfRenderCount(), before + 1, 'the second download drew nothing');
    const [again] = await stored(p.id);
    assert.equal(again!.rendered_at.getTime(), row.rendered_at.getTime(), 'the stored row is unchanged');
  });

  test('20 concurrent first downloads store one PDF and all get the same bytes', async () => {
    const p = periods[1]!;
    const url = `/epayslip/${p.year}/${pad(p.month)}.pdf`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(url)));
    for (const a of answers) assert.equal(a.status, 200);
    const rows = await stored(p.id);
    assert.equal(rows.length, 1, 'one stored PDF');
    for (const a of answers) assert.equal(sha(a.body), rows[0]!.sha256, 'every answer is the stored one');
  });

  test('drawing the same published payslip again gives the same bytes (no timestamp of the drawing)', async () => {
    const p = periods[1]!;
    const [first] = await stored(p.id);
    // Only the owner may remove a stored PDF; the next download draws it again, later.
    await app.database.owner('payslip_pdfs').where('payslip_id', p.id).delete();
    await new Promise((r) => setTimeout(r, 1_100));
    const before = pdfRenderCount();
    const again = await get(`/epayslip/${p.year}/${pad(p.month)}.pdf`);
    assert.equal(pdfRenderCount(), before + 1, 'drawn again');
    assert.equal(sha(again.body), first!.sha256, 'byte-identical');
    const text = await pdfText(again.body.slice());
    assert.match(text, /Diterbitkan oleh Portal iSPEKS pada/, 'dated by its publication');
  });

  test('If-None-Match with the stored hash answers 304; caching is private, immutable only on a versioned link', async () => {
    const p = periods[0]!;
    const url = `/epayslip/${p.year}/${pad(p.month)}.pdf`;
    const full = await get(url);
    const etag = full.headers.get('etag')!;
    assert.equal(full.headers.get('cache-control'), 'private, no-cache', 'the bare URL is revalidated');
    assert.match(full.headers.get('vary') ?? '', /Cookie/);
    assert.equal(full.headers.get('pragma'), null);

    const cached = await get(url, { 'if-none-match': etag });
    assert.equal(cached.status, 304);
    assert.equal(cached.body.length, 0);
    assert.equal(cached.headers.get('etag'), etag);
    const other = await get(url, { 'if-none-match': `"${'0'.repeat(64)}"` });
    assert.equal(other.status, 200, 'another hash gets the PDF');
    assert.equal(sha(other.body), etag.slice(1, -1));

    // The payslip page links to the versioned URL: one year, immutable.
    const page = await me.get(`/epayslip/${p.year}/${pad(p.month)}`);
    const href = /href="([^"]+\.pdf\?v=[^"]+)"/.exec(page.html)?.[1];
    assert.equal(href, `${url}?v=${p.id}-ms`);
    const versioned = await get(href!);
    assert.equal(versioned.status, 200);
    assert.equal(versioned.headers.get('cache-control'), 'private, max-age=31536000, immutable');
    assert.equal(versioned.headers.get('etag'), etag);
    // A stale version (say, of a payslip since corrected) is not cached as immutable.
    const stale = await get(`${url}?v=${p.id}-en`);
    assert.equal(stale.headers.get('cache-control'), 'private, no-cache');
  });

  test('in English the PDF is stored apart, in English', async () => {
    const p = periods[2]!;
    const res = await get(`/epayslip/${p.year}/${pad(p.month)}.pdf`, {
      cookie: `ispeks.sid=${me.cookie('ispeks.sid')}; ispeks.lang=en`,
    });
    assert.equal(res.status, 200);
    assert.match(await pdfText(res.body.slice()), /Published by Portal iSPEKS on/);
    const rows = await stored(p.id);
    assert.deepEqual(
      rows.map((r) => [r.lang, r.sha256]),
      [['en', sha(res.body)]],
    );
  });

  test('another employee gets 404 for a month only I have, whatever version or hash they send', async () => {
    const mine = await app.db('payslips').where('id', periods[0]!.id).first();
    const [secret] = await app
      .db('payslips')
      .insert({ ...mine, id: undefined, year: 2019, month: 1, created_at: undefined })
      .returning<{ id: number }[]>('id');
    await app.db('payslip_lines').insert({
      payslip_id: secret!.id,
      kind: 'earning',
      code: 'GAJI',
      description: 'Gaji Pokok',
      amount_sen: 123456,
    });
    const mineNow = await get('/epayslip/2019/01.pdf');
    assert.equal(mineNow.status, 200);
    const [row] = await stored(secret!.id);

    const other = await signIn(app, DEMO.secondActiveEmployee.ic);
    const theirs = await fetch(new URL(`/epayslip/2019/01.pdf?v=${secret!.id}-ms`, app.baseUrl), {
      headers: { cookie: `ispeks.sid=${other.cookie('ispeks.sid')}`, 'if-none-match': `"${row!.sha256}"` },
    });
    assert.equal(theirs.status, 404);
    assert.notEqual(theirs.headers.get('content-type'), 'application/pdf');
    assert.ok(!(theirs.headers.get('etag') ?? '').includes(row!.sha256), 'not my PDF’s ETag');
  });

  test('the app role can add a stored PDF but never change or remove one', async () => {
    const id = periods[0]!.id;
    await assert.rejects(
      app
        .db('payslip_pdfs')
        .where('payslip_id', id)
        .update({ bytes: Buffer.from('%PDF-forged') }),
      /permission denied/,
    );
    await assert.rejects(app.db('payslip_pdfs').where('payslip_id', id).delete(), /permission denied/);
    await assert.rejects(app.db.raw('TRUNCATE payslip_pdfs'), /permission denied/);
    assert.equal((await stored(id)).length, 1);
  });

  test('a correction (Slip Gaji Pindaan) gets its own PDF; the replaced one stays as it was', async () => {
    const p = periods[0]!;
    const url = `/epayslip/${p.year}/${pad(p.month)}.pdf`;
    const [old] = await stored(p.id);
    const fixId = await publishCorrection(app.db, p.id, 1000);

    const res = await get(url, { 'if-none-match': `"${old!.sha256}"` });
    assert.equal(res.status, 200, 'the browser’s copy of the replaced payslip is not current any more');
    assert.match(await pdfText(res.body.slice()), /Pindaan/);
    const [fixed] = await stored(fixId);
    assert.equal(fixed!.sha256, sha(res.body));
    assert.notEqual(fixed!.sha256, old!.sha256);
    const [kept] = await stored(p.id);
    assert.equal(kept!.sha256, old!.sha256, 'the replaced payslip’s PDF stays');
    assert.deepEqual(kept!.bytes, old!.bytes);
  });

  test('publishing a month: the background renderer stores its PDFs before anyone downloads', async () => {
    const officer = await signedIn(app, DEMO_STAFF.payroll.ic);
    const others = await app
      .db('employees as e')
      .join('departments as d', 'd.id', 'e.department_id')
      .where('d.code', DEMO_STAFF.payroll.departmentCode)
      .whereNot('e.ic_no', DEMO.activeEmployee.ic)
      .orderBy('e.id')
      .limit(2)
      .select<{ ic_no: string; name: string }[]>('e.ic_no', 'e.name');
    const people = [{ ic_no: DEMO.activeEmployee.ic, name: DEMO.activeEmployee.name }, ...others];
    await app
      .db('employees')
      .whereIn(
        'ic_no',
        people.map((p) => p.ic_no),
      )
      .update({ position: 'Penolong Akauntan', grade: 'W29', is_pensionable: false, kwsp_no: '12345678' });
    const csv = buildCsv(
      2030,
      1,
      people.map((p) => ({
        ic: p.ic_no,
        name: p.name,
        departmentCode: DEMO_STAFF.payroll.departmentCode,
        lines: normalLines(),
      })),
    );
    const upload = await uploadCsv(officer, csv);
    assert.equal(upload.status, 303);
    const uploadId = Number(/\/import\/(\d+)$/.exec(upload.location ?? '')?.[1]);
    await officer.get(`/pentadbir/unit-gaji/import/${uploadId}`);
    const committed = await officer.post(`/pentadbir/unit-gaji/import/${uploadId}/sahkan`, {
      terimaAmaran: '1',
    });
    assert.equal(committed.status, 303);

    // A long poll: what stores the month's PDFs is the wake-up after the publication.
    const renderer = new PdfRenderer({ db: app.db, logger: createLogger('silent'), pollMs: 600_000 });
    renderer.start();
    try {
      await new Promise((r) => setTimeout(r, 500)); // its first pass (the last week's payslips)
      const ids = (await app.db('payslips').where({ year: 2030, month: 1 }).pluck('id')) as number[];
      assert.equal(ids.length, 3);
      assert.equal(
        Number(
          (await app.db('payslip_pdfs').whereIn('payslip_id', ids).count<{ n: number }[]>({ n: '*' }))[0]!.n,
        ),
        0,
        'unpublished: not drawn',
      );

      await officer.get('/pentadbir/unit-gaji/import');
      const published = await officer.post('/pentadbir/unit-gaji/bulan/2030/1/terbit', {});
      assert.equal(published.status, 303);
      let count = 0;
      for (let i = 0; i < 100 && count < 3; i++) {
        await new Promise((r) => setTimeout(r, 100));
        count = Number(
          (await app.db('payslip_pdfs').whereIn('payslip_id', ids).count<{ n: number }[]>({ n: '*' }))[0]!.n,
        );
      }
      assert.equal(count, 3, 'every published payslip of the month is stored');
    } finally {
      await renderer.stop();
    }
    const before = pdfRenderCount();
    const res = await fetchBytes(me, '/epayslip/2030/01.pdf');
    assert.equal(res.status, 200);
    assert.equal(pdfRenderCount(), before, 'the download drew nothing');
  });
});
