import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { ALLOWED_TRANSITIONS, checkTransition } from '../../src/emaklum/status-transitions.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { csrfTokenIn, visibleText, type Page, type TestClient } from '../helpers/http.js';
import { accountId, signedIn } from '../staff/staff-helpers.js';

/** Issue 12 item 5: eMaklum's payment status feed, uploaded by a treasury officer. */

const HEADER = 'no_baucar,status_baru,tarikh_status,rujukan_bank,sebab_gagal';

async function uploadFeed(client: TestClient, content: string, fileName = 'status.csv'): Promise<Page> {
  const form = await client.get('/pentadbir/perbendaharaan');
  const token = csrfTokenIn(form.html);
  if (!token) throw new Error('no csrf token on the status feed page');
  const data = new FormData();
  data.append('file', new Blob([new TextEncoder().encode(content)], { type: 'text/csv' }), fileName);
  return client.request('POST', `/pentadbir/perbendaharaan?_csrf=${encodeURIComponent(token)}`, data);
}

/** Upload, follow to the preview; returns the preview and the upload's path. */
async function preview(client: TestClient, content: string): Promise<{ page: Page; path: string }> {
  const posted = await uploadFeed(client, content);
  assert.equal(posted.status, 303, `upload gave ${posted.status}: ${visibleText(posted.html).slice(0, 300)}`);
  const path = posted.location!;
  return { page: await client.get(path), path };
}

async function commit(client: TestClient, path: string): Promise<Page> {
  const page = await client.get(path);
  return client.post(`${path}/sahkan`, { _csrf: csrfTokenIn(page.html) ?? '' });
}

describe('the allowed status changes (one table)', () => {
  test('nothing goes back from Dikeluarkan or Dibatalkan; the rest as documented', () => {
    assert.deepEqual(ALLOWED_TRANSITIONS.ISSUED, []);
    assert.deepEqual(ALLOWED_TRANSITIONS.CANCELLED, []);
    for (const to of ['SENT_TO_BANK', 'RECEIVED_BY_BANK', 'BANK_FAILED', 'CANCELLED'] as const)
      assert.deepEqual(checkTransition('ISSUED', to, 'CHEQUE'), { ok: false, key: 'final' });
    assert.deepEqual(checkTransition('SENT_TO_BANK', 'RECEIVED_BY_BANK', 'EFT'), {
      ok: true,
      unchanged: false,
    });
    assert.deepEqual(checkTransition('SENT_TO_BANK', 'ISSUED', 'EFT'), { ok: false, key: 'issuedEft' });
    assert.deepEqual(checkTransition('SENT_TO_BANK', 'ISSUED', 'CHEQUE'), { ok: true, unchanged: false });
    assert.deepEqual(checkTransition('RECEIVED_BY_BANK', 'SENT_TO_BANK', 'EFT'), {
      ok: false,
      key: 'notAllowed',
    });
    assert.deepEqual(checkTransition('BANK_FAILED', 'SENT_TO_BANK', 'EFT'), { ok: true, unchanged: false });
    assert.deepEqual(checkTransition('RECEIVED_BY_BANK', 'RECEIVED_BY_BANK', 'EFT'), {
      ok: true,
      unchanged: true,
    });
  });
});

