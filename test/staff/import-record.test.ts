import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_STAFF, seedDemo } from '../../seeds/index.js';
import { SAMPLE_TODAY, samplePayrollCsv } from '../../seeds/payroll-sample.js';
import { sumEcLines } from '../../src/eec/queries.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { visibleText, type Page, type TestClient } from '../helpers/http.js';
import { departmentId, employeeId, payrollRecordViolations, signedIn, uploadCsv } from './staff-helpers.js';

/**
 * Issue 12, items 1 and 2, as they were seen: the shipped sample (3 employees) against the demo
 * December 2026 of Perbendaharaan (49 unpublished payslips), then the whole-month replace, the
 * publication preview, a supplementary import and a correction of a published payslip, and the
 * row checks against the payroll record. The tests run in order on one database.
 */
describe('payroll import against the payroll record and the month (issue 12)', () => {
  let app: TestApp;
  let officer: TestClient;
  let deptId: number;
  const sampleFile = path.resolve(import.meta.dirname, '../../files/samples/payroll-import-sample.csv');
  const sample = readFileSync(sampleFile, 'utf8');
  const [header, ...sampleRows] = sample.trimEnd().split('\n') as [string, ...string[]];
  const rowsOf = (ic: string) => sampleRows.filter((r) => r.split(',')[3] === ic);
  const csv = (rows: string[]) => [header, ...rows].join('\n') + '\n';
  let missingAtStart = 0;

  before(async () => {
    app = await startTestApp();
    // The month of the issue: the demo data as seeded on 1 December 2026.
    await seedDemo(app.database.owner, { today: SAMPLE_TODAY }); // the demo seed runs as the owner role
    officer = await signedIn(app, DEMO_STAFF.payroll.ic);
    deptId = await departmentId(app.db, DEMO_STAFF.payroll.departmentCode);
  });
  after(async () => {
    await app?.close();
  });

  const december = () =>
    app.db('payslips').where({ year: 2026, month: 12, department_id: deptId }).orderBy('id');

  async function check(content: string): Promise<{ uploadId: number; text: string; page: Page }> {
    const res = await uploadCsv(officer, content, 'disember.csv');
    assert.equal(res.status, 303, visibleText(res.html).slice(0, 400));
    const uploadId = Number(/\/import\/(\d+)$/.exec(res.location ?? '')?.[1]);
    const page = await officer.follow(res);
    return { uploadId, text: visibleText(page.html), page };
  }

  async function commit(uploadId: number, fields: Record<string, string> = {}): Promise<Page> {
    await officer.get(`/pentadbir/unit-gaji/import/${uploadId}`);
    return officer.post(`/pentadbir/unit-gaji/import/${uploadId}/sahkan`, fields);
  }

  async function missingCount(): Promise<number> {
    const page = await officer.get('/pentadbir/unit-gaji/bulan/2026/12/terbit');
    assert.equal(page.status, 200);
    return Number(/data-missing-count>(\d+)</.exec(page.html)?.[1]);
  }

  async function publish(): Promise<string> {
    await officer.get('/pentadbir/unit-gaji/bulan/2026/12/terbit');
    const res = await officer.post('/pentadbir/unit-gaji/bulan/2026/12/terbit', {});
    assert.equal(res.status, 303);
    return visibleText((await officer.follow(res)).html);
  }

  test('the sample file is the demo payroll: made by the seed rules, it imports without error or warning', () => {
    assert.equal(sample, samplePayrollCsv(), 'npm run sample:payroll rewrites the file from the demo data');
  });

  test('the demo payroll keeps the payroll record (it is generated through the same rules)', async () => {
    assert.deepEqual(await payrollRecordViolations(app.db), []);
  });

  test('the 3-employee sample against a 49-payslip December: 3 replaced, the other 46 keep theirs', async () => {
    const before = await december();
    assert.equal(before.length, 49);
    assert.ok(before.every((p: { published_at: Date | null }) => p.published_at === null));
    missingAtStart = await missingCount();

    const { uploadId, text } = await check(sample);
    assert.match(text, /Tiada ralat ditemui/);
    assert.ok(!text.includes('Amaran:'), 'the sample changes nothing in the payroll record');
    assert.match(text, /menggantikan 3 slip gaji yang belum diterbitkan bagi pekerja dalam fail ini/);
    assert.match(text, /Slip gaji pekerja lain yang tiada dalam fail ini tidak berubah/);
    assert.match(text, /46 pekerja lain dalam jabatan fail ini/);

    const done = await commit(uploadId);
    assert.equal(done.status, 303, visibleText(done.html).slice(0, 300));
    const after = await december();
    assert.equal(after.length, 49, 'nobody lost a payslip');
    const fileIds = new Set(
      await app
        .db('employees')
        .whereIn('ic_no', [DEMO.activeEmployee.ic, DEMO.pendingEmployee.ic, DEMO.outdatedEmailEmployee.ic])
        .pluck('id'),
    );
    const others = (rows: { id: number; employee_id: number }[]) =>
      rows.filter((p) => !fileIds.has(p.employee_id)).map((p) => p.id);
    assert.deepEqual(others(after), others(before), 'the 46 others are the very same rows');
    assert.equal(others(after).length, 46);
    const audit = await app
      .db('audit_log')
      .where('action', 'staff.payroll.import_committed')
      .orderBy('id', 'desc')
      .first<{ details: { replaced: number; payslips: number } }>('details');
    assert.equal(audit?.details.replaced, 3);
    assert.equal(audit?.details.payslips, 3);
  });

  test('the same file uploaded again is recognised and refused', async () => {
    const res = await uploadCsv(officer, sample, 'salinan.csv');
    assert.equal(res.status, 400);
    assert.match(
      visibleText(res.html),
      /Fail ini telah diimport pada \d{4}-\d{2}-\d{2} \(fail "disember\.csv"\)/,
    );
    assert.equal((await december()).length, 49);
  });

  test('rows that contradict the record are errors: KWSP/PERKESO for a pensioner, PENCEN for a KWSP member, an IC that is not the No. Gaji', async () => {
    const aisyah = rowsOf(DEMO.activeEmployee.ic); // pensionable (WA29)
    const suresh = rowsOf(DEMO.pendingEmployee.ic);
    const siti = await app.db('employees').where('ic_no', DEMO.firstTimeEmployee.ic).first();
    assert.equal(siti.is_pensionable, false, 'the demo first-time employee is a KWSP member');
    const withCode = (row: string, code: string, amount: string) =>
      row.replace(/,GAJI,,[\d.]+$/, `,${code},,${amount}`);
    const sitiRows = [
      `2026,12,2026-12-25,${siti.ic_no},${siti.payroll_no},${siti.name},10020101,${siti.position},${siti.grade},${siti.bank_account},GAJI,,2000.00`,
      `2026,12,2026-12-25,${siti.ic_no},${siti.payroll_no},${siti.name},10020101,${siti.position},${siti.grade},${siti.bank_account},PENCEN,,100.00`,
    ];
    const wrongNo = suresh[0]!.replace(/,(\d{8}),Suresh/, ',99999999,Suresh');
    const file = csv([
      aisyah[0]!,
      withCode(aisyah[0]!, 'KWSP', '518.00'),
      withCode(aisyah[0]!, 'PERKESO', '24.75'),
      wrongNo,
      ...sitiRows,
    ]);
    const { page, text } = await check(file);
    assert.match(text, /4 ralat ditemui/);
    const report = [
      ...page.html.matchAll(/<tr>\s*<td[^>]*>(\d+)<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g),
    ].map((m) => `${m[1]}|${m[2]}|${visibleText(m[3]!)}`);
    assert.deepEqual(report, [
      '3|kod|Pekerja ini berpencen (Skim Persaraan: Pencen): kod KWSP hanya bagi ahli KWSP.',
      '4|kod|Pekerja ini berpencen (Skim Persaraan: Pencen): kod PERKESO hanya bagi ahli KWSP.',
      '5|no_gaji|No. Gaji 99999999 tidak sepadan dengan No Kad Pengenalan dalam rekod gaji.',
      '7|kod|Pekerja ini ahli KWSP, bukan berpencen: potongan PENCEN tidak boleh dikenakan.',
    ]);
    assert.ok(!page.html.includes('/sahkan'), 'a file with errors cannot be committed');
  });

  test('a grade change is a warning the officer must accept before the commit', async () => {
    const suresh = rowsOf(DEMO.pendingEmployee.ic).map((r) => r.replace(',W19,', ',W22,'));
    const before = await app
      .db('payslips')
      .where({ employee_id: await employeeId(app.db, DEMO.pendingEmployee.ic), year: 2026, month: 12 })
      .first();
    const { uploadId, text } = await check(csv(suresh));
    assert.match(text, /Tiada ralat ditemui/);
    assert.match(text, /Amaran: 1 perubahan kepada rekod gaji/);
    assert.match(text, /Gred berubah daripada W19 kepada W22\./);

    const refused = await commit(uploadId);
    assert.equal(refused.status, 400);
    const refusedText = visibleText(refused.html);
    assert.match(refusedText, /Terdapat masalah/);
    assert.match(refusedText, /Tandakan bahawa anda telah menyemak dan menerima amaran/);
    const unchanged = await app.db('payslips').where('id', before.id).first();
    assert.equal(unchanged?.grade, 'W19', 'nothing stored without the acceptance');

    const done = await commit(uploadId, { terimaAmaran: '1' });
    assert.equal(done.status, 303);
    const now = await app
      .db('payslips')
      .where({ employee_id: before.employee_id, year: 2026, month: 12 })
      .first();
    assert.equal(now.grade, 'W22');
    assert.equal((await december()).length, 49);
  });

  test('replacing the whole month is a separate choice that names who loses a payslip and needs a second confirmation', async () => {
    const aisyah = rowsOf(DEMO.activeEmployee.ic).map((r) => r.replace(',PCB,,14.85', ',PCB,,15.00'));
    const { uploadId, text } = await check(csv(aisyah));
    assert.match(text, /48 pekerja lain dalam jabatan fail ini/);
    assert.ok(text.includes(DEMO.pendingEmployee.name), 'the employees who would lose a payslip are named');

    // The plain commit touches only the file's employee.
    // The first confirmation alone (no second tick) stores nothing.
    const once = await commit(uploadId, { gantiBulan: '1', bilangan: '48' });
    assert.equal(once.status, 400);
    assert.match(visibleText(once.html), /Tandakan pengesahan bahawa pekerja yang disenaraikan/);
    assert.equal((await december()).length, 49);

    const confirm = await officer.get(`/pentadbir/unit-gaji/import/${uploadId}/ganti-bulan`);
    const confirmText = visibleText(confirm.html);
    assert.match(confirmText, /48 pekerja berikut akan kehilangan slip gaji Disember 2026/);
    assert.ok(confirmText.includes(DEMO.outdatedEmailEmployee.name));

    // A count other than what the page named (the month changed meanwhile) is refused.
    const stale = await officer.post(`/pentadbir/unit-gaji/import/${uploadId}/sahkan`, {
      gantiBulan: '1',
      bilangan: '47',
      sahGantiBulan: '1',
    });
    assert.equal(stale.status, 409);
    assert.equal((await december()).length, 49);

    await officer.get(`/pentadbir/unit-gaji/import/${uploadId}/ganti-bulan`);
    const done = await officer.post(`/pentadbir/unit-gaji/import/${uploadId}/sahkan`, {
      gantiBulan: '1',
      bilangan: '48',
      sahGantiBulan: '1',
    });
    assert.equal(done.status, 303, visibleText(done.html).slice(0, 300));
    assert.equal((await december()).length, 1);
  });

  test('publishing first shows who in the department is in service with no payslip', async () => {
    assert.equal(await missingCount(), missingAtStart + 48);
    const page = await officer.get('/pentadbir/unit-gaji/bulan/2026/12/terbit');
    const text = visibleText(page.html);
    assert.match(
      text,
      new RegExp(`${missingAtStart + 48} pekerja dalam perkhidmatan tiada slip gaji bagi Disember 2026`),
    );
    assert.ok(text.includes(DEMO.pendingEmployee.name) && text.includes(DEMO.outdatedEmailEmployee.name));
    assert.ok(!text.includes(DEMO.activeEmployee.name), 'who has a payslip is not listed');
    assert.match(text, /Terbitkan 1 slip gaji Disember 2026/);
    assert.match(await publish(), /1 slip gaji bagi Disember 2026 telah diterbitkan/);
  });

  test('after publication a supplementary import adds the missing payslips, published on their own', async () => {
    const first = (await december())[0] as { id: number; published_at: Date };
    const { uploadId, text } = await check(
      csv([...rowsOf(DEMO.pendingEmployee.ic), ...rowsOf(DEMO.outdatedEmailEmployee.ic)]),
    );
    assert.match(text, /Tiada ralat ditemui/);
    assert.ok(!text.includes('Slip Gaji Pindaan'), 'no correction: these two had no payslip');
    assert.match(text, /menggantikan 0 slip gaji/);
    assert.equal((await commit(uploadId)).status, 303);
    const rows = await december();
    assert.equal(rows.length, 3);
    assert.equal(rows.filter((r: { published_at: Date | null }) => r.published_at === null).length, 2);
    assert.match(await publish(), /2 slip gaji bagi Disember 2026 telah diterbitkan/);
    const again = await app.db('payslips').where('id', first.id).first();
    assert.deepEqual(again.published_at, first.published_at, 'the earlier publication is untouched');
    assert.equal(await missingCount(), missingAtStart + 46);
  });

  test('a correction supersedes the published payslip: the old row is kept, the employee sees the amended one with a note', async () => {
    const me = await employeeId(app.db, DEMO.activeEmployee.ic);
    const employee = await signedIn(app, DEMO.activeEmployee.ic);
    const ecBefore = (await sumEcLines(app.db, me, 2026)).find((l) => l.code === 'GAJI')!;
    const original = await app.db('payslips').where({ employee_id: me, year: 2026, month: 12 }).first();
    const originalLines = await app.db('payslip_lines').where('payslip_id', original.id).orderBy('id');

    const amended = rowsOf(DEMO.activeEmployee.ic).map((r) => r.replace(',GAJI,,4709.07', ',GAJI,,4800.00'));
    const { uploadId, text } = await check(csv(amended));
    assert.match(text, /Slip Gaji Pindaan: 1 pekerja/);
    assert.ok(text.includes(DEMO.activeEmployee.name));
    assert.equal((await commit(uploadId)).status, 400, 'a correction must be accepted');
    assert.equal((await commit(uploadId, { terimaAmaran: '1' })).status, 303);

    // Stored but not yet published: the employee still sees the published one.
    const slips = await app.db('payslips').where({ employee_id: me, year: 2026, month: 12 }).orderBy('id');
    assert.equal(slips.length, 2);
    assert.equal(slips[1].amends_payslip_id, original.id);
    assert.match(visibleText((await employee.get('/epayslip/2026/12')).html), /4,709\.07/);

    assert.match(await publish(), /1 slip gaji terdahulu telah digantikan oleh Slip Gaji Pindaan/);
    const old = await app.db('payslips').where('id', original.id).first();
    assert.equal(old.superseded_by, slips[1].id, 'the earlier payslip is kept, marked superseded');
    assert.ok(old.superseded_at instanceof Date);
    assert.deepEqual(old.published_at, original.published_at);
    assert.deepEqual(
      await app.db('payslip_lines').where('payslip_id', original.id).orderBy('id'),
      originalLines,
      'its figures are never changed',
    );

    const page = visibleText((await employee.get('/epayslip/2026/12')).html);
    assert.match(
      page,
      /Slip Gaji Pindaan, diterbitkan pada .*: slip ini menggantikan versi terdahulu yang diterbitkan pada/,
    );
    assert.match(page, /4,800\.00/);
    assert.ok(!page.includes('4,709.07'));
    const list = visibleText((await employee.get('/epayslip/2026')).html);
    assert.equal(list.match(/Disember 2026/g)?.length, 1, 'December is listed once');
    const dashboard = await employee.get('/laman-utama');
    const net = /data-net-pay>([^<]+)</.exec(dashboard.html)?.[1] ?? '';
    const sen = (r: string) => Math.round(Number(r.split(',').at(-1)) * 100);
    const expected = amended.reduce((s, r) => s + (/,(GAJI|ITKA|BSH|ELPR),/.test(r) ? sen(r) : -sen(r)), 0);
    assert.equal(
      Number(net.replace(/[^\d]/g, '')),
      expected,
      `the dashboard shows the amended net pay (${net})`,
    );
    assert.match(visibleText(dashboard.html), /Disember 2026/);
    // The EC sums the current version only: the basic pay moves by exactly the correction.
    const ecAfter = (await sumEcLines(app.db, me, 2026)).find((l) => l.code === 'GAJI')!;
    assert.equal(Number(ecAfter.amount_sen) - Number(ecBefore.amount_sen), 480000 - 470907);

    const audit = await app
      .db('audit_log')
      .where('action', 'staff.payroll.month_published')
      .orderBy('id', 'desc')
      .first<{ details: { corrections: number } }>('details');
    assert.equal(audit?.details.corrections, 1);
  });
});
