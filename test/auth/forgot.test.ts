import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD, DEMO_SECURITY_ANSWERS } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, csrfTokenIn, visibleText } from '../helpers/http.js';
import {
  GOOD_PASSWORD,
  OTHER_GOOD_PASSWORD,
  accountId,
  auditActions,
  counts,
  emailsTo,
  englishClient,
  fieldError,
  inputValue,
  loginSteps,
  resetLinkIn,
  waitForEmail,
} from './support.js';

const SENT =
  'Jika ID Pengguna dan emel yang dimasukkan sepadan dengan akaun yang aktif, satu pautan untuk menetapkan semula kata laluan telah dihantar ke emel tersebut.';
const WRONG = 'Jawapan yang dimasukkan tidak sepadan dengan rekod. Sila cuba lagi.';
const INVALID = 'Pautan ini tidak sah, telah digunakan atau telah tamat tempoh.';
const SUBJECT = 'Tetapan semula kata laluan';

const RIGHT = {
  answer1: DEMO_SECURITY_ANSWERS[0].answer,
  answer2: DEMO_SECURITY_ANSWERS[1].answer,
  answer3: DEMO_SECURITY_ANSWERS[2].answer,
};

async function requestReset(client: TestClient, loginId: string, email: string) {
  await client.get('/lupa-kata-laluan');
  return client.post('/lupa-kata-laluan', { loginId, email });
}

/** Opens the emailed link: the token leaves the URL and the questions page follows. */
async function openLink(client: TestClient, link: string) {
  const url = new URL(link);
  const opened = await client.get(url.pathname + url.search);
  return opened.status === 303 ? client.follow(opened) : opened;
}

