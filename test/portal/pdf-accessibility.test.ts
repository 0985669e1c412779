/**
 * Issue 14 item 9: payslip and Borang EC PDFs are tagged (structure tree in reading order, the
 * document language, a title shown in the viewer's title bar) and print names outside Latin-1 in
 * an embedded Unicode font. Checked as an assistive tool would read them: poppler's pdfinfo (tags,
 * structure text) and pdftotext (text extraction).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { employeeIdOf, fetchBytes, publishedTotals, signIn } from './portal-helpers.js';

const run = promisify(execFile);
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
const NAME = 'Zoë Ñúñez binti Łukasz Ağaoğlu';

async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install poppler-utils)`, {
        cause: err,
      });
    throw err;
  }
}

async function saved(name: string, body: Uint8Array): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  writeFileSync(file, body);
  return file;
}

describe('tagged, Unicode PDFs', () => {
  let app: TestApp;
  let period: { year: number; month: number };
  before(async () => {
    app = await startTestApp({ sender: false });
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    await app.db('employees').where('id', employeeId).update({ name: NAME });
    period = (await publishedTotals(app.db, employeeId)).slice(-1)[0]!;
  });
  after(async () => {
    await app?.close();
  });

  test('the payslip PDF: tagged, language, title bar, reading order by column, the name in Unicode', async () => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    const mm = String(period.month).padStart(2, '0');
    const res = await fetchBytes(client, `/epayslip/${period.year}/${mm}.pdf`);
    assert.equal(res.status, 200);
    const file = await saved('payslip-tagged.pdf', res.body);

    const info = await poppler('pdfinfo', [file]);
    assert.match(info, /^Tagged:\s+yes$/m);
    assert.match(info, /^Title:\s+Slip Gaji .+ \d{4}$/m);
    const raw = Buffer.from(res.body).toString('latin1');
    assert.match(raw, /\/Lang \(ms-MY\)/);
    assert.match(raw, /\/DisplayDocTitle true/);
    assert.match(raw, /pdfuaid:part/, 'PDF/UA identification in the XMP metadata');
    assert.doesNotMatch(
      raw,
      /\/BaseFont \/Helvetica/,
      'no standard 14 font: every glyph comes from the embedded font',
    );

    // The structure tree, in the order a screen reader follows it.
    const structure = await poppler('pdfinfo', ['-struct-text', file]);
    assert.match(structure, /^Document/m);
    assert.match(structure, /H1/);
    assert.match(structure, /TH\s+"Nama"\s+TD\s+"Zoë Ñúñez binti Łukasz Ağaoğlu"/);
    const earnings = structure.indexOf('"Pendapatan"');
    const totalEarnings = structure.indexOf('"Jumlah Pendapatan"');
    const deductions = structure.indexOf('"Potongan"');
    const totalDeductions = structure.indexOf('"Jumlah Potongan"');
    assert.ok(earnings > 0 && deductions > 0, 'both columns are in the structure tree');
    // Each column is read whole, heading to total, before the column beside it.
    assert.ok(earnings < totalEarnings && totalEarnings < deductions && deductions < totalDeductions);
    // Every amount row is a table row of label and amount, so "Gaji Pokok" is read with its own amount.
    assert.match(structure, /TR\s+TD\s+"Gaji Pokok"\s+TD\s+"RM [\d,]+\.\d\d"/);

    const text = (await poppler('pdftotext', [file, '-'])).replace(/\s+/g, ' ');
    assert.ok(text.includes(NAME), 'the name comes out of text extraction whole (it may wrap)');
  });

  test('the Borang EC PDF: tagged, with its language and title, and the name in Unicode', async () => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    await client.get('/bahasa?lang=en&next=/eec');
    const res = await fetchBytes(client, `/eec/${period.year}.pdf`);
    assert.equal(res.status, 200);
    const file = await saved('ec-tagged-en.pdf', res.body);
    const info = await poppler('pdfinfo', [file]);
    assert.match(info, /^Tagged:\s+yes$/m);
    assert.match(info, new RegExp(`^Title:\\s+.*${period.year}$`, 'm'));
    assert.match(Buffer.from(res.body).toString('latin1'), /\/Lang \(en-MY\)/);
    const structure = await poppler('pdfinfo', ['-struct-text', file]);
    assert.match(structure, /H1/);
    assert.match(structure, /H2/);
    assert.ok(structure.includes(NAME));
    // A picture of the first page, for a person to look at.
    await poppler('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      path.join(ARTIFACTS, 'ec-tagged-page'),
    ]);
  });
  test('a name with Chinese characters and é prints and extracts whole in the payslip and the Borang EC', async () => {
    const CHINESE = 'René Tan 陈伟明';
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    await app.db('employees').where('id', employeeId).update({ name: CHINESE });
    // A published payslip's PDF is drawn once and stored (issue 15): this one must be drawn with the
    // new name, as if the name had been right at publication. Removing stored PDFs takes the owner
    // role (the app role may only add them).
    await app.database
      .owner('payslip_pdfs')
      .where('payslip_id', 'in', app.db('payslips').select('id').where('employee_id', employeeId))
      .delete();
    try {
      const client = await signIn(app, DEMO.activeEmployee.ic);
      const mm = String(period.month).padStart(2, '0');
      for (const [name, url] of [
        ['payslip-chinese.pdf', `/epayslip/${period.year}/${mm}.pdf`],
        ['ec-chinese.pdf', `/eec/${period.year}.pdf`],
      ] as const) {
        const res = await fetchBytes(client, url);
        assert.equal(res.status, 200, url);
        const file = await saved(name, res.body);
        const text = (await poppler('pdftotext', [file, '-'])).replace(/\s+/g, ' ');
        assert.ok(text.includes(CHINESE), `${url}: the name extracts whole`);
        const structure = await poppler('pdfinfo', ['-struct-text', file]);
        assert.ok(structure.includes(`"${CHINESE}"`), `${url}: the name is one cell of the structure tree`);
        // The Chinese run is drawn in the embedded CJK font, the rest in DejaVu Sans.
        const fonts = await poppler('pdffonts', [file]);
        assert.match(fonts, /NotoSansHans-Bold\s+CID Type 0C\s+Identity-H\s+yes yes yes/, url);
        assert.match(fonts, /DejaVuSans-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/, url);
      }
      await poppler('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        path.join(ARTIFACTS, 'payslip-chinese.pdf'),
        path.join(ARTIFACTS, 'payslip-chinese-page'),
      ]);
    } finally {
      await app.db('employees').where('id', employeeId).update({ name: NAME });
    }
  });
});
