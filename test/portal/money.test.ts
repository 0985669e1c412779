import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { EC_CODE_LINES, EC_SECTIONS } from '../../src/eec/ec-sections.js';
import { visibleText } from '../helpers/http.js';
import {
  dataText,
  employeeIdOf,
  fetchBytes,
  pdfText,
  publishedTotals,
  rm,
  signIn,
} from './portal-helpers.js';

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
const pad = (m: number) => String(m).padStart(2, '0');

describe('money on the payslip, Borang EC and their PDFs', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app?.close();
  });

  test('every published payslip of every active employee account: net = earnings − deductions (SQL)', async () => {
    const users = await app
      .db('accounts as a')
      .join('employees as e', 'e.id', 'a.employee_id')
      .where({ 'a.status': 'active', 'a.kind': 'employee' })
      .andWhere((w) => w.whereNull('a.locked_until').orWhere('a.locked_until', '<', app.db.fn.now()))
      .orderByRaw('e.ic_no = ? desc, e.ic_no = ? desc, e.ic_no', [
        DEMO.activeEmployee.ic,
        DEMO.secondActiveEmployee.ic,
      ])
      .limit(10)
      .select<{ id: number; ic_no: string }[]>('e.id', 'e.ic_no');
    assert.ok(users.length >= 2, 'the seed has active employee accounts');
    let checked = 0;
    for (const user of users) {
      const client = await signIn(app, user.ic_no);
      const slips = await publishedTotals(app.db, user.id);
      for (const s of slips) {
        const page = await client.get(`/epayslip/${s.year}/${pad(s.month)}`);
        assert.equal(page.status, 200, `${user.ic_no} ${s.year}-${s.month}`);
        assert.equal(dataText(page.html, 'data-total="earnings"'), rm(s.earnings));
        assert.equal(dataText(page.html, 'data-total="deductions"'), rm(s.deductions));
        assert.equal(
          dataText(page.html, 'data-net-pay'),
          rm(s.earnings - s.deductions),
          `${user.ic_no} ${s.year}-${s.month}`,
        );
        checked++;
      }
    }
    assert.ok(checked > 200, `checked ${checked} payslips`);
  });

  test('the payslip page shows every block of DESIGN 1.6 and every line of the payslip', async () => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const [latest] = (await publishedTotals(app.db, employeeId)).slice(-1);
    assert.ok(latest);
    const page = await client.get(`/epayslip/${latest.year}/${latest.month}`);
    const text = visibleText(page.html);
    const e = await app
      .db('employees as e')
      .join('departments as d', 'd.id', 'e.department_id')
      .where('e.id', employeeId)
      .first('e.*', 'd.code', 'd.name as dept', 'd.accounting_office_code', 'd.paying_centre_code');
    for (const expected of [
      'Nama',
      e.name,
      'No. KP',
      e.ic_no,
      'No. Gaji',
      e.payroll_no,
      'Jawatan dan Gred',
      e.grade,
      'Jabatan (PTJ)',
      e.dept,
      'Kod Pejabat Perakaunan',
      e.accounting_office_code,
      'Kod Pusat Pembayar',
      e.paying_centre_code,
      'Bulan Gaji',
      `${MONTHS_MS[latest.month - 1]} ${latest.year}`,
      e.bank_name,
      `*${e.bank_account.slice(-4)}`,
      'No. Cukai Pendapatan',
      e.tax_no,
      'Kategori PCB',
      'Pendapatan',
      'Potongan',
      'Jumlah Pendapatan',
      'Jumlah Potongan',
      'Gaji Bersih',
      e.is_pensionable ? 'Pencen' : e.kwsp_no,
    ]) {
      assert.ok(text.includes(String(expected)), `payslip lacks "${expected}"`);
    }
    assert.ok(!text.includes(e.bank_account), 'the bank account number is masked');
    const lines = await app
      .db('payslip_lines as l')
      .join('payslips as p', 'p.id', 'l.payslip_id')
      .where({ 'p.employee_id': employeeId, 'p.year': latest.year, 'p.month': latest.month })
      .select('l.description', 'l.amount_sen');
    for (const l of lines)
      assert.ok(text.includes(`${l.description} ${rm(Number(l.amount_sen))}`), l.description);
    assert.match(page.html, /data-print/);
    assert.match(page.html, /\/public\/css\/print\.[0-9a-f]{10}\.css" media="print"/);
  });

  test('the payslip PDF: attachment named slip-gaji-YYYY-MM.pdf showing the name, month and net pay', async () => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const slips = await publishedTotals(app.db, employeeId);
    for (const s of [slips[0]!, slips[slips.length - 1]!]) {
      const res = await fetchBytes(client, `/epayslip/${s.year}/${pad(s.month)}.pdf`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(
        res.headers.get('content-disposition'),
        `attachment; filename="slip-gaji-${s.year}-${pad(s.month)}.pdf"`,
      );
      // Revalidated on every use (a 304 when unchanged); see SECURITY.md, "Payslip PDFs".
      assert.equal(res.headers.get('cache-control'), 'private, no-cache');
      assert.equal(Buffer.from(res.body.subarray(0, 5)).toString(), '%PDF-');
      const text = await pdfText(res.body);
      assert.ok(text.includes(DEMO.activeEmployee.name), 'name');
      assert.ok(text.includes(`${MONTHS_MS[s.month - 1]} ${s.year}`), 'month');
      assert.ok(
        text.includes(rm(s.earnings - s.deductions)),
        `net pay ${rm(s.earnings - s.deductions)} in ${text.slice(0, 400)}`,
      );
      assert.ok(text.includes(rm(s.earnings)) && text.includes(rm(s.deductions)), 'totals');
      assert.ok(text.includes('Gaji Bersih'));
    }
  });

  test('Borang EC: each line and section equals the sums of that year’s published payslip lines (SQL), and nothing else is on it', async () => {
    for (const ic of [DEMO.activeEmployee.ic, DEMO.secondActiveEmployee.ic]) {
      const client = await signIn(app, ic);
      const employeeId = await employeeIdOf(app.db, ic);
      const years = [...new Set((await publishedTotals(app.db, employeeId)).map((s) => s.year))];
      assert.ok(years.length >= 2);
      const list = await client.get('/eec');
      for (const year of years) {
        assert.ok(list.html.includes(`href="/eec/${year}"`), `EC list links ${year}`);
        const sums = await app.db.raw<{ rows: { code: string; total: string }[] }>(
          `SELECT l.code, sum(l.amount_sen) AS total
             FROM payslip_lines l JOIN payslips p ON p.id = l.payslip_id
            WHERE p.employee_id = ? AND p.year = ? AND p.published_at IS NOT NULL AND p.published_at <= now()
            GROUP BY l.code`,
          [employeeId, year],
        );
        const byLine = new Map<string, number>();
        const bySection = new Map<string, number>();
        for (const r of sums.rows) {
          const line = EC_CODE_LINES[r.code];
          if (!line) continue;
          byLine.set(line, (byLine.get(line) ?? 0) + Number(r.total));
          bySection.set(line[0]!, (bySection.get(line[0]!) ?? 0) + Number(r.total));
        }
        const page = await client.get(`/eec/${year}`);
        assert.equal(page.status, 200);
        for (const section of EC_SECTIONS) {
          assert.equal(
            dataText(page.html, `data-ec-section="${section.id}"`),
            rm(bySection.get(section.id) ?? 0),
            `${ic} ${year} section ${section.id}`,
          );
          for (const line of section.lines)
            assert.equal(
              dataText(page.html, `data-ec-line="${line.id}"`),
              rm(byLine.get(line.id) ?? 0),
              `${ic} ${year} line ${line.id}`,
            );
        }
        const text = visibleText(page.html);
        for (const absent of [
          'Pinjaman',
          'Tabung Haji',
          'Takaful',
          'Kesatuan',
          'ANGKASA',
          'Pendapatan Bersih',
          'Jumlah Potongan (C + D + E)',
          'RINGKASAN',
        ])
          assert.ok(!text.includes(absent), `${ic} ${year}: the EC shows "${absent}"`);
      }
    }
  });

  test('Borang EC shows the header, part A and the employer, and its PDF carries the same figures', async () => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const year = (await publishedTotals(app.db, employeeId))[0]!.year;
    const page = await client.get(`/eec/${year}`);
    const text = visibleText(page.html);
    for (const expected of [
      'C.P.8C',
      'PENYATA GAJI PEKERJA AGENSI KERAJAAN',
      `PENYATA SARAAN DARIPADA PENGGAJIAN BAGI TAHUN BERAKHIR 31 DISEMBER ${year}`,
      'No. Siri',
      'No. Majikan E',
      'No. Rujukan Pekerja',
      'Cawangan LHDNM',
      'A. BUTIRAN PEKERJA',
      DEMO.activeEmployee.name,
      DEMO.activeEmployee.ic,
      'B. PENDAPATAN PENGGAJIAN DAN MANFAAT',
      'C. PENCEN DAN LAIN-LAIN',
      'D. JUMLAH POTONGAN',
      'E. CARUMAN YANG DIBAYAR OLEH PEKERJA',
      'F. JUMLAH ELAUN',
      'G. BUTIRAN MAJIKAN',
    ]) {
      assert.ok(text.includes(expected), `EC lacks "${expected}"`);
    }
    const earnings = dataText(page.html, 'data-ec-section="B"')!;
    const res = await fetchBytes(client, `/eec/${year}.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="borang-ec-${year}.pdf"`);
    const pdf = await pdfText(res.body);
    assert.ok(pdf.includes(DEMO.activeEmployee.name));
    assert.ok(pdf.includes(`31 DISEMBER ${year}`));
    assert.ok(pdf.includes(earnings), `EC PDF shows ${earnings}`);
  });

  test('an officer who moved department gets one EC for the year under one No. Gaji, with both departments', async () => {
    const client = await signIn(app, DEMO.secondActiveEmployee.ic);
    const employeeId = await employeeIdOf(app.db, DEMO.secondActiveEmployee.ic);
    const year = (await publishedTotals(app.db, employeeId)).find((s) => s.month === 1)!.year;
    const other = await app
      .db('departments')
      .whereNot('code', DEMO.secondActiveEmployee.departmentCode)
      .first('id', 'name');
    const moved = await app
      .db('payslips')
      .where({ employee_id: employeeId, year })
      .andWhere('month', '<=', 3)
      .update({ department_id: other.id });
    assert.equal(moved, 3);
    const before = await client.get(`/eec/${year}`);
    const text = visibleText(before.html);
    assert.equal(before.status, 200);
    assert.equal((before.html.match(/id="ec-title"/g) ?? []).length, 1, 'one form');
    assert.ok(text.includes(other.name), 'the earlier department is named');
    const salary = await app.db.raw<{ rows: { total: string }[] }>(
      `SELECT sum(l.amount_sen) AS total FROM payslip_lines l JOIN payslips p ON p.id = l.payslip_id
        WHERE p.employee_id = ? AND p.year = ? AND l.code = 'GAJI' AND p.published_at <= now()`,
      [employeeId, year],
    );
    assert.ok(Number(salary.rows[0]!.total) > 0);
    assert.equal(
      dataText(before.html, 'data-ec-item="GAJI"'),
      rm(Number(salary.rows[0]!.total)),
      'all twelve months counted',
    );
  });

  test('the English payslip and EC use English labels and the same figures', async () => {
    const client = await signIn(app, DEMO.activeEmployee.ic);
    await client.get('/bahasa?lang=en&next=/epayslip');
    const employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
    const s = (await publishedTotals(app.db, employeeId)).at(-1)!;
    const page = await client.get(`/epayslip/${s.year}/${s.month}`);
    const text = visibleText(page.html);
    for (const expected of [
      'Earnings',
      'Deductions',
      'Total Earnings',
      'Net Pay',
      'Payroll No.',
      'Basic Salary',
    ])
      assert.ok(text.includes(expected), `English payslip lacks "${expected}"`);
    assert.equal(dataText(page.html, 'data-net-pay'), rm(s.earnings - s.deductions));
    const ec = visibleText((await client.get(`/eec/${s.year}`)).html);
    assert.ok(ec.includes('STATEMENT OF REMUNERATION FROM EMPLOYMENT'));
    const res = await fetchBytes(client, `/epayslip/${s.year}/${s.month}.pdf`);
    const pdf = await pdfText(res.body);
    assert.ok(pdf.includes('Net Pay') && pdf.includes(rm(s.earnings - s.deductions)));
  });
});
