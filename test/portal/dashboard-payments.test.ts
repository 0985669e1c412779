import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { visibleText } from '../helpers/http.js';
import { rm, signIn } from './portal-helpers.js';

/** Issue 12 item 4: "Pembayaran Dalam Proses" counts only payments still with the bank, and its link shows exactly those. */
describe('the dashboard’s “Pembayaran Dalam Proses” on the demo data', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app?.close();
  });

  test('the count and sum equal a direct SQL count of “Dihantar ke bank”, and “Lihat Terperinci” lists exactly those payments', async () => {
    const ic = DEMO.activeEmployee.ic;
    const mine = () => app.db('payments').where({ payee_kind: 'employee', payee_id_no: ic });
    const sent = await mine()
      .where('status', 'SENT_TO_BANK')
      .orderBy('id')
      .select<{ voucher_no: string; amount_sen: string }[]>('voucher_no', 'amount_sen');
    const received = await mine().where('status', 'RECEIVED_BY_BANK').count<{ n: string }[]>({ n: '*' });
    // The scenario seen: payments already received by the bank must not be counted.
    assert.ok(sent.length > 0 && Number(received[0]!.n) > 0, 'the demo data has both statuses');
    const total = sent.reduce((s, p) => s + Number(p.amount_sen), 0);

    const client = await signIn(app, ic);
    const dashboard = await client.get('/laman-utama');
    const text = visibleText(dashboard.html);
    assert.ok(
      text.includes(`${sent.length} pembayaran berjumlah ${rm(total)} sedang diproses oleh bank.`),
      `dashboard: ${text.slice(text.indexOf('Pembayaran Dalam Proses'), text.indexOf('Pembayaran Dalam Proses') + 200)}`,
    );
    const href = /<a [^>]*href="([^"]+)"[^>]*data-payments-link/
      .exec(dashboard.html)?.[1]
      ?.replace(/&amp;/g, '&');
    assert.equal(href, '/emaklum?status=SENT_TO_BANK');

    // Every page of the linked list: the same set of vouchers, nothing more.
    const listed: string[] = [];
    let next: string | undefined = href;
    for (let guard = 0; next && guard < 50; guard++) {
      const page = await client.get(next);
      assert.equal(page.status, 200);
      for (const m of page.html.matchAll(/<a href="\/emaklum\/\d+" class="nowrap">([^<]+)<\/a>/g))
        listed.push(m[1]!);
      next = /<a [^>]*href="([^"]+)"[^>]*rel="next"/.exec(page.html)?.[1]?.replace(/&amp;/g, '&');
    }
    assert.deepEqual(listed.sort(), sent.map((p) => p.voucher_no).sort());
    assert.ok(visibleText((await client.get(href)).html).includes(String(sent.length)));
  });
});
