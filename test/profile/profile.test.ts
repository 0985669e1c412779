import assert from 'node:assert/strict';
import argon2 from 'argon2';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD, DEMO_SECRET_PHRASE } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import {
  GOOD_PASSWORD,
  OTHER_GOOD_PASSWORD,
  accountId,
  auditActions,
  fieldError,
  imageId,
  inputValue,
  loginSteps,
  questionIds,
  waitForEmail,
} from '../auth/support.js';

async function signedIn(app: TestApp, loginId: string, password = DEMO_PASSWORD): Promise<TestClient> {
  const client = new TestClient(app.baseUrl);
  const done = await loginSteps(client, loginId, password);
  assert.equal(done.status, 303, `login of ${loginId}`);
  await client.get('/laman-utama');
  return client;
}

describe('Profil', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test('needs a signed-in user; shows the user, the three changes and the eMaklum preference', async () => {
    // The login page, which brings the user back to /profil after login (issue 14 item 2).
    assert.equal((await new TestClient(app.baseUrl).get('/profil')).location, '/?kembali=%2Fprofil');
    const client = await signedIn(app, DEMO.activeEmployee.ic);
    const page = await client.get('/profil');
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    for (const s of [
      'Profil Pengguna',
      DEMO.activeEmployee.ic,
      DEMO.activeEmployee.name,
      DEMO.activeEmployee.email,
      'Tukar Kata Laluan',
      'Tukar Soalan dan Jawapan Rahsia',
      'Tukar Frasa Rahsia dan Imej',
      'Emelkan saya apabila status pembayaran saya berubah',
    ])
      assert.ok(text.includes(s), `lacks "${s}"`);
  });

  test('the eMaklum "email me when a payment status changes" preference', async () => {
    const client = await signedIn(app, DEMO.company.companyId);
    const id = await accountId(app.db, DEMO.company.companyId);
    await client.get('/profil');
    const on = await client.post('/profil/notifikasi', { notifyPaymentStatus: '1' });
    assert.equal(on.location, '/profil');
    assert.equal((await app.db('accounts').where('id', id).first()).notify_payment_status, true);
    const page = await client.get('/profil');
    assert.match(page.html, /id="notifyPaymentStatus" name="notifyPaymentStatus" value="1" checked/);
    assert.ok(visibleText(page.html).includes('Tetapan notifikasi telah disimpan.'));
    await client.post('/profil/notifikasi', {});
    assert.equal((await app.db('accounts').where('id', id).first()).notify_payment_status, false);
    assert.ok((await auditActions(app.db, id)).includes('preferences.changed'));
    const last = await app
      .db('audit_log')
      .where({ action: 'preferences.changed', subject_account_id: id })
      .orderBy('id', 'desc')
      .first();
    assert.deepEqual(last.details, { notifyPaymentStatus: false, via: 'profile' });
  });

  test('change password: the current one is needed, the policy holds, other sessions end, confirmed by email and audited', async () => {
    const p = DEMO.activeEmployee;
    const id = await accountId(app.db, p.ic);
    const other = await signedIn(app, p.ic);
    const client = await signedIn(app, p.ic);
    const sidBefore = client.cookie('ispeks.sid');
    await client.get('/profil/kata-laluan');

    const empty = await client.post('/profil/kata-laluan', {});
    assert.equal(empty.status, 400);
    assert.equal(fieldError(empty.html, 'currentPassword'), 'Sila masukkan Kata Laluan Semasa.');
    assert.equal(fieldError(empty.html, 'newPassword'), 'Sila masukkan Kata Laluan Baru.');

    const wrong = await client.post('/profil/kata-laluan', {
      currentPassword: 'not my password',
      newPassword: GOOD_PASSWORD,
      confirmPassword: GOOD_PASSWORD,
    });
    assert.equal(wrong.status, 400);
    assert.equal(fieldError(wrong.html, 'currentPassword'), 'Kata Laluan Semasa tidak betul.');
    assert.equal(
      (await app.db('accounts').where('id', id).first()).failed_count,
      1,
      'counted toward the lockout',
    );

    const short = await client.post('/profil/kata-laluan', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'too short',
      confirmPassword: 'too short',
    });
    assert.equal(
      fieldError(short.html, 'newPassword'),
      'Kata Laluan Baru mesti sekurang-kurangnya 15 aksara.',
    );
    assert.ok(
      !short.html.includes(DEMO_PASSWORD) && !short.html.includes('too short'),
      'no password shown again',
    );
    const withIc = await client.post('/profil/kata-laluan', {
      currentPassword: DEMO_PASSWORD,
      newPassword: `kata ${p.ic} laluan`,
      confirmPassword: `kata ${p.ic} laluan`,
    });
    assert.equal(
      fieldError(withIc.html, 'newPassword'),
      'Kata laluan tidak boleh mengandungi No Kad Pengenalan atau ID Pengguna anda.',
    );

    const done = await client.post('/profil/kata-laluan', {
      currentPassword: DEMO_PASSWORD,
      newPassword: GOOD_PASSWORD,
      confirmPassword: GOOD_PASSWORD,
    });
    assert.equal(done.status, 303);
    assert.notEqual(client.cookie('ispeks.sid'), sidBefore, 'a new session ID');
    const profile = await client.get('/profil');
    assert.equal(profile.status, 200, 'this session goes on');
    assert.ok(visibleText(profile.html).includes('Kata laluan telah ditukar.'));
    assert.equal((await other.get('/profil')).status, 303, 'the other session has ended');
    const email = await waitForEmail(app, p.email, 'Kata laluan telah ditukar');
    assert.equal(email.subject, 'Portal iSPEKS: Kata laluan telah ditukar / Password changed');
    assert.match(email.text, /The password of your Portal iSPEKS account was changed on the Profile page/);
    assert.ok((await auditActions(app.db, id)).includes('password.changed'));
    assert.equal(
      (await loginSteps(new TestClient(app.baseUrl), p.ic, GOOD_PASSWORD)).location,
      '/laman-utama',
    );
    assert.equal((await loginSteps(new TestClient(app.baseUrl), p.ic, DEMO_PASSWORD)).status, 401);
  });

  test('change security questions: three different ones, normalised answers stored as argon2id hashes', async () => {
    const p = DEMO.activeEmployee;
    const id = await accountId(app.db, p.ic);
    const client = await signedIn(app, p.ic, GOOD_PASSWORD);
    const form = await client.get('/profil/soalan');
    assert.equal(form.status, 200);
    const q = await questionIds(app.db);
    const dup = await client.post('/profil/soalan', {
      currentPassword: GOOD_PASSWORD,
      question1: String(q[5]),
      answer1: 'Ali',
      question2: String(q[5]),
      answer2: 'Harimau',
      question3: String(q[7]),
      answer3: 'x'.repeat(101),
    });
    assert.equal(dup.status, 400);
    assert.equal(fieldError(dup.html, 'question2'), 'Sila pilih tiga soalan yang berlainan.');
    assert.equal(fieldError(dup.html, 'answer3'), 'Jawapan 3 tidak boleh melebihi 100 aksara.');
    assert.equal(inputValue(dup.html, 'answer1'), 'Ali', 'entries kept');
    const done = await client.post('/profil/soalan', {
      currentPassword: GOOD_PASSWORD,
      question1: String(q[5]),
      answer1: '  Ahmad   ALI ',
      question2: String(q[7]),
      answer2: 'Sang Kancil',
      question3: String(q[8]),
      answer3: 'Doktor',
    });
    assert.equal(done.status, 303);
    const answers = await app.db('account_answers').where('account_id', id).orderBy('position');
    assert.deepEqual(
      answers.map((a) => a.question_id),
      [q[5], q[7], q[8]],
    );
    assert.ok(await argon2.verify(answers[0].answer_hash, 'ahmad ali'));
    assert.match(answers[0].answer_hash, /^\$argon2id\$/);
    await waitForEmail(app, p.email, 'Soalan rahsia telah ditukar');
    assert.ok((await auditActions(app.db, id)).includes('questions.changed'));
    const audit = JSON.stringify(await app.db('audit_log').where('subject_account_id', id).select('details'));
    assert.ok(
      !audit.toLowerCase().includes('ahmad ali') && !audit.includes(GOOD_PASSWORD),
      'no answer or password in the audit log',
    );
  });

  test('change phrase and image: shown at the next login (escaped), confirmed by email and audited', async () => {
    const p = DEMO.activeEmployee;
    const id = await accountId(app.db, p.ic);
    const client = await signedIn(app, p.ic, GOOD_PASSWORD);
    const form = await client.get('/profil/frasa');
    assert.equal(inputValue(form.html, 'phrase'), DEMO_SECRET_PHRASE, 'the current phrase is filled in');
    const kucing = await imageId(app.db, 'kucing');
    const bad = await client.post('/profil/frasa', {
      currentPassword: GOOD_PASSWORD,
      image: '9999',
      phrase: '',
    });
    assert.equal(bad.status, 400);
    assert.equal(fieldError(bad.html, 'image'), 'Sila pilih satu imej.');
    assert.equal(fieldError(bad.html, 'phrase'), 'Sila masukkan Frasa Rahsia.');
    const phrase = 'Kucing <i>Oren</i> "Comel"';
    const done = await client.post('/profil/frasa', {
      currentPassword: GOOD_PASSWORD,
      image: String(kucing),
      phrase,
    });
    assert.equal(done.status, 303);
    const c = new TestClient(app.baseUrl);
    await c.get('/');
    const step2 = await c.post('/log-masuk', { loginId: p.ic });
    assert.ok(step2.html.includes('Kucing &lt;i&gt;Oren&lt;/i&gt; &#34;Comel&#34;'));
    assert.match(step2.html, /secret\/kucing\.svg/);
    await waitForEmail(app, p.email, 'Frasa rahsia dan imej telah ditukar');
    assert.ok((await auditActions(app.db, id)).includes('phrase.changed'));
  });

  test('five wrong current passwords lock the account and end every session', async () => {
    const p = DEMO.helpdesk;
    const id = await accountId(app.db, p.ic);
    const client = await signedIn(app, p.ic);
    await client.get('/profil/frasa');
    let last;
    for (let i = 0; i < 5; i++) {
      last = await client.post('/profil/frasa', {
        currentPassword: `guess ${i}`,
        image: '1',
        phrase: 'Frasa baru saya',
      });
    }
    assert.equal(last!.status, 303);
    assert.equal(last!.location, '/');
    assert.ok(new Date((await app.db('accounts').where('id', id).first()).locked_until) > new Date());
    const home = await client.get('/');
    assert.ok(visibleText(home.html).includes('Akaun anda telah dikunci'));
    assert.equal((await client.get('/profil')).status, 303);
    assert.equal((await app.db('session').whereRaw("(sess ->> 'accountId') = ?", [String(id)])).length, 0);
    await waitForEmail(app, p.email, 'Akaun dikunci sementara');
    assert.equal(
      (await app.db('accounts').where('id', id).first()).secret_phrase,
      DEMO_SECRET_PHRASE,
      'nothing was changed',
    );
  });

  test('the profile forms refuse a missing or forged CSRF token', async () => {
    const client = await signedIn(app, DEMO.company.companyId);
    await client.get('/profil/kata-laluan');
    const res = await client.post('/profil/kata-laluan', {
      _csrf: 'forged',
      currentPassword: DEMO_PASSWORD,
      newPassword: OTHER_GOOD_PASSWORD,
      confirmPassword: OTHER_GOOD_PASSWORD,
    });
    assert.equal(res.status, 403);
  });
});
