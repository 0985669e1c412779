import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { EC_CODE_LINES, EC_SECTIONS } from '../../src/eec/ec-sections.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { visibleText } from '../helpers/http.js';
import { employeeIdOf, fetchBytes, pdfText, signIn } from './portal-helpers.js';

const MONTHS_MS = [
  'Januari',
  'Februari',
  'Mac',
  'April',
  'Mei',
  'Jun',
  'Julai',
  'Ogos',
  'September',
  'Oktober',
  'November',
  'Disember',
];

describe('Borang EC against the database: the code catalogue, interim, final and partial years', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app?.close();
  });

  test('every code of the payslip code catalogue is in the EC table, on a section of its kind', async () => {
    const codes = await app.db('payslip_codes').select<{ code: string; kind: string }[]>('code', 'kind');
    assert.ok(codes.length >= 20);
    for (const c of codes) {
      assert.ok(Object.hasOwn(EC_CODE_LINES, c.code), `payslip code ${c.code} is not in EC_CODE_LINES`);
      const line = EC_CODE_LINES[c.code];
      if (line) assert.equal(EC_SECTIONS.find((s) => s.id === line[0])!.kind, c.kind, c.code);
    }
    // Every code used on any payslip line is in the catalogue (a foreign key), hence mapped.
    const used = await app.db('payslip_lines').distinct('code').pluck('code');
    for (const code of used) assert.ok(Object.hasOwn(EC_CODE_LINES, code), code);
  });

  test('on 1 December 2026 (November published, December not) EC 2026 is interim; after December is published it is final with an issue date', async () => {
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    // The demo seed's state on 1 December 2026, made whatever the day the test runs: the latest year
    // with published payslips, its December imported but not published.
    const year = Number(
      (
        await app
          .db('payslips')
          .where({ employee_id: employeeId })
          .whereNotNull('published_at')
          .max('year as y')
      )[0]!.y,
    );
    let december = await app.db('payslips').where({ employee_id: employeeId, year, month: 12 }).first('id');
    if (!december) {
      const last = await app
        .db('payslips')
        .where({ employee_id: employeeId, year })
        .orderBy('month', 'desc')
        .first('id');
      const [row] = await app.db
        .raw<{ rows: { id: number }[] }>(
          `INSERT INTO payslips (employee_id, year, month, department_id, position, grade, pay_date)
         SELECT employee_id, year, 12, department_id, position, grade, make_date(year, 12, 24) FROM payslips WHERE id = ?
         RETURNING id`,
          [last.id],
        )
        .then((r) => r.rows);
      await app.db.raw(
        `INSERT INTO payslip_lines (payslip_id, kind, code, description, amount_sen, sort_order)
         SELECT ?, kind, code, description, amount_sen, sort_order FROM payslip_lines WHERE payslip_id = ?`,
        [row!.id, last.id],
      );
      december = row;
    }
    await app.db('payslips').where({ id: december!.id }).update({ published_at: null });

    const client = await signIn(app, DEMO.activeEmployee.ic);
    const list = visibleText((await client.get('/eec')).html);
    assert.ok(list.includes(`Penyata Interim ${year}`), 'the list names the year an interim statement');
    assert.ok(!list.includes(`EC ${year} `) && !new RegExp(`\\bEC ${year}\\b`).test(list));
    const interim = await client.get(`/eec/${year}`);
    assert.equal(interim.status, 200);
    const interimText = visibleText(interim.html);
    assert.ok(interimText.includes('PENYATA INTERIM (BUKAN BORANG EC)'));
    assert.ok(interimText.includes(`Penyata interim, bukan Borang EC`));
    assert.ok(interimText.includes('Belum dikeluarkan (penyata interim)'));
    assert.ok(!interimText.includes(`EC/${year}/`), 'no serial number on an interim statement');
    const interimPdf = await fetchBytes(client, `/eec/${year}.pdf`);
    assert.equal(
      interimPdf.headers.get('content-disposition'),
      `attachment; filename="penyata-interim-${year}.pdf"`,
    );
    const interimPdfText = await pdfText(interimPdf.body);
    assert.ok(interimPdfText.includes('PENYATA INTERIM (BUKAN BORANG EC)'), 'the PDF says interim');
    assert.ok(interimPdfText.includes('bukan Borang EC'));

    // December is published: the EC exists, issued that day.
    await app.db('payslips').where({ id: december!.id }).update({ published_at: app.db.fn.now() });
    const today = (
      await app.db.raw<{ rows: { d: string }[] }>(
        `SELECT to_char(now() AT TIME ZONE 'Asia/Kuala_Lumpur', 'DD/MM/YYYY') AS d`,
      )
    ).rows[0]!.d;
    const listAfter = visibleText((await client.get('/eec')).html);
    assert.ok(listAfter.includes(`EC ${year}`) && !listAfter.includes(`Penyata Interim ${year}`));
    assert.ok(listAfter.includes(`Borang EC, dikeluarkan pada ${today}`), listAfter);
    const final = visibleText((await client.get(`/eec/${year}`)).html);
    assert.ok(!final.includes('PENYATA INTERIM') && !final.includes('bukan Borang EC'));
    assert.ok(final.includes(`Tarikh Dikeluarkan ${today}`), 'the issue date is on the form');
    assert.ok(final.includes(`EC/${year}/`), 'a serial number');
    assert.ok(final.includes(`Januari – Disember ${year} (12 bulan)`));
    const finalPdf = await fetchBytes(client, `/eec/${year}.pdf`);
    assert.equal(finalPdf.headers.get('content-disposition'), `attachment; filename="borang-ec-${year}.pdf"`);
    const finalPdfText = await pdfText(finalPdf.body);
    assert.ok(!finalPdfText.includes('INTERIM') && finalPdfText.includes(today));
  });

  test('EC of the first year the portal holds, for an officer in service since 2012, says the data starts later', async () => {
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const employee = await app.db('employees').where({ id: employeeId }).first('start_date');
    assert.equal(employee.start_date, '2012-03-01');
    const first = await app
      .db('payslips')
      .where({ employee_id: employeeId })
      .whereNotNull('published_at')
      .orderBy([{ column: 'year' }, { column: 'month' }])
      .first('year', 'month');
    const year: number = first.year;
    // The demo window starts in December 2024 on 1 December 2026; if it starts in January on the
    // day the test runs, drop that January so the year is still held only in part.
    if (first.month === 1)
      await app
        .db('payslips')
        .where({ employee_id: employeeId, year, month: 1 })
        .update({ published_at: null });
    const from = first.month === 1 ? 2 : first.month;
    const client = await signIn(app, DEMO.activeEmployee.ic);
    const expected = `Data dalam portal bermula ${MONTHS_MS[from - 1]} ${year}`;
    assert.ok(visibleText((await client.get('/eec')).html).includes(expected), 'the list says so');
    const page = visibleText((await client.get(`/eec/${year}`)).html);
    assert.ok(page.includes(expected), `the form says "${expected}"`);
    const pdf = await pdfText((await fetchBytes(client, `/eec/${year}.pdf`)).body);
    assert.ok(pdf.includes(expected), 'the PDF says so');
    // A complete year does not.
    const full = visibleText((await client.get(`/eec/${year + 1}`)).html);
    assert.ok(!full.includes('Data dalam portal bermula'));
  });
});