describe('Lupa Kata Laluan', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test('the same page and message for a match, a wrong email, an unknown ID and a pending account; one email only', async () => {
    const p = DEMO.activeEmployee;
    const pages: string[] = [];
    for (const [id, email] of [
      [p.ic, p.email.toUpperCase()],
      [p.ic, 'someone.else@selangor.gov.my'],
      ['850101105441', p.email],
      [DEMO.pendingEmployee.ic, DEMO.pendingEmployee.email],
    ] as const) {
      const page = await requestReset(new TestClient(app.baseUrl), id, email);
      assert.equal(page.status, 200);
      assert.ok(visibleText(page.html).includes(SENT));
      pages.push(page.html.replace(/name="_csrf" value="[^"]+"/g, ''));
    }
    assert.ok(
      pages.every((h) => h === pages[0]),
      'the pages are identical',
    );
    await waitForEmail(app, p.email, SUBJECT);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(emailsTo(app, p.email, SUBJECT).length, 1);
    assert.equal(emailsTo(app, DEMO.pendingEmployee.email, SUBJECT).length, 0);
  });

  test('the link: random, stored as a SHA-256 hash, one hour, built from the configured base URL', async () => {
    const p = DEMO.activeEmployee;
    const link = resetLinkIn(await waitForEmail(app, p.email, SUBJECT));
    assert.ok(link.startsWith(`${app.config.baseUrl}/lupa-kata-laluan/pautan?token=`));
    const token = new URL(link).searchParams.get('token')!;
    assert.ok(token.length >= 40);
    const row = await app
      .db('password_reset_tokens')
      .where('account_id', await accountId(app.db, p.ic))
      .orderBy('id', 'desc')
      .first();
    assert.equal(row.token_hash, createHash('sha256').update(token).digest('hex'));
    assert.ok(!JSON.stringify(await app.db('password_reset_tokens').select()).includes(token));
    const minutes = (new Date(row.expires_at).getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 59.5 && minutes <= 60);
    const email = await waitForEmail(app, p.email, SUBJECT);
    assert.ok(email.text.indexOf('Langkah seterusnya') < email.text.indexOf('Next step'));
  });

  test('a forged Host header does not change the link', async () => {
    const p = DEMO.admin;
    const client = new TestClient(app.baseUrl);
    const form = await client.get('/lupa-kata-laluan');
    const body = new URLSearchParams({
      _csrf: csrfTokenIn(form.html)!,
      loginId: p.ic,
      email: p.email,
    }).toString();
    const url = new URL(app.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: '/lupa-kata-laluan',
          method: 'POST',
          headers: {
            host: 'evil.example.com',
            'x-forwarded-host': 'evil.example.com',
            cookie: client.cookieHeader(),
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(status, 200);
    const email = await waitForEmail(app, p.email, SUBJECT);
    assert.ok(!email.text.includes('evil.example.com') && !email.html.includes('evil.example.com'));
    assert.ok(resetLinkIn(email).startsWith(app.config.baseUrl));
  });

  test('wrong answers: one message that never says which, counted toward the lockout; right answers (any case and spacing) → new password', async () => {
    const p = DEMO.activeEmployee;
    const id = await accountId(app.db, p.ic);
    const link = resetLinkIn(await waitForEmail(app, p.email, SUBJECT));
    const client = new TestClient(app.baseUrl);
    const questions = await openLink(client, link);
    assert.equal(questions.status, 200);
    assert.ok(!questions.html.includes(new URL(link).searchParams.get('token')!), 'the token left the page');
    const qText = visibleText(questions.html);
    for (const a of DEMO_SECURITY_ANSWERS) assert.ok(qText.includes(a.questionMs));

    const wrong = await client.post('/lupa-kata-laluan/soalan', { ...RIGHT, answer2: 'roti canai' });
    assert.equal(wrong.status, 400);
    assert.ok(visibleText(wrong.html).includes(WRONG));
    assert.equal(fieldError(wrong.html, 'answer2'), undefined, 'no field is named');
    assert.equal(fieldError(wrong.html, 'answer1'), undefined);
    assert.equal(inputValue(wrong.html, 'answer1'), '', 'wrong answers are not shown again');
    assert.equal((await app.db('accounts').where('id', id).first()).failed_count, 1);

    const empty = await client.post('/lupa-kata-laluan/soalan', { answer1: 'x', answer2: '', answer3: 'y' });
    assert.equal(empty.status, 400);
    assert.equal(fieldError(empty.html, 'answer2'), 'Sila masukkan Jawapan 2.');

    const right = await client.post('/lupa-kata-laluan/soalan', {
      answer1: '  CIKGU   Aminah ',
      answer2: 'Nasi\u00a0Lemak',
      answer3: 'KUCHING',
    });
    assert.equal(right.status, 303);
    assert.equal(right.location, '/lupa-kata-laluan/kata-laluan-baru');

    // Another signed-in session of the same account, which the reset must end.
    const other = new TestClient(app.baseUrl);
    assert.equal((await loginSteps(other, p.ic, DEMO_PASSWORD)).status, 303);
    assert.equal((await other.get('/profil')).status, 200);

    const form = await client.get('/lupa-kata-laluan/kata-laluan-baru');
    assert.equal(form.status, 200);
    const weak = await client.post('/lupa-kata-laluan/kata-laluan-baru', {
      newPassword: `nur aisyah ${'x'.repeat(10)}`,
      confirmPassword: `nur aisyah ${'x'.repeat(10)}`,
    });
    assert.equal(weak.status, 400);
    assert.equal(
      fieldError(weak.html, 'newPassword'),
      'Kata laluan tidak boleh mengandungi sebahagian daripada nama anda.',
    );
    const done = await client.post('/lupa-kata-laluan/kata-laluan-baru', {
      newPassword: OTHER_GOOD_PASSWORD,
      confirmPassword: OTHER_GOOD_PASSWORD,
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/');
    const home = await client.get('/');
    assert.ok(
      visibleText(home.html).includes(
        'Kata laluan anda telah ditukar dan semua sesi akaun anda telah ditamatkan.',
      ),
    );

    assert.equal((await other.get('/profil')).status, 303, 'the other session has ended');
    const notice = await waitForEmail(app, p.email, 'Kata laluan telah ditetapkan semula');
    assert.ok(notice.text.includes('Lupa Kata Laluan'));
    const actions = await auditActions(app.db, id);
    for (const a of ['password_reset.requested', 'password_reset.answers_failed', 'password_reset.completed'])
      assert.ok(actions.includes(a), a);
    assert.equal((await loginSteps(new TestClient(app.baseUrl), p.ic, DEMO_PASSWORD)).status, 401);
    assert.equal(
      (await loginSteps(new TestClient(app.baseUrl), p.ic, OTHER_GOOD_PASSWORD)).location,
      '/laman-utama',
    );

    // Single use: the same link again is refused.
    const reused = await openLink(new TestClient(app.baseUrl), link);
    assert.equal(reused.status, 410);
    assert.ok(visibleText(reused.html).includes(INVALID));
    assert.equal((await client.get('/lupa-kata-laluan/kata-laluan-baru')).status, 410);
  });

  test('an expired link and a superseded link are refused', async () => {
    const p = DEMO.payrollOfficer;
    await requestReset(new TestClient(app.baseUrl), p.ic, p.email);
    const first = resetLinkIn(await waitForEmail(app, p.email, SUBJECT, 1));
    await requestReset(new TestClient(app.baseUrl), p.ic, p.email);
    const second = resetLinkIn(await waitForEmail(app, p.email, SUBJECT, 2));
    assert.equal((await openLink(new TestClient(app.baseUrl), first)).status, 410, 'superseded');
    await app
      .db('password_reset_tokens')
      .where('account_id', await accountId(app.db, p.ic))
      .whereNull('used_at')
      .update({ expires_at: app.db.raw("now() - interval '1 second'") });
    const expired = await openLink(new TestClient(app.baseUrl), second);
    assert.equal(expired.status, 410);
    assert.ok(visibleText(expired.html).includes(INVALID));
    assert.equal(
      (await new TestClient(app.baseUrl).get('/lupa-kata-laluan/pautan?token=not-a-token')).status,
      410,
    );
  });

  test('five wrong answer sets in a row lock the account, void the link and email the owner', async () => {
    const p = DEMO.secondActiveEmployee;
    const id = await accountId(app.db, p.ic);
    await requestReset(new TestClient(app.baseUrl), p.ic, p.email);
    const link = resetLinkIn(await waitForEmail(app, p.email, SUBJECT));
    const client = new TestClient(app.baseUrl);
    await openLink(client, link);
    const token = csrfTokenIn(client.lastHtml)!;
    for (let i = 0; i < 4; i++) {
      const page = await client.post('/lupa-kata-laluan/soalan', { ...RIGHT, answer3: `bandar ${i}` });
      assert.ok(visibleText(page.html).includes(WRONG));
    }
    const fifth = await client.post('/lupa-kata-laluan/soalan', { ...RIGHT, answer1: 'cikgu salah' });
    assert.equal(fifth.status, 410);
    assert.ok(visibleText(fifth.html).includes('Pautan ini tidak lagi sah'));
    const row = await app.db('accounts').where('id', id).first();
    assert.ok(new Date(row.locked_until) > new Date());
    await waitForEmail(app, p.email, 'Akaun dikunci sementara');
    // The voided link no longer works, even with the right answers.
    const again = await client.post('/lupa-kata-laluan/soalan', { _csrf: token, ...RIGHT });
    assert.equal(again.status, 410);
  });

  test('it works while the account is locked, and a completed reset clears the lock; a wrong answer while locked voids the link', async () => {
    const p = DEMO.lockedEmployee;
    const id = await accountId(app.db, p.ic);
    assert.ok(new Date((await app.db('accounts').where('id', id).first()).locked_until) > new Date());
    // While locked, one wrong answer voids the link.
    await requestReset(new TestClient(app.baseUrl), p.ic, p.email);
    const firstLink = resetLinkIn(await waitForEmail(app, p.email, SUBJECT, 1));
    const c1 = new TestClient(app.baseUrl);
    await openLink(c1, firstLink);
    const voided = await c1.post('/lupa-kata-laluan/soalan', { ...RIGHT, answer2: 'mee goreng' });
    assert.equal(voided.status, 410);

    await requestReset(new TestClient(app.baseUrl), p.ic, p.email);
    const link = resetLinkIn(await waitForEmail(app, p.email, SUBJECT, 2));
    const client = new TestClient(app.baseUrl);
    assert.equal((await openLink(client, link)).status, 200);
    assert.equal((await client.post('/lupa-kata-laluan/soalan', RIGHT)).status, 303);
    await client.get('/lupa-kata-laluan/kata-laluan-baru');
    const done = await client.post('/lupa-kata-laluan/kata-laluan-baru', {
      newPassword: GOOD_PASSWORD,
      confirmPassword: GOOD_PASSWORD,
    });
    assert.equal(done.status, 303);
    const row = await app.db('accounts').where('id', id).first();
    assert.equal(row.locked_until, null);
    assert.equal(row.failed_count, 0);
    assert.equal(row.lock_count, 0);
    assert.equal(
      (await loginSteps(new TestClient(app.baseUrl), p.ic, GOOD_PASSWORD)).location,
      '/laman-utama',
    );
  });

  test('bad input: a message at the field in the language in use, the other entry kept, nothing stored', async () => {
    const before = await counts(app.db);
    const ms = await requestReset(new TestClient(app.baseUrl), '', '');
    assert.equal(ms.status, 400);
    assert.equal(fieldError(ms.html, 'loginId'), 'Sila masukkan ID Pengguna.');
    assert.equal(fieldError(ms.html, 'email'), 'Sila masukkan Emel.');
    const en = await requestReset(await englishClient(app.baseUrl), DEMO.activeEmployee.ic, 'not an email');
    assert.equal(en.status, 400);
    assert.equal(fieldError(en.html, 'email'), 'The email is not valid.');
    assert.equal(inputValue(en.html, 'loginId'), DEMO.activeEmployee.ic);
    const long = await requestReset(new TestClient(app.baseUrl), 'X'.repeat(31), 'a@b.gov.my');
    assert.equal(
      fieldError(long.html, 'loginId'),
      'ID Pengguna tidak sah. Masukkan No Kad Pengenalan 12 digit atau ID Syarikat.',
    );
    assert.equal(inputValue(long.html, 'email'), 'a@b.gov.my');
    assert.deepEqual(await counts(app.db), before);
  });
});
