/**
 * The soak (npm run test:soak, not part of npm test): the real server as a child process for
 * SOAK_SECONDS (default 300) under mixed load, while its PostgreSQL is stopped and started again
 * and its SMTP server goes away and comes back, at random moments from a fixed seed
 * (SOAK_SEED). Loopback only; the server trusts one proxy so that each virtual user can come
 * from an address of its own (X-Forwarded-For), as behind the portal's reverse proxy.
 *
 * It holds when: no request hangs (every answer within 10 s), no 500 and no failed connection
 * at any time, 503 only while PostgreSQL is down (and a few seconds after), every email stored
 * in the outbox is delivered once, no account is half-written, memory stays bounded, and the
 * process still shuts down cleanly at the end.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Knex } from 'knex';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { createDb } from '../../src/core/db.js';
import { startSmtpCatcher, type CaughtEmail, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { TestClient, visibleText, type Page } from '../../test/helpers/http.js';
import {
  eventually,
  freePort,
  sleep,
  spawnServer,
  startOwnPostgres,
  type OwnPostgres,
  type ServerProcess,
} from '../../test/reliability/support.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const USERS = Number(process.env.SOAK_USERS ?? 6);
const SEED = Number(process.env.SOAK_SEED ?? 20261126);
/** 503 (and a stale form's 403) are expected this long after PostgreSQL is back. */
const GRACE_MS = 10_000;
const REQUEST_LIMIT_MS = 10_000;

