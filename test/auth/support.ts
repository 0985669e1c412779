import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import type { CaughtEmail } from '../../src/core/mail/smtp-catcher.js';
import type { TestApp } from '../helpers/app.js';
import { TestClient, visibleText, type Page } from '../helpers/http.js';

/** A password that passes the policy for every demo person. */
export const GOOD_PASSWORD = 'kopi panas di pagi hujan';
export const OTHER_GOOD_PASSWORD = 'layang-layang terbang tinggi';

/** Waits for the n-th (1-based) email to `to` whose subject contains `subject`. */
export async function waitForEmail(
  app: TestApp,
  to: string,
  subject: string,
  n = 1,
  timeoutMs = 15_000,
): Promise<CaughtEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = app.smtp.messages.filter(
      (m) => m.to.includes(to.toLowerCase()) && m.subject.includes(subject),
    );
    if (found.length >= n) return found[n - 1]!;
    if (Date.now() > deadline) throw new Error(`no email "${subject}" number ${n} to ${to} arrived in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function emailsTo(app: TestApp, to: string, subject: string): CaughtEmail[] {
  return app.smtp.messages.filter((m) => m.to.includes(to.toLowerCase()) && m.subject.includes(subject));
}

/** The temporary password printed in the email's text ("Kata laluan sementara: ..."). */
export function temporaryPasswordIn(email: CaughtEmail): string {
  const m = /Kata laluan sementara: (\S+)/.exec(email.text);
  assert.ok(m, 'the email holds the temporary password');
  return m[1]!;
}

export function resetLinkIn(email: CaughtEmail): string {
  const m = /(https?:\/\/\S+\/lupa-kata-laluan\/pautan\?token=[A-Za-z0-9_-]+)/.exec(email.text);
  assert.ok(m, 'the email holds the reset link');
  return m[1]!;
}

export async function requestFirstTime(client: TestClient, idNo: string, email: string): Promise<Page> {
  await client.get('/login-kali-pertama');
  return client.post('/login-kali-pertama', { idNo, email });
}

/** Runs Login Kali Pertama and returns the temporary password from the n-th such email. */
export async function issueTemporaryPassword(
  app: TestApp,
  idNo: string,
  email: string,
  n = 1,
): Promise<string> {
  const page = await requestFirstTime(new TestClient(app.baseUrl), idNo, email);
  assert.equal(page.status, 200);
  assert.ok(
    visibleText(page.html).includes('Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.'),
  );
  return temporaryPasswordIn(await waitForEmail(app, email, 'Kata laluan sementara', n));
}

export async function loginSteps(client: TestClient, loginId: string, password: string): Promise<Page> {
  await client.get('/');
  const step2 = await client.post('/log-masuk', { loginId });
  assert.equal(step2.status, 200);
  return client.post('/log-masuk/kata-laluan', { password });
}

export async function questionIds(db: Knex): Promise<number[]> {
  return db('security_questions').where('active', true).orderBy('id').pluck('id');
}

export async function imageId(db: Knex, slug: string): Promise<number> {
  const row = await db('secret_images').where('slug', slug).first<{ id: number }>('id');
  return row.id;
}

export interface ActivationFields {
  newPassword: string;
  confirmPassword: string;
  question1: string;
  answer1: string;
  question2: string;
  answer2: string;
  question3: string;
  answer3: string;
  image: string;
  phrase: string;
}

export async function activationFields(
  db: Knex,
  overrides: Partial<ActivationFields> = {},
): Promise<ActivationFields> {
  const q = await questionIds(db);
  return {
    newPassword: GOOD_PASSWORD,
    confirmPassword: GOOD_PASSWORD,
    question1: String(q[3]),
    answer1: 'Jalan Kenanga',
    question2: String(q[4]),
    answer2: 'Comel',
    question3: String(q[6]),
    answer3: 'Proton Saga',
    image: String(await imageId(db, 'perahu')),
    phrase: 'Perahu Kecil Di Muara',
    ...overrides,
  };
}

export async function counts(
  db: Knex,
): Promise<{ accounts: number; outbox: number; answers: number; tokens: number }> {
  const one = async (table: string) =>
    Number((await db(table).count<{ count: number }[]>('* as count'))[0]!.count);
  return {
    accounts: await one('accounts'),
    outbox: await one('email_outbox'),
    answers: await one('account_answers'),
    tokens: await one('password_reset_tokens'),
  };
}

export async function auditActions(db: Knex, accountId: number): Promise<string[]> {
  return db('audit_log').where('subject_account_id', accountId).orderBy('id').pluck('action');
}

export async function accountId(db: Knex, loginId: string): Promise<number> {
  const row = await db('accounts').where('login_id', loginId).first<{ id: number }>('id');
  assert.ok(row, `account ${loginId} exists`);
  return row.id;
}

/** The text of the field error shown at a field (`<p class="field-error" id="<field>-error">`). */
export function fieldError(html: string, field: string): string | undefined {
  const m = new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html);
  return m?.[1]
    ?.replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;/g, '"');
}

/** The value attribute of an input, decoded. */
export function inputValue(html: string, id: string): string | undefined {
  const m = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html);
  const v = m ? /value="([^"]*)"/.exec(m[0]) : null;
  return v?.[1]
    ?.replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;/g, '"')
    .replace(/&amp;/g, '&');
}

export async function englishClient(baseUrl: string): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  await client.get('/bahasa?lang=en&next=/');
  return client;
}
