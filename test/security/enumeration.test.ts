/**
 * Issue 6: no user enumeration. Known and unknown IDs get the same status and the same page shape
 * at login step 2, first-time login and forgot password, and their response times are within
 * noise of each other over many interleaved tries (a generous bound: this is a check that no
 * path skips the argon2 work or the database write, not a micro-benchmark).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/http.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The page with everything that must differ (IDs, tokens, phrases, images) blanked out. */
function shape(html: string): string {
  return html
    .replace(/name="_csrf" value="[^"]+"/g, '')
    .replace(/<span data-secret-phrase>[^<]*<\/span>/g, '')
    .replace(/src="\/public\/img\/secret\/[^"]+"/g, '')
    .replace(/alt="[^"]*"/g, '')
    .replace(/value="[^"]*"/g, '')
    .replace(/\d{12}|\d{7}-[A-Z]/g, 'ID')
    .replace(/[a-z0-9._-]+@[a-z0-9.-]+/gi, 'EMAIL');
}

async function timed(fn: () => Promise<Page>): Promise<[Page, number]> {
  const started = process.hrtime.bigint();
  const page = await fn();
  return [page, Number(process.hrtime.bigint() - started) / 1e6];
}

function assertWithinNoise(known: number[], unknown: number[], what: string) {
  const k = median(known);
  const u = median(unknown);
  const bound = Math.max(40, 0.6 * Math.max(k, u));
  assert.ok(
    Math.abs(k - u) < bound,
    `${what}: median ${k.toFixed(1)} ms for known IDs vs ${u.toFixed(1)} ms for unknown`,
  );
}

describe('no user enumeration', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app.close();
  });

  test('login step 2: a wrong password for a known ID and for an unknown ID look and take the same', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const shapes = new Set<string>();
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      for (const [id, times] of [
        [DEMO.secondActiveEmployee.ic, known],
        [`70010110${String(10000 + i).slice(1)}`, unknown],
      ] as const) {
        const client = new TestClient(app.baseUrl);
        await client.get('/');
        await client.post('/log-masuk', { loginId: id });
        const [page, ms] = await timed(() =>
          client.post('/log-masuk/kata-laluan', { password: 'salah-kata-laluan-123' }),
        );
        times.push(ms);
        statuses.add(page.status);
        shapes.add(shape(page.html));
      }
    }
    // The known account is locked after 5 tries, and still answers exactly as before (no oracle).
    assert.deepEqual([...statuses], [401]);
    assert.equal(shapes.size, 1, 'the pages differ in shape');
    assertWithinNoise(known, unknown, 'login step 2');
  });

  test('first-time login: a known IC with the wrong email and an unknown IC give one message, alike in time', async () => {
    const knownIcs = await app
      .db('employees as e')
      .leftJoin('accounts as a', 'a.employee_id', 'e.id')
      .whereNull('a.id')
      .whereNotNull('e.email')
      .limit(5)
      .pluck<string[]>('e.ic_no');
    assert.equal(knownIcs.length, 5);
    const known: number[] = [];
    const unknown: number[] = [];
    const shapes = new Set<string>();
    const statuses = new Set<number>();
    for (let i = 0; i < 5; i++) {
      for (const [ic, times] of [
        [knownIcs[i]!, known],
        [`71020210${String(20000 + i).slice(1)}`, unknown],
      ] as const) {
        const client = new TestClient(app.baseUrl);
        await client.get('/login-kali-pertama');
        const [page, ms] = await timed(() =>
          client.post('/login-kali-pertama', { idNo: ic, email: 'bukan.emel.ini@selangor.gov.my' }),
        );
        times.push(ms);
        statuses.add(page.status);
        shapes.add(shape(page.html));
      }
    }
    assert.equal(statuses.size, 1, `statuses differ: ${[...statuses].join(', ')}`);
    assert.equal(shapes.size, 1, 'the pages differ in shape');
    assertWithinNoise(known, unknown, 'first-time login');
    const knownEmails = await app.db('employees').whereIn('ic_no', knownIcs).pluck<string[]>('email');
    const outbox = await app
      .db('email_outbox')
      .whereIn('to_address', knownEmails)
      .count<{ count: number }[]>('* as count');
    assert.equal(outbox[0]!.count, 0, 'a mismatch sent an email');
  });

  test('forgot password: a known ID with its email and an unknown ID give the same page, alike in time', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const shapes = new Set<string>();
    const statuses = new Set<number>();
    for (let i = 0; i < 6; i++) {
      for (const [id, email, times] of [
        [DEMO.activeEmployee.ic, DEMO.activeEmployee.email, known],
        [`72030310${String(30000 + i).slice(1)}`, 'tiada.sesiapa@selangor.gov.my', unknown],
      ] as const) {
        const client = new TestClient(app.baseUrl);
        await client.get('/lupa-kata-laluan');
        const [page, ms] = await timed(() => client.post('/lupa-kata-laluan', { loginId: id, email }));
        times.push(ms);
        statuses.add(page.status);
        shapes.add(shape(page.html));
      }
    }
    assert.equal(statuses.size, 1, `statuses differ: ${[...statuses].join(', ')}`);
    assert.equal(shapes.size, 1, 'the pages differ in shape');
    assertWithinNoise(known, unknown, 'forgot password');
    const sent = await app
      .db('email_outbox')
      .where('to_address', DEMO.activeEmployee.email)
      .count<{ count: number }[]>('* as count');
    assert.ok(sent[0]!.count >= 1, 'the known ID did get its reset email');
  });
});