/** A small seeded PRNG (mulberry32), so that a failing schedule can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, between: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

interface Sample {
  at: number;
  ms: number;
  kind: string;
  status: number | string;
}

interface Window {
  from: number;
  to: number;
}

/** The SMTP server on one port that can be taken down and brought back, keeping what it caught. */
class FlappingSmtp {
  private current: SmtpCatcher | undefined;
  private readonly caught: CaughtEmail[] = [];
  flaps = 0;
  constructor(readonly port: number) {}
  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }
  async up() {
    this.current ??= await startSmtpCatcher(this.port, 1_000_000);
  }
  async down() {
    const c = this.current;
    if (!c) return;
    this.current = undefined;
    this.flaps += 1;
    await c.close();
    this.caught.push(...c.messages);
  }
  all(): CaughtEmail[] {
    return [...this.caught, ...(this.current?.messages ?? [])];
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

describe(`soak: ${SECONDS} s of mixed load with PostgreSQL restarts and SMTP flaps`, () => {
  let pg: OwnPostgres;
  let smtp: FlappingSmtp;
  let server: ServerProcess;
  let db: Knex;

  before(async () => {
    pg = await startOwnPostgres('soak');
    smtp = new FlappingSmtp(await freePort());
    await smtp.up();
    server = await spawnServer({
      DATABASE_URL: pg.url,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
    });
    db = createDb(pg.url, 2);
  });

  after(async () => {
    await server?.stop();
    await smtp?.down();
    await db?.destroy();
    await pg?.destroy();
  });

  test('the server holds', async (t) => {
    const rng = prng(SEED);
    const base = server.baseUrl;
    const samples: Sample[] = [];
    const outages: Window[] = [];
    const firstTimeSent: string[] = [];
    const started = Date.now();
    const loadEnds = started + SECONDS * 1000;
    const chaosEnds = loadEnds - 30_000; // a calm last half-minute
    let ip = 0;

    const users: string[] = await db('accounts as a')
      .where({ 'a.status': 'active', 'a.kind': 'employee' })
      .whereNull('a.locked_until')
      .whereNotExists(db('staff_roles as r').whereRaw('r.account_id = a.id'))
      .whereNotIn('a.login_id', [DEMO.lockedEmployee.ic, DEMO.secondActiveEmployee.ic])
      .orderBy('a.id')
      .limit(USERS)
      .pluck('a.login_id');
    const newcomers: { ic: string; email: string }[] = await db('employees as e')
      .leftJoin('accounts as a', 'a.employee_id', 'e.id')
      .whereNull('a.id')
      .where('e.email', 'like', '%.gov.my')
      .orderBy('e.id')
      .select('e.ic_no as ic', 'e.email');
    const lockoutTarget = DEMO.secondActiveEmployee.ic;
    const lockoutAccountId = (
      await db('accounts').where('login_id', lockoutTarget).first<{ id: number }>('id')
    ).id;

    /** One request, timed and recorded; a hang becomes 'timeout' instead of holding the soak up. */
    const step = async (kind: string, work: () => Promise<Page>): Promise<Page | undefined> => {
      const at = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const page = await Promise.race([
          work(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), REQUEST_LIMIT_MS * 3);
          }),
        ]);
        samples.push({ at, ms: Date.now() - at, kind, status: page.status });
        return page;
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        samples.push({ at, ms: Date.now() - at, kind, status: e.cause?.code ?? e.message });
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    };
    const ok = (p: Page | undefined) => !!p && p.status < 400;
    const client = () =>
      new TestClient(base, { 'x-forwarded-for': `10.77.${(ip >> 8) & 255}.${ip++ & 255}` });

    // ------------------------------------------------------------ chaos
    const pgChaos = async () => {
      await sleep(rng.between(20_000, 40_000));
      while (Date.now() < chaosEnds - 15_000) {
        const from = Date.now();
        await pg.server.stop();
        await sleep(rng.between(2_000, 8_000));
        await pg.server.start();
        outages.push({ from, to: Date.now() });
        await sleep(rng.between(35_000, 65_000));
      }
    };
    const smtpChaos = async () => {
      await sleep(rng.between(10_000, 25_000));
      while (Date.now() < chaosEnds - 10_000) {
        await smtp.down();
        await sleep(rng.between(5_000, 20_000));
        await smtp.up();
        await sleep(rng.between(15_000, 40_000));
      }
    };

    // ------------------------------------------------------------ load
    const employee = async (loginId: string) => {
      while (Date.now() < loadEnds) {
        const c = client();
        const journey = async () => {
          if (!ok(await step('login page', () => c.get('/')))) return;
          if (!ok(await step('login step 1', () => c.post('/log-masuk', { loginId })))) return;
          const signedIn = await step('login step 2', () =>
            c.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD }),
          );
          if (!ok(signedIn)) return;
          for (let round = 0; round < 3 && Date.now() < loadEnds; round++) {
            const list = await step('payslip list', () => c.get('/epayslip'));
            if (!ok(list)) return;
            const slip = /href="(\/epayslip\/\d{4}\/\d{2})"/.exec(list!.html)?.[1];
            for (const [kind, path] of [
              ['dashboard', '/laman-utama'],
              ['payslip', slip ?? '/epayslip'],
              ['emaklum', '/emaklum'],
              ['permohonan', '/permohonan'],
              ['eec', '/eec'],
              ['muat turun', '/muat-turun'],
            ] as const) {
              if (!ok(await step(kind, () => c.get(path)))) return;
              await sleep(rng.between(50, 300));
            }
          }
          await step('log out', async () => {
            await c.get('/laman-utama');
            return c.post('/log-keluar', {});
          });
        };
        await journey();
        await sleep(rng.between(200, 800));
      }
    };
    const firstTimer = async () => {
      while (Date.now() < loadEnds) {
        const person = newcomers.shift();
        if (!person) return;
        const c = client();
        if (ok(await step('first-time form', () => c.get('/login-kali-pertama')))) {
          const page = await step('first-time', () =>
            c.post('/login-kali-pertama', { idNo: person.ic, email: person.email }),
          );
          if (page?.status === 200 && visibleText(page.html).includes('berjaya di hantar'))
            firstTimeSent.push(person.ic);
        }
        await sleep(rng.between(1_500, 4_000));
      }
    };
    const lockoutAndHelpdesk = async () => {
      while (Date.now() < loadEnds) {
        const attacker = client();
        await step('login page', () => attacker.get('/'));
        await step('login step 1', () => attacker.post('/log-masuk', { loginId: lockoutTarget }));
        for (let i = 0; i < 6; i++)
          await step('wrong password', () =>
            attacker.post('/log-masuk/kata-laluan', { password: `bukan-${i}` }),
          );
        const helpdesk = client();
        await step('login page', () => helpdesk.get('/'));
        await step('login step 1', () => helpdesk.post('/log-masuk', { loginId: DEMO.helpdesk.ic }));
        await step('login step 2', () =>
          helpdesk.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD }),
        );
        await step('helpdesk search', () => helpdesk.get(`/pentadbir/helpdesk?q=${lockoutTarget}`));
        const page = await step('helpdesk account', () =>
          helpdesk.get(`/pentadbir/helpdesk/akaun/${lockoutAccountId}`),
        );
        if (page?.status === 200 && page.html.includes('buka-kunci'))
          await step('helpdesk unlock', () =>
            helpdesk.post(`/pentadbir/helpdesk/akaun/${lockoutAccountId}/buka-kunci`, {}),
          );
        await sleep(rng.between(3_000, 8_000));
      }
    };
    const anonymous = async () => {
      while (Date.now() < loadEnds) {
        const c = client();
        await step('login page', () => c.get('/'));
        await step('decoy step 1', () =>
          c.post('/log-masuk', { loginId: `8${String(rng.between(0, 99_999_999_999)).padStart(11, '0')}` }),
        );
        await step('forgot form', () => c.get('/lupa-kata-laluan'));
        await step('not found', () => c.get('/tiada-halaman-ini'));
        await sleep(rng.between(300, 1_000));
      }
    };

    // ------------------------------------------------------------ memory and progress
    const memory: number[] = [];
    const sampler = setInterval(() => {
      try {
        memory.push(rssMb(server.child.pid!));
      } catch {
        // the process is gone: the checks below say so
      }
    }, 5_000);

    await Promise.all([
      pgChaos(),
      smtpChaos(),
      ...users.map((u) => employee(u)),
      firstTimer(),
      lockoutAndHelpdesk(),
      anonymous(),
    ]);
    clearInterval(sampler);
    await smtp.up();

    // ------------------------------------------------------------ the requests
    const inOutage = (at: number) => outages.some((w) => at >= w.from - 1_000 && at <= w.to + GRACE_MS);
    const byStatus = new Map<string, number>();
    for (const s of samples) byStatus.set(String(s.status), (byStatus.get(String(s.status)) ?? 0) + 1);
    const calm = samples.filter((s) => !inOutage(s.at));
    const calmMs = calm.map((s) => s.ms).sort((a, b) => a - b);
    const stormMs = samples.filter((s) => inOutage(s.at)).map((s) => s.ms);
    t.diagnostic(
      `${samples.length} requests in ${Math.round((Date.now() - started) / 1000)} s; ` +
        `statuses ${[...byStatus].map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    );
    t.diagnostic(
      `PostgreSQL restarts: ${outages.length} (down ${outages.map((w) => `${((w.to - w.from) / 1000).toFixed(1)} s`).join(', ')}); SMTP flaps: ${smtp.flaps}`,
    );
    t.diagnostic(
      `latency outside outages: p50 ${percentile(calmMs, 50)} ms, p95 ${percentile(calmMs, 95)} ms, ` +
        `p99 ${percentile(calmMs, 99)} ms, max ${percentile(calmMs, 100)} ms; during outages max ${Math.max(0, ...stormMs)} ms`,
    );
    t.diagnostic(
      `server memory (RSS): first ${memory[0]} MB, max ${Math.max(...memory)} MB, last ${memory.at(-1)} MB`,
    );

    const broken = samples.filter(
      (s) => typeof s.status === 'string' || s.status === 500 || s.ms > REQUEST_LIMIT_MS,
    );
    assert.deepEqual(broken.slice(0, 10), [], `${broken.length} requests failed, answered 500 or hung`);
    const misplaced = calm.filter((s) => s.status === 503 || s.status === 403 || s.status === 429);
    assert.deepEqual(misplaced.slice(0, 10), [], `${misplaced.length} refusals outside the outages`);
    assert.ok(outages.length >= 1 || SECONDS < 90, 'PostgreSQL was restarted');
    assert.ok(
      samples.some((s) => s.status === 503),
      'the outages were seen by users',
    );
    assert.ok(Math.max(...memory) < memory[0]! + 400, 'memory stays bounded');

    // ------------------------------------------------------------ the data
    await eventually(
      'the database answers',
      async () => ((await db.raw('select 1')) ? true : undefined),
      30_000,
    );
    const half = await db('accounts')
      .where('status', 'pending')
      .where('created_at', '>=', new Date(started))
      .where((w) => w.whereNull('temp_password_hash').orWhereNull('temp_password_outbox_id'))
      .count<{ count: number }[]>('* as count');
    assert.equal(half[0]!.count, 0, 'no half-written pending account');
    const stored = await db('accounts')
      .whereIn('login_id', firstTimeSent)
      .count<{ count: number }[]>('* as count');
    assert.equal(
      stored[0]!.count,
      new Set(firstTimeSent).size,
      'every first-time login shown as sent is stored',
    );

    // Emails left waiting for a retry (back-off up to minutes) are made due now, as time would.
    await db('email_outbox').where('status', 'pending').update({ next_attempt_at: db.fn.now() });
    await eventually(
      'the outbox drains',
      async () => {
        const left = await db('email_outbox')
          .where('status', 'pending')
          .count<{ count: number }[]>('* as count');
        return left[0]!.count === 0 ? true : undefined;
      },
      120_000,
      500,
    );
    const rows: { to_address: string; subject: string; text_body: string; status: string }[] = await db(
      'email_outbox',
    ).select('to_address', 'subject', 'text_body', 'status');
    const key = (to: string, subject: string, text: string) =>
      `${to.toLowerCase()}\n${subject}\n${text.trim()}`;
    const expected = new Map<string, number>();
    for (const r of rows.filter((x) => x.status === 'sent'))
      expected.set(
        key(r.to_address, r.subject, r.text_body),
        (expected.get(key(r.to_address, r.subject, r.text_body)) ?? 0) + 1,
      );
    const delivered = new Map<string, number>();
    for (const m of smtp.all())
      for (const to of m.to)
        delivered.set(key(to, m.subject, m.text), (delivered.get(key(to, m.subject, m.text)) ?? 0) + 1);
    const duplicates = [...delivered].filter(([k, n]) => n > (expected.get(k) ?? 0)).length;
    const missing = [...expected].filter(([k, n]) => (delivered.get(k) ?? 0) < n).length;
    t.diagnostic(
      `emails: ${rows.length} in the outbox (${rows.filter((r) => r.status === 'sent').length} sent, ` +
        `${rows.filter((r) => r.status === 'failed').length} failed); ${smtp.all().length} caught; ` +
        `${duplicates} sent twice, ${missing} missing; first-time logins sent: ${firstTimeSent.length}`,
    );
    assert.equal(rows.filter((r) => r.status === 'failed').length, 0, 'no email given up');
    assert.equal(missing, 0, 'every email marked sent was delivered');
    assert.equal(duplicates, 0, 'no email delivered twice');

    // ------------------------------------------------------------ and it still stops cleanly
    const exit = await server.stop();
    assert.equal(exit.code, 0, 'SIGTERM after the soak: exit 0');
  });
});
