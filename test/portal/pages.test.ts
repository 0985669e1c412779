import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { visibleText, type TestClient } from '../helpers/http.js';
import { employeeIdOf, fetchBytes, rm, signIn } from './portal-helpers.js';

const PAGES = [
  '/laman-utama',
  '/laman-utama/pinjaman',
  '/epayslip',
  '/eec',
  '/emaklum',
  '/permohonan',
  '/muat-turun',
];

describe('the portal pages', () => {
  let app: TestApp;
  let me: TestClient;
  let employeeId: number;
  before(async () => {
    app = await startTestApp({ sender: false });
    me = await signIn(app, DEMO.activeEmployee.ic);
    employeeId = await employeeIdOf(app.db, DEMO.activeEmployee.ic);
  });
  after(async () => {
    await app?.close();
  });

  test('Laman Utama: the widgets, counts, chart and glance figures of DESIGN 1.5', async () => {
    const page = await me.get('/laman-utama');
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    for (const expected of [
      'Laman Utama',
      'Maklumat Pinjaman',
      'Permohonan Tuntutan Pendahuluan',
      'Permohonan Waran Udara',
      'Permohonan Pengecualian Cukai',
      'Permohonan Pinjaman Kakitangan',
      'Permohonan Aset dan Inventori',
      'Maklumat Terperinci',
      'Pecahan Permohonan Mengikut Modul',
      'Sumber : Sistem Perakaunan Akruan Kerajaan Negeri (iSPEKS)',
      'Slip Gaji Terkini',
      'Pembayaran Dalam Proses',
      DEMO.activeEmployee.name,
    ]) {
      assert.ok(text.includes(expected), `dashboard lacks "${expected}"`);
    }
    assert.equal(
      (page.html.match(/>Lihat Terperinci</g) ?? []).length,
      7,
      'six widgets and payments have "Lihat Terperinci"',
    );
    for (const m of ['AC', 'PROC', 'PY', 'SL', 'AIM'])
      assert.ok(page.html.includes(`href="/permohonan?modul=${m}"`), m);
    assert.ok(page.html.includes('href="/laman-utama/pinjaman"'));
    // Loans: type, amount, balance, monthly deduction.
    const loan = await app.db('loans').where('employee_id', employeeId).orderBy('start_date', 'desc').first();
    for (const v of [rm(Number(loan.amount_sen)), rm(Number(loan.balance_sen)), rm(Number(loan.monthly_sen))])
      assert.ok(text.includes(v), `loan figure ${v}`);
    // Counts per module and status equal the table.
    const counts = await app
      .db('applications')
      .where('employee_id', employeeId)
      .groupBy('module')
      .select('module', app.db.raw('count(*)::int as n'));
    // The chart names each module in full (issue 14 item 8), with its count beside the bar, and
    // one description that a screen reader reads once (labelled by the title, described by desc).
    const desc = /<desc id="chart-desc">([^<]*)<\/desc>/.exec(page.html)?.[1] ?? '';
    for (const c of counts) {
      assert.match(
        page.html,
        new RegExp(`<text class="chart__label"[^>]*>[^<]*\\(${c.module}\\)</text>`),
        `${c.module} bar named`,
      );
      assert.ok(desc.includes(`(${c.module}): ${c.n}`), `${c.module} count ${c.n} in the description`);
    }
    assert.match(desc, /Permohonan Tuntutan Pendahuluan \(AC\)/);
    assert.match(
      page.html,
      /<svg[^>]*role="img"[^>]*aria-labelledby="chart-title" aria-describedby="chart-desc"/,
    );
    assert.match(page.html, /<details class="chart-data">/);
    assert.doesNotMatch(page.html, /\sstyle=/i);
    assert.doesNotMatch(page.html, /<script(?![^>]*\bsrc=)[^>]*>/i);
    assert.doesNotMatch(page.html, /\son[a-z]+=/i);
    // Latest payslip net pay, computed in SQL.
    const latest = await app.db.raw(
      `SELECT p.year, p.month,
              sum(CASE WHEN l.kind = 'earning' THEN l.amount_sen ELSE -l.amount_sen END) AS net
         FROM payslips p JOIN payslip_lines l ON l.payslip_id = p.id
        WHERE p.employee_id = ? AND p.published_at <= now()
        GROUP BY p.id ORDER BY p.year DESC, p.month DESC LIMIT 1`,
      [employeeId],
    );
    assert.ok(text.includes(rm(Number(latest.rows[0].net))), 'latest net pay');
    // Payments in process: count and sum over the payments still with the bank (Dihantar ke bank).
    const inProcess = await app
      .db('payments')
      .where({ payee_kind: 'employee', payee_id_no: DEMO.activeEmployee.ic })
      .where('status', 'SENT_TO_BANK')
      .first(app.db.raw('count(*)::int as n'), app.db.raw('coalesce(sum(amount_sen), 0)::bigint as s'));
    if (inProcess.n > 0)
      assert.ok(text.includes(`${inProcess.n} pembayaran berjumlah ${rm(Number(inProcess.s))}`));
  });

  test('the one-shot notice (flash) is shown on the dashboard once', async () => {
    await me.post('/emaklum/makluman', { notify: '1' });
    const first = await me.get('/laman-utama');
    assert.ok(visibleText(first.html).includes('Anda akan menerima emel apabila status pembayaran berubah.'));
    const second = await me.get('/laman-utama');
    assert.ok(!visibleText(second.html).includes('Anda akan menerima emel'));
    const account = await app
      .db('accounts')
      .where('login_id', DEMO.activeEmployee.ic)
      .first('notify_payment_status');
    assert.equal(account.notify_payment_status, true);
    const audit = await app
      .db('audit_log')
      .where('action', 'preferences.changed')
      .orderBy('id', 'desc')
      .first();
    // One way to change the preference: the profile page's service, audited the same way.
    assert.deepEqual(audit.details, { notifyPaymentStatus: true, via: 'emaklum' });
    await me.get('/emaklum');
    await me.post('/emaklum/makluman', {});
    assert.equal(
      (await app.db('accounts').where('login_id', DEMO.activeEmployee.ic).first('notify_payment_status'))
        .notify_payment_status,
      false,
    );
  });

  test('the loans list shows every loan', async () => {
    const page = await me.get('/laman-utama/pinjaman');
    const loans = await app.db('loans').where('employee_id', employeeId);
    assert.ok(loans.length > 0);
    for (const l of loans) assert.ok(page.html.includes(l.reference_no), l.reference_no);
  });

  test('eMaklum: date range, reference, status filters, sorting and 20 per page, checked against SQL', async () => {
    const all = await app
      .db('payments')
      .where({ payee_kind: 'employee', payee_id_no: DEMO.activeEmployee.ic })
      .orderBy([
        { column: 'voucher_date', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    assert.ok(all.length > 20, 'more than one page of payments');
    const vouchers = (html: string) =>
      [...html.matchAll(/href="\/emaklum\/\d+"[^>]*>([^<]+)</g)].map((m) => m[1]!);
    const page1 = await me.get('/emaklum');
    assert.deepEqual(
      vouchers(page1.html),
      all.slice(0, 20).map((p) => p.voucher_no),
    );
    assert.ok(visibleText(page1.html).includes(`Rekod ditemui: ${all.length}`));
    const page2 = await me.get('/emaklum?page=2');
    assert.deepEqual(
      vouchers(page2.html),
      all.slice(20, 40).map((p) => p.voucher_no),
    );
    // Status filter, in every status text.
    for (const [status, label] of [
      ['SENT_TO_BANK', 'Dihantar ke bank'],
      ['RECEIVED_BY_BANK', 'Diterima oleh bank'],
      ['BANK_FAILED', 'Gagal Diproses bank'],
      ['ISSUED', 'Dikeluarkan'],
      ['CANCELLED', 'Dibatalkan'],
    ] as const) {
      const expected = all.filter((p) => p.status === status);
      const res = await me.get(`/emaklum?status=${status}`);
      assert.ok(visibleText(res.html).includes(`Rekod ditemui: ${expected.length}`), status);
      if (expected.length) assert.ok(visibleText(res.html).includes(label), label);
    }
    // Date range (inclusive) on the voucher date.
    const from = all[Math.floor(all.length / 2)].voucher_date as string;
    const to = all[5].voucher_date as string;
    const inRange = all.filter((p) => p.voucher_date >= from && p.voucher_date <= to);
    const ranged = await me.get(`/emaklum?dari=${from}&hingga=${to}`);
    assert.ok(visibleText(ranged.html).includes(`Rekod ditemui: ${inRange.length}`));
    // Reference: part of a voucher or reference number, any case.
    const target = all[3];
    const part = target.reference_no.slice(-6).toLowerCase();
    const byRef = all.filter(
      (p) => p.reference_no.toLowerCase().includes(part) || p.voucher_no.toLowerCase().includes(part),
    );
    const refPage = await me.get(`/emaklum?rujukan=${encodeURIComponent(part)}`);
    assert.ok(visibleText(refPage.html).includes(`Rekod ditemui: ${byRef.length}`));
    assert.ok(vouchers(refPage.html).includes(target.voucher_no));
    // Sort by amount, both ways; the filters survive in the pagination links.
    const byAmount = [...all].sort((a, b) => Number(b.amount_sen) - Number(a.amount_sen) || b.id - a.id);
    const sorted = await me.get('/emaklum?susun=amaun_desc');
    assert.deepEqual(
      vouchers(sorted.html),
      byAmount.slice(0, 20).map((p) => p.voucher_no),
    );
    assert.match(sorted.html, /href="\/emaklum\?susun=amaun_desc&amp;page=2"/);
    const asc = await me.get('/emaklum?susun=amaun_asc');
    assert.equal(
      vouchers(asc.html)[0],
      [...all].sort((a, b) => Number(a.amount_sen) - Number(b.amount_sen) || a.id - b.id)[0].voucher_no,
    );
    const oldest = await me.get('/emaklum?susun=tarikh_asc');
    assert.equal(vouchers(oldest.html)[0], [...all].reverse()[0].voucher_no);
    // Each row as DESIGN 1.8: masked account, method, dates; never the full account number.
    const text = visibleText(page1.html);
    assert.ok(!text.includes(all[0].bank_account), 'account masked');
    assert.ok(text.includes(`*${all[0].bank_account.slice(-4)}`));
    for (const label of [
      'No. Baucar',
      'Perihal',
      'Amaun',
      'Kaedah Bayaran',
      'Akaun Bank',
      'Tarikh',
      'Status',
    ])
      assert.ok(text.includes(label), label);
  });

  test('eMaklum payment detail shows every field of DESIGN 1.8', async () => {
    const p = await app
      .db('payments as p')
      .join('departments as d', 'd.id', 'p.department_id')
      .where({ 'p.payee_id_no': DEMO.activeEmployee.ic })
      .whereNotNull('p.instrument_no')
      .first('p.*', 'd.name as dept');
    const page = await me.get(`/emaklum/${p.id}`);
    const text = visibleText(page.html);
    for (const v of [
      p.voucher_no,
      p.reference_no,
      p.description,
      p.dept,
      rm(Number(p.amount_sen)),
      p.instrument_no,
      p.bank_name,
    ])
      assert.ok(text.includes(v), v);
    assert.ok(!text.includes(p.bank_account));
  });

  test('Permohonan: module and status filters, detail with status history in order', async () => {
    const all = await app.db('applications').where('employee_id', employeeId);
    for (const m of ['AC', 'PROC', 'PY', 'SL', 'AIM']) {
      const page = await me.get(`/permohonan?modul=${m}`);
      const n = all.filter((a) => a.module === m).length;
      assert.ok(visibleText(page.html).includes(`Jumlah permohonan: ${n}`), m);
      for (const ref of page.html.matchAll(/href="\/permohonan\/\d+">([^<]+)</g))
        assert.ok(ref[1]!.startsWith(`${m}/`), ref[1]);
    }
    const approved = all.filter((a) => a.status === 'APPROVED' && a.module === 'AC').length;
    const page = await me.get('/permohonan?modul=AC&status=APPROVED');
    assert.ok(visibleText(page.html).includes(`Jumlah permohonan: ${approved}`));
    assert.match(page.html, /<option value="AC" selected>/);
    const withHistory = await app
      .db('applications as a')
      .join('application_status_history as h', 'h.application_id', 'a.id')
      .where('a.employee_id', employeeId)
      .groupBy('a.id')
      .havingRaw('count(*) > 2')
      .first('a.id');
    const history = await app
      .db('application_status_history')
      .where('application_id', withHistory.id)
      .orderBy([{ column: 'changed_at' }, { column: 'id' }]);
    const detail = await me.get(`/permohonan/${withHistory.id}`);
    const text = visibleText(detail.html);
    let at = 0;
    for (const h of history) {
      const idx = text.indexOf(h.changed_by, at);
      assert.ok(idx >= 0, `history row by ${h.changed_by} in order`);
      at = idx;
    }
  });

  test('Muat Turun: every file with its size; served as an attachment with the right type', async () => {
    const rows = await app.db('downloads').orderBy('sort_order');
    const page = await me.get('/muat-turun');
    const text = visibleText(page.html);
    for (const d of rows) {
      assert.ok(text.includes(d.title_ms), d.title_ms);
      const res = await fetchBytes(me, `/muat-turun/${d.slug}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), d.content_type);
      assert.equal(res.headers.get('content-disposition'), `attachment; filename="${d.file_name}"`);
      // The size shown is the size of what is served (the PDF made from its source).
      const size = res.body.length;
      const shown = size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`;
      assert.ok(text.includes(`PDF · ${shown}`), `${d.slug} size ${shown}`);
    }
    assert.ok(
      rows.some((d) => d.category === 'manual'),
      'a user manual',
    );
  });

  test('every page works in English and without inline script or style', async () => {
    const en = await signIn(app, DEMO.activeEmployee.ic);
    await en.get('/bahasa?lang=en&next=/laman-utama');
    const expected: Record<string, string> = {
      '/laman-utama': 'Applications by Module',
      '/laman-utama/pinjaman': 'Loan Information',
      '/epayslip': 'Payslips',
      '/eec': 'Form EC',
      '/emaklum': 'Payment Status Information',
      '/permohonan': 'All your applications in every module.',
      '/muat-turun': 'User Manual',
    };
    for (const p of PAGES) {
      const page = await en.get(p);
      assert.equal(page.status, 200, p);
      assert.match(page.html, /<html lang="en">/);
      assert.ok(visibleText(page.html).includes(expected[p]!), `${p} in English`);
      assert.doesNotMatch(page.html, /\sstyle=|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i, p);
      // Only known message keys: a missing one would show as its key.
      assert.doesNotMatch(
        visibleText(page.html),
        /\b(dashboard|epayslip|eec|emaklum|permohonan|muatTurun)\.[a-zA-Z]+/,
        p,
      );
    }
    for (const p of PAGES) {
      const page = await me.get(p);
      assert.doesNotMatch(
        visibleText(page.html),
        /\b(dashboard|epayslip|eec|emaklum|permohonan|muatTurun)\.[a-zA-Z]+/,
        p,
      );
    }
  });

  test('signed-in portal pages are never cached', async () => {
    for (const p of PAGES) assert.equal((await me.get(p)).headers.get('cache-control'), 'no-store', p);
  });
});
