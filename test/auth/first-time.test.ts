import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_TEMP_PASSWORD } from '../../seeds/demo-accounts.js';
import { createLogger } from '../../src/core/logger.js';
import { OutboxSender } from '../../src/core/mail/outbox-sender.js';
import { startSmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import {
  GOOD_PASSWORD,
  accountId,
  activationFields,
  auditActions,
  counts,
  emailsTo,
  englishClient,
  fieldError,
  inputValue,
  issueTemporaryPassword,
  loginSteps,
  requestFirstTime,
  temporaryPasswordIn,
  waitForEmail,
} from './support.js';

const MISMATCH =
  'Maklumat yang dimasukkan tidak sepadan dengan rekod. Sila semak dengan Unit Gaji jabatan anda bahawa No Kad Pengenalan adalah betul dan emel rasmi telah dikemaskini di dalam modul gaji.';

describe('Login Kali Pertama and activation', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test('the page shows the texts of DESIGN 1.2 with Hantar, Isi Semula and Keluar', async () => {
    const page = await new TestClient(app.baseUrl).get('/login-kali-pertama');
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    for (const s of [
      'Pengaktifan ID Pengguna',
      'Maklumat ID Pengguna',
      'No Kad Pengenalan akan digunakan sebagai ID Pengguna. Contoh : 610512067890',
      'No Pengenalan / ID Syarikat',
      'Emel',
      'Hantar',
      'Isi Semula',
      'Keluar',
    ])
      assert.ok(text.includes(s), `lacks "${s}"`);
    assert.match(
      page.html,
      /<a class="button button--secondary" href="\/login-kali-pertama">Isi Semula<\/a>/,
    );
    assert.match(page.html, /<a class="button button--secondary" href="\/">Keluar<\/a>/);
  });

  test('a matching IC (with dashes) and official email: a pending account, an argon2id hash only, the email in the outbox', async () => {
    const p = DEMO.firstTimeEmployee;
    const dashed = `${p.ic.slice(0, 6)}-${p.ic.slice(6, 8)}-${p.ic.slice(8)}`;
    const client = new TestClient(app.baseUrl, { 'user-agent': 'first-time-test-agent' });
    const page = await requestFirstTime(client, dashed, p.email.toUpperCase());
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    assert.ok(text.includes('Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.'));
    assert.ok(text.includes('Semak pada emel untuk mendapatkan kata laluan sementara'));
    assert.match(page.html, /<a class="button" href="\/">Seterusnya<\/a>/);

    const email = await waitForEmail(app, p.email, 'Kata laluan sementara');
    const temp = temporaryPasswordIn(email);
    assert.ok(temp.length >= 15, 'at least 15 characters');
    // Only the ID and the temporary password: no name, no salary, nothing else personal.
    assert.ok(email.text.includes(p.ic));
    for (const part of p.name.split(' '))
      if (part.length > 3) assert.ok(!email.text.includes(part), `name part ${part} in email`);
    assert.doesNotMatch(email.text, /RM\s?\d/);
    // Bilingual, Malay first, and says what to do next; HTML too.
    assert.ok(email.text.indexOf('Langkah seterusnya') < email.text.indexOf('Next step'));
    assert.ok(email.html.includes(temp) && email.html.includes('lang="en"'));

    const account = await app.db('accounts').where('login_id', p.ic).first();
    assert.equal(account.status, 'pending');
    assert.equal(account.kind, 'employee');
    assert.match(account.temp_password_hash, /^\$argon2id\$/);
    assert.ok(!JSON.stringify(account).includes(temp), 'the password itself is stored nowhere');
    const hours = (new Date(account.temp_password_expires_at).getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `expires in 24 hours (${hours})`);
    assert.ok(account.temp_password_sent_at);
    const outbox = await app.db('email_outbox').where('id', account.temp_password_outbox_id).first();
    assert.equal(outbox.account_id, account.id);
    assert.equal(outbox.to_address, p.email);
    assert.equal(outbox.kind, 'temporary_password');
    // Delivered: the sender marked the row sent.
    for (
      let i = 0;
      i < 50 && (await app.db('email_outbox').where('id', outbox.id).first()).status !== 'sent';
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    assert.equal((await app.db('email_outbox').where('id', outbox.id).first()).status, 'sent');

    const audit = await app
      .db('audit_log')
      .where({ subject_account_id: account.id, action: 'temp_password.sent' })
      .first();
    assert.ok(audit);
    assert.equal(audit.ip, '127.0.0.1');
    assert.equal(audit.user_agent, 'first-time-test-agent');
    assert.ok(!JSON.stringify(audit.details).includes(temp));
  });

  test('a pending account: step 2 shows no phrase but the hint; the temporary password leads to activation only', async () => {
    const p = DEMO.firstTimeEmployee;
    const temp = temporaryPasswordIn(await waitForEmail(app, p.email, 'Kata laluan sementara'));
    const client = new TestClient(app.baseUrl);
    await client.get('/');
    const step2 = await client.post('/log-masuk', { loginId: p.ic });
    const text = visibleText(step2.html);
    assert.ok(
      text.includes(
        'Akaun anda belum diaktifkan. Sila masukkan kata laluan sementara yang dihantar ke emel anda.',
      ),
    );
    assert.ok(!text.includes('Frasa Rahsia :'));
    const done = await client.post('/log-masuk/kata-laluan', { password: temp });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/pengaktifan');
    // The pending session reaches the activation page and nothing else.
    for (const path of ['/laman-utama', '/profil', '/epayslip', '/pentadbir']) {
      const page = await client.get(path);
      assert.equal(page.status, 303, path);
      // The login page (which would bring a signed-in user back to the page asked for).
      assert.equal(page.location?.replace(/\?kembali=.*$/, ''), '/', path);
    }
    const activation = await client.get('/pengaktifan');
    assert.equal(activation.status, 200);
    const at = visibleText(activation.html);
    for (const s of [
      'Maklumat Pendaftaran Baru',
      p.ic,
      p.name,
      p.email,
      'Maklumat Kata Laluan',
      '* Medan Wajib Diisi',
      'Kata Laluan Baru',
      'Sah Kata Laluan Baru',
      'Soalan dan Jawapan Rahsia',
      'Imej Online',
      'Frasa Rahsia',
      'Aktif',
    ])
      assert.ok(at.includes(s), `activation lacks "${s}"`);
    assert.equal((activation.html.match(/class="image-choice__item"/g) ?? []).length, 12);
    assert.match(activation.html, /src="\/public\/img\/secret\/bunga-raya\.svg"/);
    // Issue 14 item 1: the temporary password is single use for activation, not for reaching the
    // form: a second login with it (an interrupted activation) reaches the activation page again.
    const again = await loginSteps(new TestClient(app.baseUrl), p.ic, temp);
    assert.equal(again.status, 303);
    assert.equal(again.location, '/pengaktifan');
    (globalThis as Record<string, unknown>).activationClient = client;
  });

  test('activation refuses bad entries with a message at each field, keeps the others (never a password), stores nothing', async () => {
    const client = (globalThis as Record<string, unknown>).activationClient as TestClient;
    const id = await accountId(app.db, DEMO.firstTimeEmployee.ic);
    const before = await counts(app.db);
    await client.get('/pengaktifan');
    const fields = await activationFields(app.db, {
      newPassword: 'password12345678',
      confirmPassword: 'something else entirely',
      question2: (await activationFields(app.db)).question1,
      answer3: '  JALAN   kenanga ',
      image: '',
      phrase: '',
    });
    const page = await client.post('/pengaktifan', { ...fields });
    assert.equal(page.status, 400);
    assert.equal(
      fieldError(page.html, 'newPassword'),
      'Kata laluan ini terlalu biasa digunakan dan mudah diteka. Sila pilih kata laluan lain.',
    );
    assert.equal(fieldError(page.html, 'question2'), 'Sila pilih tiga soalan yang berlainan.');
    assert.equal(fieldError(page.html, 'answer3'), 'Setiap jawapan mesti berlainan.');
    assert.equal(fieldError(page.html, 'image'), 'Sila pilih satu imej.');
    assert.equal(fieldError(page.html, 'phrase'), 'Sila masukkan Frasa Rahsia.');
    assert.ok(page.html.includes('class="error-summary"'));
    // Other entries kept, passwords never.
    assert.equal(inputValue(page.html, 'answer1'), 'Jalan Kenanga');
    assert.equal(inputValue(page.html, 'answer2'), 'Comel');
    assert.ok(page.html.includes(`<option value="${fields.question1}" selected>`));
    assert.ok(!page.html.includes('password12345678'));
    assert.ok(!page.html.includes('something else entirely'));
    assert.equal(inputValue(page.html, 'newPassword'), undefined);

    // Confirmation that differs, and an over-long phrase (101 characters).
    const second = await client.post('/pengaktifan', {
      ...(await activationFields(app.db)),
      confirmPassword: GOOD_PASSWORD + 'x',
      phrase: 'p'.repeat(101),
    });
    assert.equal(second.status, 400);
    assert.equal(
      fieldError(second.html, 'confirmPassword'),
      'Sah Kata Laluan Baru tidak sama dengan Kata Laluan Baru.',
    );
    assert.equal(fieldError(second.html, 'phrase'), 'Frasa Rahsia tidak boleh melebihi 100 aksara.');

    // Empty form.
    const empty = await client.post('/pengaktifan', {});
    assert.equal(empty.status, 400);
    assert.equal(fieldError(empty.html, 'newPassword'), 'Sila masukkan Kata Laluan Baru.');
    assert.equal(fieldError(empty.html, 'question1'), 'Sila pilih Soalan 1.');
    assert.equal(fieldError(empty.html, 'answer1'), 'Sila masukkan Jawapan 1.');

    assert.deepEqual(await counts(app.db), before, 'nothing stored');
    assert.equal((await app.db('accounts').where('id', id).first()).status, 'pending');
  });

  test('activation: a new session, logged out; the chosen phrase (escaped) and image at login; "Pendaftaran telah berjaya" once', async () => {
    const p = DEMO.firstTimeEmployee;
    const client = (globalThis as Record<string, unknown>).activationClient as TestClient;
    const sidBefore = client.cookie('ispeks.sid');
    const phrase = '<b>Perahu</b> & <script>alert("x")</script>';
    const fields = await activationFields(app.db, { phrase, answer1: '  Jalan   KENANGA ' });
    await client.get('/pengaktifan');
    const done = await client.post('/pengaktifan', { ...fields });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/');
    assert.notEqual(client.cookie('ispeks.sid'), sidBefore, 'a new session ID at activation');
    const home = await client.get('/');
    assert.ok(
      visibleText(home.html).includes(
        'Pengaktifan berjaya. Sila log masuk semula dengan kata laluan baru anda.',
      ),
    );
    assert.equal((await client.get('/pengaktifan')).status, 303, 'the activation session has ended');

    const id = await accountId(app.db, p.ic);
    const account = await app.db('accounts').where('id', id).first();
    assert.equal(account.status, 'active');
    assert.equal(account.temp_password_hash, null);
    assert.match(account.password_hash, /^\$argon2id\$/);
    assert.equal(account.secret_phrase, phrase);
    const answers = await app.db('account_answers').where('account_id', id).orderBy('position');
    assert.equal(answers.length, 3);
    for (const a of answers) assert.match(a.answer_hash, /^\$argon2id\$/);
    assert.ok(!JSON.stringify(answers).toLowerCase().includes('kenanga'));
    const actions = await auditActions(app.db, id);
    assert.ok(actions.includes('account.activated'));
    const confirmation = await waitForEmail(app, p.email, 'Pendaftaran telah berjaya');
    assert.ok(confirmation.text.includes('Next step'));

    // The temporary password no longer works once the account is active.
    const temp = temporaryPasswordIn(await waitForEmail(app, p.email, 'Kata laluan sementara'));
    assert.equal((await loginSteps(new TestClient(app.baseUrl), p.ic, temp)).status, 401);

    const fresh = new TestClient(app.baseUrl);
    await fresh.get('/');
    const step2 = await fresh.post('/log-masuk', { loginId: p.ic });
    assert.ok(
      step2.html.includes('&lt;b&gt;Perahu&lt;/b&gt; &amp; &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;'),
    );
    assert.ok(!step2.html.includes('<script>alert'));
    assert.match(step2.html, /src="\/public\/img\/secret\/perahu\.svg"/);
    const login = await fresh.post('/log-masuk/kata-laluan', { password: GOOD_PASSWORD });
    assert.equal(login.status, 303);
    assert.equal(login.location, '/laman-utama');
    const dashboard = await fresh.get('/laman-utama');
    assert.ok(
      visibleText(dashboard.html).includes('Pendaftaran telah berjaya'),
      'the welcome on the first dashboard view',
    );
    const again = await fresh.get('/laman-utama');
    assert.ok(!visibleText(again.html).includes('Pendaftaran telah berjaya'), 'shown once');
    // And not at the next login either.
    const next = new TestClient(app.baseUrl);
    await loginSteps(next, p.ic, GOOD_PASSWORD);
    assert.ok(!visibleText((await next.get('/laman-utama')).html).includes('Pendaftaran telah berjaya'));
  });

  test('an active account is pointed to Lupa Kata Laluan, and no email goes out', async () => {
    const p = DEMO.activeEmployee;
    const before = await counts(app.db);
    const page = await requestFirstTime(new TestClient(app.baseUrl), p.ic, p.email);
    assert.equal(page.status, 200);
    assert.ok(
      visibleText(page.html).includes(
        'ID Pengguna ini telah diaktifkan. Jika anda terlupa kata laluan, sila gunakan Lupa Kata Laluan.',
      ),
    );
    assert.match(page.html, /href="\/lupa-kata-laluan"/);
    assert.deepEqual(await counts(app.db), before);
  });

  test('one message for every mismatch, pointing to the Unit Gaji; nothing stored', async () => {
    const o = DEMO.outdatedEmailEmployee;
    const before = await counts(app.db);
    const cases: [string, string][] = [
      [o.ic, o.officialEmail], // payroll holds an outdated personal email
      ['850101105441', 'someone@selangor.gov.my'], // unknown IC
      [DEMO.pendingEmployee.ic, 'wrong.person@selangor.gov.my'], // wrong email
      [DEMO.missingEmailEmployee.ic, DEMO.missingEmailEmployee.officialEmail], // no email in payroll
      [DEMO.firstTimeCompany.companyId, 'other@agrohijau.com.my'], // company, wrong email
      ['999999-X', 'x@example.com'], // unknown company
    ];
    for (const [idNo, email] of cases) {
      const page = await requestFirstTime(new TestClient(app.baseUrl), idNo, email);
      assert.equal(page.status, 200, idNo);
      assert.ok(visibleText(page.html).includes(MISMATCH), `${idNo}: the one mismatch message`);
      assert.equal(inputValue(page.html, 'idNo'), idNo, 'entries kept');
      assert.equal(inputValue(page.html, 'email'), email);
    }
    assert.deepEqual(await counts(app.db), before);
  });

  test('a non-government email is refused with a clear message at the field', async () => {
    const o = DEMO.outdatedEmailEmployee;
    const before = await counts(app.db);
    const page = await requestFirstTime(new TestClient(app.baseUrl), o.ic, o.email);
    assert.equal(page.status, 400);
    assert.equal(
      fieldError(page.html, 'email'),
      'Sila gunakan emel rasmi kerajaan (berakhir dengan .gov.my). Emel peribadi tidak diterima.',
    );
    assert.equal(inputValue(page.html, 'idNo'), o.ic);
    const en = await requestFirstTime(await englishClient(app.baseUrl), o.ic, o.email);
    assert.equal(
      fieldError(en.html, 'email'),
      'Please use your official government email (ending in .gov.my). Personal emails are not accepted.',
    );
    assert.deepEqual(await counts(app.db), before);
  });

  test('bad input: each gives a message at the field in the language in use, keeps the other entry, stores nothing', async () => {
    const before = await counts(app.db);
    const email = 'nama@selangor.gov.my';
    const cases: { idNo: string; email: string; field: string; ms: string; en: string }[] = [
      {
        idNo: '',
        email: '',
        field: 'idNo',
        ms: 'Sila masukkan No Pengenalan / ID Syarikat.',
        en: 'Please enter your IC Number / Company ID.',
      },
      {
        idNo: '1'.repeat(31),
        email,
        field: 'idNo',
        ms: 'No Pengenalan / ID Syarikat terlalu panjang (maksimum 30 aksara).',
        en: 'The IC Number / Company ID is too long (at most 30 characters).',
      },
      {
        idNo: '8804151O5442',
        email,
        field: 'idNo',
        ms: 'No Kad Pengenalan hanya boleh mengandungi nombor (tanda - dibenarkan), atau masukkan ID Syarikat yang sah.',
        en: 'An IC number may contain digits only (dashes are allowed), or enter a valid Company ID.',
      },
      {
        idNo: '88041510544',
        email,
        field: 'idNo',
        ms: 'No Kad Pengenalan mesti mengandungi 12 digit.',
        en: 'An IC number has 12 digits.',
      },
      {
        idNo: '880230105442',
        email,
        field: 'idNo',
        ms: 'No Kad Pengenalan tidak sah: 6 digit pertama mestilah tarikh lahir yang wujud (YYMMDD).',
        en: 'The IC number is not valid: its first 6 digits must be a real date of birth (YYMMDD).',
      },
      {
        idNo: '881315105442',
        email,
        field: 'idNo',
        ms: 'No Kad Pengenalan tidak sah: 6 digit pertama mestilah tarikh lahir yang wujud (YYMMDD).',
        en: 'The IC number is not valid: its first 6 digits must be a real date of birth (YYMMDD).',
      },
      {
        idNo: '880415105442',
        email: '',
        field: 'email',
        ms: 'Sila masukkan Emel.',
        en: 'Please enter your Email.',
      },
      {
        idNo: '880415105442',
        email: 'not-an-email',
        field: 'email',
        ms: 'Emel tidak sah. Contoh: nama@selangor.gov.my',
        en: 'The email is not valid. Example: name@selangor.gov.my',
      },
      {
        idNo: '880415105442',
        email: `${'a'.repeat(250)}@selangor.gov.my`,
        field: 'email',
        ms: 'Emel terlalu panjang (maksimum 254 aksara).',
        en: 'The email is too long (at most 254 characters).',
      },
    ];
    const ms = new TestClient(app.baseUrl);
    const en = await englishClient(app.baseUrl);
    for (const c of cases) {
      for (const [client, expected] of [
        [ms, c.ms],
        [en, c.en],
      ] as const) {
        const page = await requestFirstTime(client, c.idNo, c.email);
        assert.equal(page.status, 400, `${c.idNo} / ${c.email}`);
        assert.equal(fieldError(page.html, c.field), expected, `${c.idNo} / ${c.email}`);
        const other = c.field === 'idNo' ? 'email' : 'idNo';
        assert.equal(
          inputValue(page.html, other),
          other === 'email' ? c.email : c.idNo,
          'the other entry is kept',
        );
      }
    }
    // An empty form says what is missing at both fields.
    const empty = await requestFirstTime(ms, '', '');
    assert.equal(fieldError(empty.html, 'email'), 'Sila masukkan Emel.');
    assert.deepEqual(await counts(app.db), before);
  });

  test('a company registers with its company ID and registered email', async () => {
    const c = DEMO.firstTimeCompany;
    const temp = await issueTemporaryPassword(app, c.companyId.toLowerCase(), c.email);
    const account = await app.db('accounts').where('login_id', c.companyId).first();
    assert.equal(account.kind, 'company');
    assert.equal(account.status, 'pending');
    const done = await loginSteps(new TestClient(app.baseUrl), c.companyId, temp);
    assert.equal(done.location, '/pengaktifan');
  });

  test('a new temporary password voids the old one (superseded); the demo one works until then', async () => {
    const p = DEMO.pendingEmployee;
    const oldOutbox = (await app.db('accounts').where('login_id', p.ic).first()).temp_password_outbox_id;
    const first = await issueTemporaryPassword(app, p.ic, p.email, 1);
    const second = await issueTemporaryPassword(app, p.ic, p.email, 2);
    assert.notEqual(first, second);
    const account = await app.db('accounts').where('login_id', p.ic).first();
    assert.notEqual(account.temp_password_outbox_id, oldOutbox);
    const refusedDemo = await loginSteps(new TestClient(app.baseUrl), p.ic, DEMO_TEMP_PASSWORD);
    assert.equal(refusedDemo.status, 401, 'the seeded one is superseded too');
    const refused = await loginSteps(new TestClient(app.baseUrl), p.ic, first);
    assert.equal(refused.status, 401);
    // Issue 14 item 1: whoever typed the replaced one right is told so (and where to go).
    assert.ok(
      visibleText(refused.html).includes('Kata laluan sementara ini telah diganti dengan yang lebih baru.'),
    );
    const ok = await loginSteps(new TestClient(app.baseUrl), p.ic, second);
    assert.equal(ok.location, '/pengaktifan');
    assert.ok((await auditActions(app.db, account.id)).filter((a) => a === 'temp_password.sent').length >= 2);
  });

  test('an expired temporary password is refused, saying it expired (issue 14 item 1)', async () => {
    const p = DEMO.pendingEmployee;
    const temp = await issueTemporaryPassword(app, p.ic, p.email, 3);
    await app
      .db('accounts')
      .where('login_id', p.ic)
      .update({ temp_password_expires_at: app.db.raw("now() - interval '1 minute'") });
    const refused = await loginSteps(new TestClient(app.baseUrl), p.ic, temp);
    assert.equal(refused.status, 401);
    assert.ok(visibleText(refused.html).includes('Kata laluan sementara ini telah tamat tempoh.'));
    const audit = await app.db('audit_log').where('action', 'login.failed').orderBy('id', 'desc').first();
    assert.equal(audit.details.reason, 'temporary_expired');
  });

  test('the temporary password emails went out, one per request', () => {
    assert.equal(emailsTo(app, DEMO.pendingEmployee.email, 'Kata laluan sementara').length, 3);
  });
});

describe('email that is never lost: the outbox retries while the SMTP server is down', () => {
  let app: TestApp;
  let sender: OutboxSender | undefined;
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>> | undefined;
  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await sender?.stop();
    await catcher?.close();
    await app.close();
  });

  test('the email is delivered once the SMTP server is back, nothing lost', async () => {
    // A port where nothing listens yet.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    sender = new OutboxSender({
      db: app.db,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: app.config.MAIL_FROM,
      logger: createLogger('silent'),
      pollMs: 100,
      baseBackoffSeconds: 1,
    });
    sender.start();
    const p = DEMO.firstTimeEmployee;
    const page = await requestFirstTime(new TestClient(app.baseUrl), p.ic, p.email);
    assert.equal(page.status, 200, 'the user is told it was sent: it is safely in the outbox');
    const account = await app.db('accounts').where('login_id', p.ic).first();
    let row = await app.db('email_outbox').where('id', account.temp_password_outbox_id).first();
    for (let i = 0; i < 100 && !row.last_error; i++) {
      await new Promise((r) => setTimeout(r, 50));
      row = await app.db('email_outbox').where('id', row.id).first();
    }
    assert.equal(row.status, 'pending', 'still pending after a failed attempt');
    assert.ok(row.attempts >= 1);
    assert.ok(row.last_error, 'the error is recorded');

    catcher = await startSmtpCatcher(port);
    const email = await catcher.waitFor((m) => m.to.includes(p.email), 20_000);
    assert.ok(email.subject.includes('Kata laluan sementara'));
    for (let i = 0; i < 50 && row.status !== 'sent'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      row = await app.db('email_outbox').where('id', row.id).first();
    }
    assert.equal(row.status, 'sent');
    assert.equal(catcher.messages.filter((m) => m.to.includes(p.email)).length, 1, 'delivered once');
    const temp = temporaryPasswordIn(email);
    const login = await loginSteps(new TestClient(app.baseUrl), p.ic, temp);
    assert.equal(login.location, '/pengaktifan');
  });
});
