import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { maskIc } from '../../src/core/format.js';
import { DEMO, DEMO_PASSWORD, DEMO_STAFF, DEMO_TEMP_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText, type Page } from '../helpers/http.js';
import { accountId, employeeId, signedIn } from './staff-helpers.js';

/** Helpdesk lookup (issue 5, item 4): status, unlock, re-send, masked IC, and no salary figure. */
describe('helpdesk', () => {
  let app: TestApp;
  let helpdesk: TestClient;
  let salaryFigures: string[];
  const pages: { url: string; page: Page }[] = [];

  /** Every helpdesk page the tests render is kept and checked for money at the end. */
  const keep = (url: string, page: Page) => {
    pages.push({ url, page });
    return page;
  };

  before(async () => {
    app = await startTestApp();
    helpdesk = await signedIn(app, DEMO_STAFF.helpdesk.ic);
    // The seeded money of the users looked up: payslip lines and loans, as a page would print them.
    const people = [DEMO.activeEmployee.ic, DEMO.lockedEmployee.ic, DEMO.pendingEmployee.ic];
    const ids = await Promise.all(people.map((ic) => employeeId(app.db, ic)));
    const lines = await app
      .db('payslip_lines as l')
      .join('payslips as p', 'p.id', 'l.payslip_id')
      .whereIn('p.employee_id', ids)
      .where('l.amount_sen', '>=', 10000)
      .distinct()
      .pluck('l.amount_sen');
    const loans = await app.db('loans').whereIn('employee_id', ids).pluck('monthly_sen');
    const figures = new Set<string>();
    for (const sen of [...lines, ...loans].map(Number)) {
      const plain = `${Math.floor(sen / 100)}.${String(sen % 100).padStart(2, '0')}`;
      figures.add(plain);
      figures.add(plain.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    }
    salaryFigures = [...figures];
    assert.ok(salaryFigures.length > 10, 'the demo has salary figures to look for');
  });
  after(async () => {
    await app?.close();
  });

  test('finds users by IC, name or email; IC numbers are masked in the results', async () => {
    const byName = keep('search name', await helpdesk.get('/pentadbir/helpdesk?q=Jimmy'));
    assert.equal(byName.status, 200);
    const text = visibleText(byName.html);
    assert.ok(text.includes(DEMO.lockedEmployee.name));
    assert.ok(text.includes(maskIc(DEMO.lockedEmployee.ic)), 'masked IC shown');
    assert.ok(!byName.html.includes(DEMO.lockedEmployee.ic), 'the full IC is not on the page');
    assert.ok(text.includes('Dikunci'));

    const byIc = keep(
      'search ic',
      await helpdesk.get(
        `/pentadbir/helpdesk?q=${DEMO.activeEmployee.ic.slice(0, 6)}-${DEMO.activeEmployee.ic.slice(6, 8)}-${DEMO.activeEmployee.ic.slice(8)}`,
      ),
    );
    assert.ok(visibleText(byIc.html).includes(DEMO.activeEmployee.name));

    const byEmail = keep(
      'search email',
      await helpdesk.get(`/pentadbir/helpdesk?q=${encodeURIComponent(DEMO.pendingEmployee.email)}`),
    );
    assert.ok(visibleText(byEmail.html).includes(DEMO.pendingEmployee.name));
    assert.ok(visibleText(byEmail.html).includes('Menunggu pengaktifan'));

    const noAccount = keep(
      'search no account',
      await helpdesk.get(`/pentadbir/helpdesk?q=${encodeURIComponent(DEMO.firstTimeEmployee.name)}`),
    );
    assert.ok(visibleText(noAccount.html).includes('Tiada akaun'));

    const company = keep(
      'search company',
      await helpdesk.get(`/pentadbir/helpdesk?q=${DEMO.company.companyId}`),
    );
    assert.ok(visibleText(company.html).includes(DEMO.company.name));

    const tooShort = keep('search short', await helpdesk.get('/pentadbir/helpdesk?q=ab'));
    assert.equal(tooShort.status, 400);
    const broad = keep('search broad', await helpdesk.get('/pentadbir/helpdesk?q=binti'));
    assert.equal(broad.status, 200);
    keep('search form', await helpdesk.get('/pentadbir/helpdesk'));
  });

  test('the account page shows status, failures, lock and events; "Papar" reveals the IC and is audited', async () => {
    const id = await accountId(app.db, DEMO.lockedEmployee.ic);
    const page = keep('locked account', await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`));
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    for (const expected of [
      'Dikunci',
      'Cubaan gagal berturut-turut 5',
      'Dikunci sehingga',
      'Log masuk terakhir',
      'Papar',
      maskIc(DEMO.lockedEmployee.ic),
    ])
      assert.ok(text.includes(expected), `account page lacks "${expected}"`);
    assert.ok(!page.html.includes(DEMO.lockedEmployee.ic), 'IC masked until Papar');

    const auditBefore = await app
      .db('audit_log')
      .where({ action: 'staff.helpdesk.reveal_ic', subject_account_id: id })
      .count();
    const revealed = keep('revealed', await helpdesk.post(`/pentadbir/helpdesk/akaun/${id}/papar`, {}));
    assert.equal(revealed.status, 200);
    assert.ok(visibleText(revealed.html).includes(DEMO.lockedEmployee.ic), 'the full IC after Papar');
    const helpdeskId = await accountId(app.db, DEMO_STAFF.helpdesk.ic);
    const audit = await app
      .db('audit_log')
      .where({ action: 'staff.helpdesk.reveal_ic', subject_account_id: id, actor_account_id: helpdeskId });
    assert.equal(audit.length, Number((auditBefore[0] as { count: number }).count) + 1);
    // The next view is masked again.
    const again = keep('masked again', await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`));
    assert.ok(!again.html.includes(DEMO.lockedEmployee.ic));
  });

  test('unlocking a locked account lets its owner log in', async () => {
    const id = await accountId(app.db, DEMO.lockedEmployee.ic);
    await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`);
    const res = await helpdesk.post(`/pentadbir/helpdesk/akaun/${id}/buka-kunci`, {});
    assert.equal(res.status, 303);
    const page = keep('unlocked', await helpdesk.follow(res));
    const text = visibleText(page.html);
    assert.ok(text.includes('Akaun telah dibuka kunci'));
    assert.ok(text.includes('Aktif') && text.includes('Dibuka kunci oleh Helpdesk'), 'status and event');
    const row = await app.db('accounts').where('id', id).first();
    assert.equal(row.locked_until, null);
    assert.equal(row.failed_count, 0);
    await signedIn(app, DEMO.lockedEmployee.ic, DEMO_PASSWORD);
    const audit = await app
      .db('audit_log')
      .where({ action: 'staff.helpdesk.unlock', subject_account_id: id })
      .first();
    assert.ok(audit);
  });

  test('re-sending the first-time email issues a new temporary password and shows its delivery', async () => {
    const id = await accountId(app.db, DEMO.pendingEmployee.ic);
    await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`);
    const res = await helpdesk.post(`/pentadbir/helpdesk/akaun/${id}/hantar-semula`, {});
    assert.equal(res.status, 303);
    assert.match(
      visibleText((await helpdesk.follow(res)).html),
      /Kata laluan sementara baharu telah dimasukkan/,
    );
    const email = await app.smtp.waitFor(
      (m) => m.to.includes(DEMO.pendingEmployee.email) && /Kata laluan sementara/.test(m.subject),
    );
    const temp = /Kata laluan sementara: (\S+)/.exec(email.text)?.[1];
    assert.ok(temp, 'the email holds the new temporary password');
    // The delivery result is shown once the outbox sender has sent it.
    let page: Page | undefined;
    for (let i = 0; i < 50; i++) {
      page = await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`);
      if (visibleText(page.html).includes('Telah dihantar')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    keep('after resend', page!);
    assert.ok(visibleText(page!.html).includes('Telah dihantar'));
    // The seeded temporary password no longer works; the new one leads to activation.
    const old = new TestClient(app.baseUrl);
    await old.get('/');
    await old.post('/log-masuk', { loginId: DEMO.pendingEmployee.ic });
    assert.notEqual((await old.post('/log-masuk/kata-laluan', { password: DEMO_TEMP_PASSWORD })).status, 303);
    const fresh = new TestClient(app.baseUrl);
    await fresh.get('/');
    await fresh.post('/log-masuk', { loginId: DEMO.pendingEmployee.ic });
    const ok = await fresh.post('/log-masuk/kata-laluan', { password: temp });
    assert.equal(ok.status, 303);
    assert.match(ok.location ?? '', /pengaktifan/);
  });

  test('a failed delivery is shown with its error', async () => {
    const id = await accountId(app.db, DEMO.pendingEmployee.ic);
    app.smtp.rejectRecipients.add(DEMO.pendingEmployee.email);
    await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`);
    await helpdesk.post(`/pentadbir/helpdesk/akaun/${id}/hantar-semula`, {});
    let text = '';
    for (let i = 0; i < 80; i++) {
      const page = await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`);
      text = visibleText(page.html);
      if (text.includes('Gagal dihantar')) {
        keep('delivery failed', page);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    app.smtp.rejectRecipients.delete(DEMO.pendingEmployee.email);
    assert.ok(text.includes('Gagal dihantar'), text.slice(-600));
    assert.match(text, /Ralat: .*550/);
  });

  test('re-sending is refused for an active account', async () => {
    const id = await accountId(app.db, DEMO.activeEmployee.ic);
    keep('active account', await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`));
    const res = keep(
      'resend refused',
      await helpdesk.post(`/pentadbir/helpdesk/akaun/${id}/hantar-semula`, {}),
    );
    assert.equal(res.status, 400);
    assert.match(visibleText(res.html), /hanya untuk akaun yang menunggu pengaktifan/);
    const notLocked = await helpdesk.post(`/pentadbir/helpdesk/akaun/${id}/buka-kunci`, {});
    keep('not locked', await helpdesk.follow(notLocked));
    keep('revealed active', await helpdesk.post(`/pentadbir/helpdesk/akaun/${id}/papar`, {}));
    assert.equal((await helpdesk.get('/pentadbir/helpdesk/akaun/99999999')).status, 404);
  });

  test('no helpdesk page shows a money amount or a seeded salary figure', () => {
    assert.ok(pages.length >= 15, `${pages.length} pages checked`);
    for (const { url, page } of pages) {
      const text = visibleText(page.html);
      assert.doesNotMatch(text, /RM\s?\d/, `${url} shows money`);
      for (const figure of salaryFigures)
        assert.ok(!text.includes(figure), `${url} shows the salary figure ${figure}`);
    }
  });
});
