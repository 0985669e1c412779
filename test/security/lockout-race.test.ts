import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD, DEMO_SECURITY_ANSWERS } from '../../seeds/demo-accounts.js';
import { argon2Calls } from '../helpers/argon2-calls.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, csrfTokenIn, visibleText, type Page } from '../helpers/http.js';
import { accountId, resetLinkIn, waitForEmail } from '../auth/support.js';

/**
 * Issue 11, item 2: the lockout bounds guesses per account. A locked account is not verified and
 * answers as a wrong password does; attempts are claimed in the database before verification, so
 * a concurrent burst gets no more verifications than a series would.
 */
const FAILED = 'ID Pengguna atau Kata Laluan tidak sah.';
const LOCKED = 'Akaun anda telah dikunci buat sementara';
const LIMIT = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Step 2 without what legitimately differs between two IDs or sessions. */
function shape(html: string): string {
  return html
    .replace(/<span data-secret-phrase>[^<]*<\/span>/, '')
    .replace(/src="\/public\/img\/secret\/[^"]+"/, '')
    .replace(/alt="Imej rahsia anda: [^"]*"/, '')
    .replace(/value="[0-9A-Z-]+" readonly/, '')
    .replace(/name="_csrf" value="[^"]+"/g, '');
}

describe('lockout: guesses per account are bounded (issue 11, item 2)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  async function unlock(loginId: string) {
    await app
      .db('accounts')
      .where('login_id', loginId)
      .update({ failed_count: 0, lock_count: 0, locked_until: null });
    // The per-IP limits are not what this file tests.
    await app.db('rate_limits').delete();
  }

  async function lastAuditId(): Promise<number> {
    const row = await app.db('audit_log').max<{ max: number | null }>('id as max').first();
    return Number(row?.max ?? 0);
  }

  /** Password checks against the account's own hash since `fromId`, read from the audit log. */
  async function verificationsSince(fromId: number, id: number): Promise<number> {
    const rows = await app
      .db('audit_log')
      .where('id', '>', fromId)
      .andWhere('subject_account_id', id)
      .whereIn('action', ['login.failed', 'login.ok'])
      .select<{ action: string; details: { reason?: string } }[]>('action', 'details');
    return rows.filter((r) => r.action === 'login.ok' || r.details.reason !== 'locked').length;
  }

  async function stepTwo(loginId: string): Promise<TestClient> {
    const c = new TestClient(app.baseUrl);
    await c.get('/');
    assert.equal((await c.post('/log-masuk', { loginId })).status, 200);
    return c;
  }

  /**
   * n concurrent wrong passwords; once the database shows the allowance spent, the right password
   * joins the burst while wrong ones are still in flight.
   */
  async function burst(n: number) {
    const p = DEMO.secondActiveEmployee;
    const id = await accountId(app.db, p.ic);
    await unlock(p.ic);
    const clients = await Promise.all(Array.from({ length: 4 }, () => stepTwo(p.ic)));
    const fromAudit = await lastAuditId();
    const argonBefore = argon2Calls.verifications;
    let settled = 0;
    const wrong = Array.from({ length: n }, (_, i) =>
      clients[i % clients.length]!.post('/log-masuk/kata-laluan', { password: `tekaan salah ${i}` }).finally(
        () => (settled += 1),
      ),
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      const row = await app.db('accounts').where('id', id).first<{ failed_count: number }>('failed_count');
      if (row.failed_count >= LIMIT || Date.now() > deadline) break;
      await sleep(2);
    }
    const inFlight = n - settled;
    const right = clients[0]!.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    const pages: Page[] = await Promise.all([...wrong, right]);
    return {
      id,
      pages,
      rightPage: pages[n]!,
      inFlight,
      fromAudit,
      argon: argon2Calls.verifications - argonBefore,
    };
  }

  for (const n of [20, 95]) {
    test(`${n} concurrent wrong passwords and a right one in the burst: ${LIMIT} verified, no login, the lock holds`, async () => {
      const r = await burst(n);
      assert.ok(r.inFlight > 0, `the right password went in while ${r.inFlight} wrong ones were in flight`);
      assert.equal(
        await verificationsSince(r.fromAudit, r.id),
        LIMIT,
        'only the claimed attempts were checked against the password',
      );
      assert.ok(
        r.pages.every((pg) => pg.status === 401),
        `no request logged in: ${r.pages.map((pg) => pg.status).join(',')}`,
      );
      assert.equal(r.rightPage.location, null);
      const row = await app.db('accounts').where('id', r.id).first();
      assert.ok(row.locked_until && new Date(row.locked_until) > new Date(), 'the lock is still set');
      assert.equal(row.lock_count, 1, 'one lock for the whole burst');
      const locks = await app
        .db('audit_log')
        .where({ action: 'account.locked', subject_account_id: r.id })
        .andWhere('id', '>', r.fromAudit);
      assert.equal(locks.length, 1, 'the lock is announced once');
      // Every request cost one argon2 run (a dummy one when refused), so the time tells nothing.
      assert.equal(r.argon, n + 1);
    });
  }

  test('while locked nothing is verified and the answer is the same for the right and a wrong password, and for an unknown ID', async () => {
    const p = DEMO.secondActiveEmployee;
    const id = await accountId(app.db, p.ic);
    await unlock(p.ic);
    // The owner's own browser: five wrong in a row lock the account.
    const owner = await stepTwo(p.ic);
    for (let i = 0; i < LIMIT; i++) {
      const page = await owner.post('/log-masuk/kata-laluan', { password: `salah ${i}` });
      assert.ok(visibleText(page.html).includes(FAILED));
    }
    const fromAudit = await lastAuditId();
    // That browser is told of the lock from then on, whatever it types, with the way out.
    const ownerRight = await owner.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    const ownerWrong = await owner.post('/log-masuk/kata-laluan', { password: 'salah lagi' });
    assert.equal(ownerRight.status, 401);
    assert.ok(visibleText(ownerRight.html).includes(LOCKED));
    assert.ok(visibleText(ownerRight.html).includes('Lupa Kata Laluan'));
    assert.equal(shape(ownerRight.html), shape(ownerWrong.html), 'right and wrong: the same answer');

    // A stranger's browser: the right and a wrong password get the page an unknown ID gets.
    const strangerRight = await (
      await stepTwo(p.ic)
    ).post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    const strangerWrong = await (await stepTwo(p.ic)).post('/log-masuk/kata-laluan', { password: 'x salah' });
    const unknown = await (
      await stepTwo('850101105441')
    ).post('/log-masuk/kata-laluan', { password: 'x salah' });
    for (const page of [strangerRight, strangerWrong, unknown]) {
      assert.equal(page.status, 401);
      assert.ok(visibleText(page.html).includes(FAILED));
    }
    assert.equal(shape(strangerRight.html), shape(strangerWrong.html));
    assert.equal(shape(strangerRight.html), shape(unknown.html), 'a locked ID answers as an unknown one');
    // An unknown ID's own browser is "locked" after five failures too: the lock says nothing of the ID.
    const unknownBrowser = await stepTwo('850101105441');
    let last: Page | undefined;
    for (let i = 0; i <= LIMIT; i++)
      last = await unknownBrowser.post('/log-masuk/kata-laluan', { password: `u ${i}` });
    assert.ok(visibleText(last!.html).includes(LOCKED));
    assert.equal(shape(last!.html), shape(ownerRight.html));

    assert.equal(await verificationsSince(fromAudit, id), 0, 'no password was verified while locked');
    const row = await app.db('accounts').where('id', id).first();
    assert.equal(row.lock_count, 1, 'the right password did not clear the lock');
    assert.ok(new Date(row.locked_until) > new Date());
  });

  test('security answers: 20 concurrent wrong sets on one reset link have at most five checked', async () => {
    const p = DEMO.activeEmployee;
    const id = await accountId(app.db, p.ic);
    await unlock(p.ic);
    const c = new TestClient(app.baseUrl);
    await c.get('/lupa-kata-laluan');
    await c.post('/lupa-kata-laluan', { loginId: p.ic, email: p.email });
    const link = new URL(resetLinkIn(await waitForEmail(app, p.email, 'Tetapan semula kata laluan')));
    const questions = await c.follow(await c.get(link.pathname + link.search));
    assert.equal(questions.status, 200);
    const fromAudit = await lastAuditId();
    const wrong = { answer1: 'salah', answer2: 'salah', answer3: 'salah' };
    const pages = await Promise.all(
      Array.from({ length: 20 }, () => c.post('/lupa-kata-laluan/soalan', { ...wrong })),
    );
    assert.ok(pages.every((pg) => pg.status === 400 || pg.status === 410));
    const failed = await app
      .db('audit_log')
      .where({ action: 'password_reset.answers_failed', subject_account_id: id })
      .andWhere('id', '>', fromAudit)
      .select<{ details: { verified?: boolean } }[]>('details');
    const checked = failed.filter((r) => r.details.verified !== false).length;
    assert.ok(checked <= LIMIT, `${checked} answer sets were checked`);
    // The link is void now, even with the right answers.
    const right = await c.post('/lupa-kata-laluan/soalan', {
      _csrf: csrfTokenIn(questions.html)!,
      answer1: DEMO_SECURITY_ANSWERS[0].answer,
      answer2: DEMO_SECURITY_ANSWERS[1].answer,
      answer3: DEMO_SECURITY_ANSWERS[2].answer,
    });
    assert.equal(right.status, 410);
  });
});
