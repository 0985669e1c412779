/**
 * Issue 14 item 11: every Muat Turun form and the user manual is a real, tagged PDF made from its
 * source in files/sources/, served with a strong ETag; the manual is public (no login). Checked
 * as an assistive tool reads them: poppler's pdfinfo (tags, title, structure) and pdftotext.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { parseSource } from '../../src/muat-turun/documents/markdown.js';
import { createLogger } from '../../src/core/logger.js';
import { documentBuildCount, SOURCES_DIR, warmDocuments } from '../../src/muat-turun/documents/index.js';
import { renderDocument } from '../../src/muat-turun/documents/render.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/http.js';
import { fetchBytes, signIn } from './portal-helpers.js';
import { ARTIFACTS, poppler, saved } from './pdf-tools.js';

interface DownloadRow {
  slug: string;
  file_name: string;
  title_ms: string;
  category: string;
}

/** The headings of a source, in order: what the PDF must present as H1/H2/H3, in that order. */
function headingsOf(fileName: string): { level: string; text: string }[] {
  const base = fileName.replace(/\.pdf$/, '');
  const source = parseSource(readFileSync(path.join(SOURCES_DIR, `${base}.md`), 'utf8'), base);
  return source.blocks.flatMap((b) =>
    b.kind === 'h1' || b.kind === 'h2' || b.kind === 'h3'
      ? [{ level: b.kind.toUpperCase(), text: b.text.replace(/\[ \]/g, '\u2610') }]
      : [],
  );
}

