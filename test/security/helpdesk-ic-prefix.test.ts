/**
 * Issue 11, item 9: the helpdesk list shows IC numbers masked (`8607******19`), but the search
 * matched IC prefixes, so a helpdesk officer recovered a masked IC digit by digit in about 23
 * searches, without the audited "Papar". The attack is run here as it was done; it must learn
 * nothing, while a whole IC, a whole email and whole name words still find the person.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { maskIc } from '../../src/core/format.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient, visibleText } from '../helpers/http.js';

describe('helpdesk search cannot reveal a masked IC', () => {
  let app: TestApp;
  let helpdesk: TestClient;
  const target = DEMO.lockedEmployee;

  before(async () => {
    app = await startTestApp();
    helpdesk = new TestClient(app.baseUrl);
    assert.equal((await login(helpdesk, DEMO.helpdesk.ic, DEMO_PASSWORD)).status, 200);
  });
  after(() => app.close());

  const search = (q: string) => helpdesk.get(`/pentadbir/helpdesk?q=${encodeURIComponent(q)}`);
  const lists = (html: string) => visibleText(html).includes(target.name);

  test('the digit-by-digit prefix attack recovers no digit', async () => {
    // What the officer sees: the name search gives the masked IC, first four and last two digits.
    const byName = await search('Jimmy');
    assert.ok(visibleText(byName.html).includes(maskIc(target.ic)));
    let known = target.ic.slice(0, 4);
    let searches = 0;
    const statuses = new Set<number>();
    // Each hidden digit: try 0-9 after what is known; the one that still lists the target wins.
    for (let position = 4; position < 10; position++) {
      let found: string | undefined;
      for (let d = 0; d <= 9 && !found; d++) {
        const page = await search(`${known}${d}`);
        searches += 1;
        statuses.add(page.status);
        if (lists(page.html)) found = String(d);
      }
      if (!found) break;
      known += found;
    }
    assert.equal(
      known,
      target.ic.slice(0, 4),
      `the attack learnt digits: ${known} after ${searches} searches`,
    );
    assert.deepEqual([...statuses], [400], 'each partial IC is refused with a message');
    const refused = await search(`${target.ic.slice(0, 6)}-${target.ic.slice(6, 8)}`);
    assert.equal(refused.status, 400);
    assert.match(visibleText(refused.html), /No Kad Pengenalan penuh: 12 digit/);
  });

  test('a prefix with the last digits (dashes, spaces) or inside a name or email search finds nothing either', async () => {
    for (const q of [
      `${target.ic.slice(0, 11)}`,
      `${target.ic.slice(0, 6)} ${target.ic.slice(6, 8)} ${target.ic.slice(8, 11)}`,
      `Jimmy ${target.ic.slice(0, 6)}`,
      `%${target.ic.slice(0, 6)}%`,
    ]) {
      const page = await search(q);
      assert.ok(!lists(page.html), `"${q}" listed the target`);
    }
  });

  test('whole values still find the person: the IC (with or without dashes), the email, whole name words', async () => {
    const ic = target.ic;
    for (const q of [
      ic,
      `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`,
      target.email,
      'jimmy',
      'Jimmy Jugah',
    ]) {
      const page = await search(q);
      assert.equal(page.status, 200, q);
      assert.ok(lists(page.html), `"${q}" should find ${target.name}`);
    }
    for (const q of ['Jimm', 'immy', target.email.slice(0, -3), 'jugah.com']) {
      const page = await search(q);
      assert.ok(!lists(page.html), `"${q}" is not a whole word or address`);
    }
  });

  test('the full IC is still shown only through the audited "Papar"', async () => {
    const page = await search(target.ic);
    assert.ok(
      !page.html.includes(`>${target.ic}<`),
      'the list keeps the IC masked even for a whole-IC search',
    );
    const account = await app.db('accounts').where('login_id', target.ic).first<{ id: number }>('id');
    await helpdesk.get(`/pentadbir/helpdesk/akaun/${account!.id}`);
    const shown = await helpdesk.post(`/pentadbir/helpdesk/akaun/${account!.id}/papar`, {});
    assert.ok(visibleText(shown.html).includes(target.ic));
    const audited = await app
      .db('audit_log')
      .where({ action: 'staff.helpdesk.reveal_ic', subject_account_id: account!.id })
      .count<{ n: number }[]>({ n: '*' });
    assert.equal(Number(audited[0]!.n), 1);
  });
});