describe('eMaklum status feed against the database and the SMTP catcher', () => {
  let app: TestApp;
  let treasury: TestClient;
  let today: string;
  const payments = (where: Record<string, string>) =>
    app
      .db('payments')
      .where(where)
      .orderBy('id')
      .select('id', 'voucher_no', 'status', 'method', 'payee_id_no');
  const outboxCount = async () =>
    Number((await app.db('email_outbox').where('kind', 'payment_status').count({ n: '*' }))[0]!.n);
  const historyCount = async () => Number((await app.db('payment_status_history').count({ n: '*' }))[0]!.n);

  before(async () => {
    app = await startTestApp({ sender: false });
    treasury = await signedIn(app, DEMO.treasuryOfficer.ic);
    today = (
      await app.db.raw<{ rows: { d: string }[] }>(
        `SELECT to_char(now() AT TIME ZONE 'Asia/Kuala_Lumpur', 'YYYY-MM-DD') AS d`,
      )
    ).rows[0]!.d;
  });
  after(async () => {
    await app?.close();
  });

  test('a valid file: preview, commit, history per payment, ONE email per opted-in payee in their language; the same file again changes and sends nothing', async () => {
    const mine = await payments({ payee_id_no: DEMO.activeEmployee.ic, status: 'SENT_TO_BANK' });
    const company = await payments({ payee_id_no: DEMO.company.companyId, status: 'SENT_TO_BANK' });
    assert.ok(mine.length >= 2 && company.length >= 1, 'the demo data has payments with the bank');
    // The company chose the email in English; the employee (opted in by the seed) reads Malay.
    await app
      .db('accounts')
      .where('login_id', DEMO.company.companyId)
      .update({ notify_payment_status: true, notify_locale: 'en' });
    await app
      .db('accounts')
      .where('login_id', DEMO.activeEmployee.ic)
      .update({ notify_payment_status: true, notify_locale: 'ms' });
    const csv = [
      HEADER,
      `${mine[0]!.voucher_no},RECEIVED_BY_BANK,${today},MBB20261201A1,`,
      `${mine[1]!.voucher_no},Gagal Diproses bank,${today},,Akaun telah ditutup`,
      `${company[0]!.voucher_no},RECEIVED_BY_BANK,${today},CIMB99881,`,
    ].join('\r\n');
    const emailsBefore = await outboxCount();
    const { page, path } = await preview(treasury, csv);
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    assert.ok(text.includes('Fail ini sah'), text.slice(0, 400));
    assert.equal(/data-feed-changes>(\d+)</.exec(page.html)?.[1], '3');
    // Nothing has changed yet.
    assert.equal((await payments({ voucher_no: mine[0]!.voucher_no }))[0]!.status, 'SENT_TO_BANK');

    const done = await commit(treasury, path);
    assert.equal(done.status, 303);
    const after1 = await treasury.get(done.location!);
    assert.ok(
      visibleText(after1.html).includes('3 pembayaran berubah; 2 emel'),
      visibleText(after1.html).slice(0, 600),
    );
    assert.equal((await payments({ voucher_no: mine[0]!.voucher_no }))[0]!.status, 'RECEIVED_BY_BANK');
    assert.equal((await payments({ voucher_no: mine[1]!.voucher_no }))[0]!.status, 'BANK_FAILED');
    assert.equal((await payments({ voucher_no: company[0]!.voucher_no }))[0]!.status, 'RECEIVED_BY_BANK');
    const history = await app
      .db('payment_status_history')
      .orderBy('id')
      .select('payment_id', 'from_status', 'to_status', 'failure_reason');
    assert.equal(history.length, 3);
    assert.deepEqual(history[1], {
      payment_id: mine[1]!.id,
      from_status: 'SENT_TO_BANK',
      to_status: 'BANK_FAILED',
      failure_reason: 'Akaun telah ditutup',
    });

    // One email per payee, summarising their changes, in their language.
    const emails = await app
      .db('email_outbox')
      .where('kind', 'payment_status')
      .orderBy('id')
      .select('to_address', 'subject', 'text_body');
    assert.equal(emails.length - emailsBefore, 2);
    const toEmployee = emails.find((e) => e.to_address === DEMO.activeEmployee.email)!;
    assert.ok(toEmployee.subject.includes('status pembayaran anda telah berubah'));
    assert.ok(
      toEmployee.text_body.includes(mine[0]!.voucher_no) &&
        toEmployee.text_body.includes(mine[1]!.voucher_no),
    );
    assert.ok(
      toEmployee.text_body.includes('Gagal Diproses bank') &&
        toEmployee.text_body.includes('Akaun telah ditutup'),
    );
    assert.ok(!toEmployee.text_body.includes(company[0]!.voucher_no), 'no one else’s payment');
    const toCompany = emails.find((e) => e.to_address === DEMO.company.email)!;
    assert.ok(toCompany.subject.includes('the status of your payments has changed'));
    assert.ok(
      toCompany.text_body.includes('Received by bank') &&
        toCompany.text_body.includes(company[0]!.voucher_no),
    );

    // The payment's detail page shows its history, to its payee.
    const employee = await signedIn(app, DEMO.activeEmployee.ic);
    const detail = visibleText((await employee.get(`/emaklum/${mine[1]!.id}`)).html);
    assert.ok(detail.includes('Sejarah Status') && detail.includes('Sebab: Akaun telah ditutup'), detail);

    // The same file again: recognised, changes nothing, sends nothing.
    const again = await preview(treasury, csv);
    assert.ok(again.page.html.includes('data-same-file'));
    assert.equal(/data-feed-changes>(\d+)</.exec(again.page.html)?.[1], '0');
    const historyBefore = await historyCount();
    const emailsAfterFirst = await outboxCount();
    const second = await commit(treasury, again.path);
    assert.equal(second.status, 303);
    assert.equal(await historyCount(), historyBefore);
    assert.equal(await outboxCount(), emailsAfterFirst);
    // And committing the first upload twice is refused.
    const twice = await commit(treasury, path);
    assert.equal(twice.status, 409);
    assert.equal(await outboxCount(), emailsAfterFirst);
  });

  test('illegal transitions and bad rows are refused with a message per row; nothing is stored, even for the good rows', async () => {
    const issued = (await payments({ status: 'ISSUED' }))[0]!;
    const eft = (await payments({ status: 'SENT_TO_BANK', method: 'EFT' }))[0]!;
    const good = (await payments({ status: 'SENT_TO_BANK', method: 'EFT' }))[1]!;
    const csv = [
      HEADER,
      `${good.voucher_no},RECEIVED_BY_BANK,${today},,`,
      `${issued.voucher_no},CANCELLED,${today},,`,
      `${eft.voucher_no},ISSUED,${today},,`,
      `TIADA-SEMACAM-INI,RECEIVED_BY_BANK,${today},,`,
      `${good.voucher_no},RECEIVED_BY_BANK,${today},,`,
      `X1,BANK_FAILED,${today},,`,
      `X2,DITERIMA,31/02/2026,,`,
    ].join('\n');
    const before = { history: await historyCount(), emails: await outboxCount() };
    const { page, path } = await preview(treasury, csv);
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    assert.ok(page.html.includes('data-error-summary'), 'an error summary');
    for (const expected of [
      `berstatus "Dikeluarkan", status muktamad`,
      `${eft.voucher_no} dibayar melalui EFT`,
      'Tiada pembayaran dengan No. baucar TIADA-SEMACAM-INI',
      'sudah ada pada baris 2',
      'memerlukan sebab gagal',
      'Status "DITERIMA" tidak dikenali',
      'Tarikh status "31/02/2026" tidak sah',
    ])
      assert.ok(text.includes(expected), `preview lacks "${expected}"`);
    assert.ok(!page.html.includes('/sahkan'), 'no commit button on an invalid file');
    const refused = await treasury.post(`${path}/sahkan`, { _csrf: csrfTokenIn(page.html) ?? '' });
    assert.equal(refused.status, 409);
    assert.equal(
      (await payments({ voucher_no: good.voucher_no }))[0]!.status,
      'SENT_TO_BANK',
      'the good row is not applied',
    );
    assert.equal((await payments({ voucher_no: issued.voucher_no }))[0]!.status, 'ISSUED');
    assert.equal(await historyCount(), before.history);
    assert.equal(await outboxCount(), before.emails);
  });

  test('a payment that changed between preview and commit: the whole commit is refused', async () => {
    const [a, b] = await payments({ status: 'SENT_TO_BANK', method: 'EFT' });
    const csv = [
      HEADER,
      `${a!.voucher_no},RECEIVED_BY_BANK,${today},,`,
      `${b!.voucher_no},CANCELLED,${today},,`,
    ].join('\n');
    const { path } = await preview(treasury, csv);
    await app.db('payments').where('id', b!.id).update({ status: 'CANCELLED' });
    await app.db('payments').where('id', a!.id).update({ status: 'BANK_FAILED' });
    await app.db('payments').where('id', b!.id).update({ status: 'RECEIVED_BY_BANK' });
    const before = await historyCount();
    const res = await commit(treasury, path);
    assert.equal(res.status, 409);
    assert.ok(visibleText(res.html).includes('telah berubah sejak fail disemak'));
    assert.equal(await historyCount(), before);
    assert.equal((await payments({ voucher_no: a!.voucher_no }))[0]!.status, 'BANK_FAILED');
  });

  test('an administrator grants the role "Perbendaharaan"; only then does the officer reach the upload', async () => {
    const ic = DEMO.secondActiveEmployee.ic;
    const officer = await signedIn(app, ic);
    assert.equal((await officer.get('/pentadbir/perbendaharaan')).status, 403);
    const admin = await signedIn(app, DEMO.admin.ic);
    const id = await accountId(app.db, ic);
    const page = await admin.get(`/pentadbir/admin/peranan/${id}`);
    assert.ok(visibleText(page.html).includes('Perbendaharaan'), 'the role is offered by name');
    const granted = await admin.post(`/pentadbir/admin/peranan/${id}/tambah`, {
      _csrf: csrfTokenIn(page.html) ?? '',
      role: 'treasury',
    });
    assert.equal(granted.status, 303);
    assert.deepEqual(await app.db('staff_roles').where('account_id', id).pluck('role'), ['treasury']);
    const audit = await app
      .db('audit_log')
      .where({ subject_account_id: id })
      .orderBy('id', 'desc')
      .first('action', 'details');
    assert.equal(audit.action, 'staff.admin.role_granted');
    // A privilege change ends the officer's sessions; signed in again, the upload opens.
    const again = await signedIn(app, ic);
    assert.equal((await again.get('/pentadbir/perbendaharaan')).status, 200);
  });
});