describe('Muat Turun documents', () => {
  let app: TestApp;
  let me: TestClient;
  let rows: DownloadRow[];
  before(async () => {
    app = await startTestApp({ sender: false });
    me = await signIn(app, DEMO.activeEmployee.ic);
    rows = await app.db('downloads').orderBy('sort_order');
  });
  after(async () => {
    await app?.close();
  });

  // First: nothing of this process has built a document yet.
  test('the warm-up at start builds every document: a download after it builds nothing', async () => {
    const before = documentBuildCount();
    await warmDocuments(createLogger('silent'));
    assert.equal(documentBuildCount() - before, rows.length, 'each document built once');
    for (const r of rows) assert.equal((await fetchBytes(me, `/muat-turun/${r.slug}`)).status, 200, r.slug);
    assert.equal(documentBuildCount() - before, rows.length, 'the downloads built nothing');
  });

  test('reference data names a PDF for every download, none of the old .txt/.html', () => {
    assert.equal(rows.length, 4);
    for (const r of rows) assert.match(r.file_name, /\.pdf$/, r.slug);
  });

  test('each document: a tagged PDF with its title, language, headings in order and its text', async () => {
    for (const r of rows) {
      const res = await fetchBytes(me, `/muat-turun/${r.slug}`);
      assert.equal(res.status, 200, r.slug);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(Buffer.from(res.body.subarray(0, 5)).toString(), '%PDF-');
      const file = await saved(`muat-turun-${r.slug}.pdf`, res.body);

      const info = await poppler('pdfinfo', [file]);
      assert.match(info, /^Tagged:\s+yes$/m, r.slug);
      assert.match(info, new RegExp(`^Title:\\s+${r.title_ms.replace(/[()]/g, '\\$&')}$`, 'm'), r.slug);
      const raw = Buffer.from(res.body).toString('latin1');
      assert.match(raw, /\/Lang \(ms-MY\)/, r.slug);
      assert.match(raw, /\/DisplayDocTitle true/, r.slug);

      // The structure tree holds every heading of the source at its level, in the source's order.
      const structure = await poppler('pdfinfo', ['-struct-text', file]);
      let rest = structure;
      for (const h of headingsOf(r.file_name)) {
        const quoted = h.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const found = rest.search(new RegExp(`\\b${h.level} \\(block\\)\\s+"${quoted}"`));
        assert.ok(found >= 0, `${r.slug}: ${h.level} "${h.text}" in reading order`);
        rest = rest.slice(found + 1);
      }
      // The text comes out in the reading order too.
      const text = (await poppler('pdftotext', [file, '-'])).replace(/\s+/g, ' ');
      let pos = 0;
      for (const h of headingsOf(r.file_name)) {
        const found = text.indexOf(h.text, pos);
        assert.ok(found >= pos, `${r.slug}: "${h.text}" in the extracted text, in order`);
        pos = found;
      }
    }
    // A form: its fields and tick boxes are text; the manual: its steps, and its table read by row.
    const form = (
      await poppler('pdftotext', [
        await saved('form.pdf', (await fetchBytes(me, '/muat-turun/borang-tuntutan-perjalanan')).body),
        '-',
      ])
    ).replace(/\s+/g, ' ');
    assert.ok(form.includes('2. No. Kad Pengenalan: ______-____-______'), form.slice(0, 400));
    assert.ok(form.includes('\u2610 Kenderaan sendiri'));
    const manualFile = await saved(
      'manual.pdf',
      (await fetchBytes(me, '/muat-turun/manual-pengguna-portal-ispeks')).body,
    );
    const structure = await poppler('pdfinfo', ['-struct-text', manualFile]);
    // Pictures of a page of the manual and of a form, for a person to look at.
    await poppler('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      manualFile,
      path.join(ARTIFACTS, 'manual-page'),
    ]);
    await poppler('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      path.join(ARTIFACTS, 'form.pdf'),
      path.join(ARTIFACTS, 'form-page'),
    ]);
    assert.match(structure, /TR\s+TD\s+"ePayslip"\s+TD\s+"Slip gaji bulanan anda\."/);
    assert.match(
      structure,
      /LI \(block\)\s+Lbl \(block\)\s+"1\."\s+LBody \(block\)\s+"Di skrin Log Masuk, klik pautan Login Kali Pertama\."/,
    );
  });

  test('served with a strong ETag and an hour of private caching; a conditional GET gets 304', async () => {
    const url = new URL('/muat-turun/borang-tuntutan-perjalanan', app.baseUrl);
    const cookie = `ispeks.sid=${me.cookie('ispeks.sid')}`;
    const first = await fetch(url, { headers: { cookie } });
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[A-Za-z0-9_-]{20,}"$/, 'a strong ETag (no W/)');
    assert.equal(first.headers.get('cache-control'), 'private, max-age=3600');
    await first.arrayBuffer();
    // fetch() adds "Cache-Control: no-cache" to a conditional request unless told otherwise, and
    // no-cache asks for a full answer; a browser revalidating sends max-age=0.
    const conditional = { cookie, 'cache-control': 'max-age=0' };
    const again = await fetch(url, { headers: { ...conditional, 'if-none-match': etag! } });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const stale = await fetch(url, { headers: { ...conditional, 'if-none-match': '"old"' } });
    assert.equal(stale.status, 200);
    await stale.arrayBuffer();
  });

  test('the same source gives the same bytes (the ETag holds across workers and restarts)', async () => {
    const text = readFileSync(path.join(SOURCES_DIR, 'borang-kemaskini-maklumat-gaji.md'), 'utf8');
    const a = await renderDocument(parseSource(text, 'a'));
    const b = await renderDocument(parseSource(text, 'b'));
    assert.ok(a.equals(b));
    const served = await fetchBytes(me, '/muat-turun/borang-kemaskini-maklumat-gaji');
    assert.ok(a.equals(Buffer.from(served.body)));
  });

  test('the manual is public: a signed-out visitor gets the same PDF, cacheable by anyone', async () => {
    const anon = new TestClient(app.baseUrl);
    const res = await fetchBytes(anon, '/manual-pengguna');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=3600');
    assert.equal(res.headers.get('set-cookie'), null, 'no session is started for it');
    const signedIn = await fetchBytes(me, '/muat-turun/manual-pengguna-portal-ispeks');
    assert.ok(Buffer.from(res.body).equals(Buffer.from(signedIn.body)));
    // The forms stay behind the login.
    const form = await anon.get('/muat-turun/borang-tuntutan-perjalanan');
    assert.equal(form.status, 303);
    // The login page's Makluman says where the manual is, and links to it.
    const login = await anon.get('/');
    assert.ok(
      login.html.includes(
        'Manual Pengguna Modul Portal iSPEKS boleh didapati di MUAT TURUN &gt; iSPEKS &gt; Manual Sistem iSPEKS &gt; 8. Portal.',
      ),
    );
    assert.match(login.html, /<a href="\/manual-pengguna">Buka Manual Pengguna Portal iSPEKS \(PDF\)<\/a>/);
  });

  test('pdffonts: every font is embedded (DejaVu Sans), none of the standard 14', async () => {
    const file = await saved(
      'manual-fonts.pdf',
      (await fetchBytes(me, '/muat-turun/manual-pengguna-portal-ispeks')).body,
    );
    const stdout = await poppler('pdffonts', [file]);
    const fonts = stdout.split('\n').slice(2).filter(Boolean);
    assert.ok(fonts.length >= 2);
    for (const f of fonts) assert.match(f, /DejaVuSans.*\byes\s+yes\s+yes\b/, f);
  });
});
