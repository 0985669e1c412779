/**
 * `npm run bench` (issue 7): the portal in production mode on the scale data, measured from this
 * second process with autocannon. Needs no input and stops by itself:
 *
 * 1. starts the benchmark PostgreSQL (.data/bench-postgres; or uses DATABASE_URL), running
 *    seed:scale first when it holds no scale data yet;
 * 2. starts a local SMTP catcher and the app (`node --import tsx src/server.ts`, NODE_ENV=production,
 *    BENCH_CEILING_ROUTE=1, TRUST_PROXY=true as behind its reverse proxy) as a separate process;
 * 3. logs in a sample of users through the real login form;
 * 4. measures, each after a short warm-up and with the app idle again, with 50 connections for
 *    10 s, then on one connection for 5 s: (a) the ceiling route, (b) the dashboard, (c) a
 *    payslip page, (d) its PDF, (e) an eMaklum search, (f) the whole login (15 s), and the raw
 *    argon2 verification rate with the same parameters and thread pool (before and after (f));
 *    sampling the app's RSS from /proc and each party's CPU time;
 * 5. EXPLAINs the queries of (b), (c) and (e); prints the table and writes docs/benchmarks.md.
 *
 * Settings (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_LIGHT_SECONDS (5),
 * BENCH_LOGIN_SECONDS (15), BENCH_CONNECTIONS (50), BENCH_USERS (100), UV_THREADPOOL_SIZE (the
 * app's default), DATABASE_POOL_MAX (the app's default), BENCH_SEED_EMPLOYEES / BENCH_SEED_MONTHS
 * (50000 / 24, when it must seed), BENCH_DOC (docs/benchmarks.md; "-" writes no file),
 * BENCH_APP_NODE_ARGS (node options for the app; default "--max-old-space-size=128", as the
 * Dockerfile and `npm run start:production` start it), DATABASE_URL.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startSmtpCatcher } from '../src/core/mail/smtp-catcher.js';
import { threadPoolSize } from '../src/core/thread-pool.js';
import { SCALE_PASSWORD } from './scale/accounts.js';
import { BENCH_DB, ROOT, seedReportFile, startBenchPostgres, type BenchPostgres } from './scale/postgres.js';
import { explainPages, type ExplainedQuery } from './lib/explain.js';
import { csrfTokenOf, form, login, loginStepOne, sessionCookieOf } from './lib/login.js';
import { MemorySampler, cpuOf, cpuOfTree, machine, machineBusySeconds, memoryOf } from './lib/procstat.js';
import { writeReport, type BenchReport, type RunKey, type RunResult } from './lib/report.js';
import { freePort } from '../scripts/free-port.js';

const PRODUCTION_NODE_ARGS = '--max-old-space-size=128';

const env = process.env;
const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
const SECONDS = num(env.BENCH_SECONDS, 10);
const WARMUP = num(env.BENCH_WARMUP_SECONDS, 3);
const LIGHT = num(env.BENCH_LIGHT_SECONDS, 5);
/** A login takes ~100 times a page's time: a longer run, so the logins cut off at its ends weigh less. */
const LOGIN_SECONDS = num(env.BENCH_LOGIN_SECONDS, Math.max(SECONDS, 15));
const CONNECTIONS = num(env.BENCH_CONNECTIONS, 50);
const USERS = num(env.BENCH_USERS, 100);
const SEED_EMPLOYEES = env.BENCH_SEED_EMPLOYEES ?? '50000';
const SEED_MONTHS = env.BENCH_SEED_MONTHS ?? '24';
const DOC = env.BENCH_DOC ?? path.join(ROOT, 'docs/benchmarks.md');

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runChild(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** True when the database exists and holds employees with active accounts. */
async function hasScaleData(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ n: number }>(
      `SELECT CASE WHEN to_regclass('public.accounts') IS NULL THEN 0
                   ELSE (SELECT count(*)::int FROM (SELECT 1 FROM accounts WHERE status = 'active' LIMIT 10) x) END AS n`,
    );
    return (r.rows[0]?.n ?? 0) >= 10;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

interface SampleUser {
  accountId: number;
  employeeId: number;
  loginId: string;
  periods: { year: number; month: number }[];
  payments: number;
  cookie?: string;
}

/** A fixed-seed sample of active employee accounts with published payslips. */
async function sampleUsers(
  url: string,
  n: number,
): Promise<{ users: SampleUser[]; counts: Record<string, number>; pgVersion: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const users = await client.query<{
      account_id: number;
      employee_id: number;
      login_id: string;
      payments: number;
    }>(
      `SELECT a.id AS account_id, e.id AS employee_id, a.login_id,
              (SELECT count(*)::int FROM payments p WHERE p.payee_kind = 'employee' AND p.payee_id_no = e.ic_no) AS payments
         FROM accounts a JOIN employees e ON e.id = a.employee_id
        WHERE a.status = 'active' AND a.kind = 'employee' AND e.status = 'active' AND a.locked_until IS NULL
          AND EXISTS (SELECT 1 FROM payslips p WHERE p.employee_id = e.id AND p.published_at <= now())
        ORDER BY md5(a.login_id) LIMIT $1`,
      [n],
    );
    const out: SampleUser[] = [];
    for (const u of users.rows) {
      const periods = await client.query<{ year: number; month: number }>(
        `SELECT year, month FROM payslips WHERE employee_id = $1 AND published_at <= now() ORDER BY year, month`,
        [u.employee_id],
      );
      out.push({
        accountId: u.account_id,
        employeeId: u.employee_id,
        loginId: u.login_id,
        periods: periods.rows,
        payments: u.payments,
      });
    }
    const counts: Record<string, number> = {};
    for (const t of [
      'employees',
      'payslips',
      'payslip_lines',
      'payments',
      'loans',
      'applications',
      'accounts',
    ]) {
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`);
      counts[t] = Number(r.rows[0]?.n ?? 0);
    }
    const v = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return { users: out, counts, pgVersion: v.rows[0]?.v ?? '' };
  } finally {
    await client.end();
  }
}

function ymdDaysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

/** A random private address per simulated client (the app trusts one proxy hop). */
/** A response header by name, whatever its case (autocannon keeps the raw names). */
function header(headers: Record<string, unknown> | undefined, name: string): string | string[] | undefined {
  for (const [k, v] of Object.entries(headers ?? {}))
    if (k.toLowerCase() === name) return v as string | string[];
  return undefined;
}

/**
 * Waits until the app (and the database) are idle: when autocannon stops, the requests it had in
 * flight are still being served (a login's argon2 runs on), and must not eat into the next run.
 */
async function waitForIdle(pids: number[], maxMs = 30_000): Promise<void> {
  const cpu = () => pids.reduce((s, p) => s + (p === pids[0] ? cpuOf(p) : cpuOfTree(p)), 0);
  const started = Date.now();
  let last = cpu();
  while (Date.now() - started < maxMs) {
    await sleep(400);
    const now = cpu();
    if (now - last < 0.04) return;
    last = now;
  }
}

const randomIp = () =>
  `10.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}.${1 + ((Math.random() * 254) | 0)}`;

async function main(): Promise<void> {
  const benchStarted = Date.now();
  let server: BenchPostgres | undefined;
  let url = env.DATABASE_URL;
  let app: ChildProcess | undefined;
  const smtp = await startSmtpCatcher(0, 50);
  const cleanup = async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await Promise.race([new Promise((r) => app!.once('exit', r)), sleep(25_000)]);
      if (app.exitCode === null) app.kill('SIGKILL');
    }
    await smtp.close();
    await server?.stop();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    // ------------------------------------------------------------------ 1. the database
    if (!url) {
      log('starting the benchmark PostgreSQL');
      server = await startBenchPostgres('serve');
      url = server.url(BENCH_DB);
      if (!(await hasScaleData(url))) {
        log(
          `no scale data yet: running seed:scale --employees ${SEED_EMPLOYEES} --months ${SEED_MONTHS} first`,
        );
        await server.stop();
        server = undefined;
        await new Promise<void>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              'scripts/seed-scale.ts',
              '--employees',
              SEED_EMPLOYEES,
              '--months',
              SEED_MONTHS,
            ],
            { cwd: ROOT, env: { ...env, DATABASE_URL: '' }, stdio: 'inherit' },
          );
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`seed:scale exited with ${code}`)),
          );
        });
        server = await startBenchPostgres('serve');
      }
    } else if (!(await hasScaleData(url))) {
      throw new Error('DATABASE_URL holds no scale data: run `npm run seed:scale` on it first');
    }
    const pgPid = server?.pid();
    const seedReport = existsSync(seedReportFile(!server))
      ? (JSON.parse(readFileSync(seedReportFile(!server), 'utf8')) as BenchReport['seed'])
      : undefined;

    // ------------------------------------------------------------------ 2. the app
    // The app's own default (src/core/thread-pool.ts) unless given; the raw argon2 run gets the same.
    const threadPool = env.UV_THREADPOOL_SIZE ?? String(threadPoolSize());
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const logFile = path.join(ROOT, '.data/bench-app.log');
    const logFd = openSync(logFile, 'w');
    const appEnv: Record<string, string> = {
      ...(env as Record<string, string>),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: `http://localhost:${port}`,
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      // Fresh secrets each run: production refuses published values (src/core/config.ts).
      SESSION_SECRET: randomBytes(32).toString('hex'),
      DECOY_SECRET: randomBytes(32).toString('hex'),
      TRUST_PROXY: 'true',
      // The bench speaks plain HTTP to the app, so the session cookie cannot be always-Secure.
      ALLOW_INSECURE_HTTP: 'true',
      BENCH_CEILING_ROUTE: '1',
      UV_THREADPOOL_SIZE: threadPool,
      // One process, as the figures in docs/benchmarks.md were measured (production's default is
      // one worker per core); BENCH_WEB_CONCURRENCY measures the cluster instead.
      WEB_CONCURRENCY: env.BENCH_WEB_CONCURRENCY ?? '1',
    };
    // The production start command's flags (Dockerfile, `npm run start:production`) unless overridden.
    const nodeArgs = (env.BENCH_APP_NODE_ARGS ?? PRODUCTION_NODE_ARGS).split(' ').filter(Boolean);
    app = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: appEnv,
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    const appPid = app.pid!;
    log(`starting the app (pid ${appPid}, log in .data/bench-app.log)`);
    for (let i = 0; ; i++) {
      if (app.exitCode !== null)
        throw new Error(`the app exited with ${app.exitCode}: see .data/bench-app.log`);
      const ok = await fetch(`${baseUrl}/`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (i > 600) throw new Error('the app did not answer within 2 minutes');
      await sleep(200);
    }
    const idleRss = memoryOf(appPid)?.rssMb ?? 0;

    // ------------------------------------------------------------------ 3. sign in a sample
    const { users, counts, pgVersion } = await sampleUsers(url, USERS);
    if (users.length === 0) throw new Error('no active employee account with payslips to log in as');
    log(`logging in ${users.length} users through the login form`);
    const queue = [...users];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let u = queue.shift(); u; u = queue.shift())
          u.cookie = await login(baseUrl, u.loginId, SCALE_PASSWORD, randomIp());
      }),
    );
    const searchFrom = ymdDaysAgo(365);
    const searchTo = ymdDaysAgo(0);
    const payers = users.filter((u) => u.payments > 0);

    // ------------------------------------------------------------------ 4. the runs
    interface Target {
      key: RunKey;
      label: string;
      pool: SampleUser[];
      path: (u: SampleUser, i: number) => string;
    }
    const pickPeriod = (u: SampleUser, i: number) => u.periods[(i * 7919) % u.periods.length]!;
    const slipPath = (u: SampleUser, i: number, pdf: boolean) => {
      const p = pickPeriod(u, i);
      return `/epayslip/${p.year}/${String(p.month).padStart(2, '0')}${pdf ? '.pdf' : ''}`;
    };
    const searches = [
      `dari=${searchFrom}&hingga=${searchTo}`,
      `dari=${searchFrom}&hingga=${searchTo}&status=RECEIVED_BY_BANK`,
      `rujukan=TPD`,
    ];
    const targets: Target[] = [
      {
        key: 'ceiling',
        label: '(a) ceiling: tiny EJS page, one query',
        pool: users,
        path: () => '/__bench/ceiling',
      },
      { key: 'dashboard', label: '(b) dashboard /laman-utama', pool: users, path: () => '/laman-utama' },
      {
        key: 'payslip',
        label: '(c) payslip /epayslip/:y/:m',
        pool: users,
        path: (u, i) => slipPath(u, i, false),
      },
      { key: 'pdf', label: '(d) payslip PDF', pool: users, path: (u, i) => slipPath(u, i, true) },
      {
        key: 'emaklum',
        label: '(e) eMaklum search',
        pool: payers.length ? payers : users,
        path: (_u, i) => `/emaklum?${searches[i % searches.length]}`,
      },
    ];

    const results: RunResult[] = [];
    const busy = pgPid ? [appPid, pgPid] : [appPid];
    /**
     * Warm-up, the measured run (CONNECTIONS, sampling RSS and CPU), then a short run on one
     * connection: the page's own latency without 49 others queued in front of it.
     */
    const measure = async (
      key: RunKey,
      label: string,
      run: (seconds: number, connections: number) => Promise<autocannon.Result>,
      count: (r: autocannon.Result) => { done: number; p50: number; p99: number; failed: number },
      bytes: number,
      seconds = SECONDS,
    ): Promise<RunResult> => {
      await run(WARMUP, CONNECTIONS);
      await waitForIdle(busy);
      const mem = new MemorySampler(appPid);
      mem.start();
      const before = {
        app: cpuOf(appPid),
        pg: pgPid ? cpuOfTree(pgPid) : 0,
        me: process.cpuUsage(),
        all: machineBusySeconds(),
      };
      const result = await run(seconds, CONNECTIONS);
      const peakRssMb = mem.stop();
      const me = process.cpuUsage(before.me);
      const cpu = {
        app: cpuOf(appPid) - before.app,
        pg: pgPid ? cpuOfTree(pgPid) - before.pg : 0,
        bench: (me.user + me.system) / 1e6,
        all: machineBusySeconds() - before.all,
      };
      const c = count(result);
      await waitForIdle(busy);
      const light = count(await run(LIGHT, 1));
      await waitForIdle(busy);
      const per = (seconds: number) => (seconds * 1000) / Math.max(1, c.done);
      return {
        key,
        label,
        requests: c.done,
        seconds: result.duration,
        rps: c.done / result.duration,
        p50: c.p50,
        p99: c.p99,
        lightP50: light.p50,
        lightP99: light.p99,
        failed: c.failed,
        bytes,
        peakRssMb,
        appCpuMs: per(cpu.app),
        pgCpuMs: per(cpu.pg),
        benchCpuMs: per(cpu.bench),
        otherCores: Math.max(0, cpu.all - cpu.app - cpu.pg - cpu.bench) / result.duration,
      };
    };

    for (const t of targets) {
      // One request first: a route that is missing or failing is reported, not measured.
      const first = t.pool[0]!;
      const probe = await fetch(`${baseUrl}${t.path(first, 0)}`, {
        headers: { cookie: first.cookie! },
        redirect: 'manual',
      });
      const body = Buffer.from(await probe.arrayBuffer());
      if (probe.status !== 200) {
        log(`${t.label}: skipped (${t.path(first, 0)} answered ${probe.status})`);
        results.push({ key: t.key, label: t.label, skipped: `answered ${probe.status}` });
        continue;
      }
      log(`${t.label}: ${SECONDS} s with ${CONNECTIONS} connections (${body.length} bytes a response)`);
      let i = 0;
      const run = (seconds: number, connections: number) =>
        autocannon({
          url: baseUrl,
          connections,
          duration: seconds,
          requests: [
            {
              method: 'GET',
              setupRequest: (req) => {
                const n = i++;
                const u = t.pool[n % t.pool.length]!;
                return {
                  ...req,
                  path: t.path(u, Math.floor(n / t.pool.length)),
                  headers: { ...req.headers, cookie: u.cookie! },
                };
              },
            },
          ],
        });
      results.push(
        await measure(
          t.key,
          t.label,
          run,
          (r) => ({
            done: r.requests.total,
            p50: r.latency.p50,
            p99: r.latency.p99,
            failed: r.non2xx + r.errors + r.timeouts,
          }),
          body.length,
        ),
      );
    }

    // Raw argon2: a separate process, same parameters and thread-pool size, the app idle; once
    // before and once after the login run, whose load on the machine may differ.
    const rawArgon2 = async () => {
      const allBefore = machineBusySeconds();
      const wallBefore = performance.now();
      const raw = JSON.parse(
        await runChild(['--import', 'tsx', 'bench/argon2-rate.ts', String(SECONDS), String(CONNECTIONS)], {
          UV_THREADPOOL_SIZE: threadPool,
        }),
      ) as {
        rate: number;
        p50: number;
        p99: number;
        seconds: number;
        cpuSeconds: number;
        totalCpuSeconds: number;
        verifications: number;
        peakRssMb: number;
      };
      const wall = (performance.now() - wallBefore) / 1000;
      return {
        ...raw,
        cpuMs: (raw.cpuSeconds * 1000) / Math.max(1, raw.verifications),
        otherCores: Math.max(0, machineBusySeconds() - allBefore - raw.totalCpuSeconds) / wall,
      };
    };
    log(
      `raw argon2id verifications: ${SECONDS} s, ${CONNECTIONS} at a time, UV_THREADPOOL_SIZE=${threadPool}`,
    );
    const rawBefore = await rawArgon2();

    const percentile = (sorted: number[], p: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

    // (f) the password step, POST /log-masuk/kata-laluan, the request that verifies the password:
    // every request needs a session that has been through step 1 (and a successful login replaces
    // it), so enough of them are made beforehand, each from its own address.
    const needed = Math.min(4000, Math.ceil(rawBefore.rate * (WARMUP + LOGIN_SECONDS + LIGHT) * 2) + 100);
    log(`(f) login, password step: preparing ${needed} sessions through GET / and POST /log-masuk`);
    const prepared: { cookie: string; token: string; ip: string }[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (prepared.length < needed) {
          const s = await loginStepOne(baseUrl, users[prepared.length % users.length]!.loginId, randomIp());
          prepared.push(s);
        }
      }),
    );
    await waitForIdle(busy);
    let nextSession = 0;
    let stepTimes: number[] = [];
    let stepFailures = 0;
    const stepRun = (seconds: number, connections: number) => {
      stepTimes = [];
      stepFailures = 0;
      return autocannon({
        url: baseUrl,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/log-masuk/kata-laluan',
            setupRequest: (req, context) => {
              const ctx = context as { start?: number };
              const s = prepared[nextSession++ % prepared.length]!;
              ctx.start = performance.now();
              return {
                ...req,
                headers: {
                  'x-forwarded-for': s.ip,
                  cookie: s.cookie,
                  'content-type': 'application/x-www-form-urlencoded',
                },
                body: form({ _csrf: s.token, password: SCALE_PASSWORD }),
              };
            },
            onResponse: (status, _body, context, headers) => {
              const ctx = context as { start?: number };
              if (status === 303 && header(headers, 'location') === '/laman-utama')
                stepTimes.push(performance.now() - ctx.start!);
              else stepFailures += 1;
            },
          },
        ],
      });
    };
    log(`(f) login, password step: ${LOGIN_SECONDS} s with ${CONNECTIONS} connections`);
    results.push(
      await measure(
        'login',
        '(f) login: password step (1 argon2)',
        stepRun,
        (r) => {
          const sorted = [...stepTimes].sort((a, b) => a - b);
          return {
            done: sorted.length,
            p50: percentile(sorted, 50),
            p99: percentile(sorted, 99),
            failed: stepFailures + r.errors + r.timeouts,
          };
        },
        0,
        LOGIN_SECONDS,
      ),
    );
    if (nextSession > prepared.length)
      log(`  (the ${prepared.length} sessions ran out: ${nextSession} requests)`);

    // (f') the whole login: GET /, POST /log-masuk, POST /log-masuk/kata-laluan, again and again.
    log(
      `(f') whole login: ${LOGIN_SECONDS} s with ${CONNECTIONS} connections, each repeating the three steps`,
    );
    interface Ctx {
      ip?: string;
      start?: number;
      cookie?: string;
      token?: string;
      loginId?: string;
    }
    let loginTimes: number[] = [];
    let loginFailures = 0;
    let u = 0;
    const form3 = (ctx: Ctx) => ({
      'x-forwarded-for': ctx.ip!,
      cookie: ctx.cookie!,
      'content-type': 'application/x-www-form-urlencoded',
    });
    const loginRun = (seconds: number, connections: number) => {
      loginTimes = [];
      loginFailures = 0;
      return autocannon({
        url: baseUrl,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'GET',
            path: '/',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              ctx.ip = randomIp();
              ctx.start = performance.now();
              ctx.loginId = users[u++ % users.length]!.loginId;
              return { ...req, headers: { 'x-forwarded-for': ctx.ip } };
            },
            onResponse: (_status, body, context, headers) => {
              const ctx = context as Ctx;
              ctx.cookie = sessionCookieOf(header(headers, 'set-cookie'));
              ctx.token = csrfTokenOf(body);
            },
          },
          {
            method: 'POST',
            path: '/log-masuk',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              if (!ctx.cookie || !ctx.token) {
                loginFailures += 1;
                return null as unknown as autocannon.Request;
              }
              return { ...req, headers: form3(ctx), body: form({ _csrf: ctx.token, loginId: ctx.loginId! }) };
            },
            onResponse: (_status, body, context) => {
              const ctx = context as Ctx;
              ctx.token = csrfTokenOf(body) ?? ctx.token;
            },
          },
          {
            method: 'POST',
            path: '/log-masuk/kata-laluan',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              return {
                ...req,
                headers: form3(ctx),
                body: form({ _csrf: ctx.token!, password: SCALE_PASSWORD }),
              };
            },
            onResponse: (status, _body, context, headers) => {
              const ctx = context as Ctx;
              if (status === 303 && header(headers, 'location') === '/laman-utama')
                loginTimes.push(performance.now() - ctx.start!);
              else loginFailures += 1;
            },
          },
        ],
      });
    };
    results.push(
      await measure(
        'journey',
        "(f') whole login (3 requests, 1 argon2)",
        loginRun,
        (r) => {
          const sorted = [...loginTimes].sort((a, b) => a - b);
          // 3xx is the login's success; a failure is a step that did not lead to the dashboard.
          return {
            done: sorted.length,
            p50: percentile(sorted, 50),
            p99: percentile(sorted, 99),
            failed: loginFailures + r.errors + r.timeouts,
          };
        },
        0,
        LOGIN_SECONDS,
      ),
    );
    const rawAfter = await rawArgon2();
    const raw = {
      rate: (rawBefore.rate + rawAfter.rate) / 2,
      before: rawBefore.rate,
      after: rawAfter.rate,
      p50: (rawBefore.p50 + rawAfter.p50) / 2,
      p99: Math.max(rawBefore.p99, rawAfter.p99),
      peakRssMb: Math.max(rawBefore.peakRssMb, rawAfter.peakRssMb),
      cpuMs: (rawBefore.cpuMs + rawAfter.cpuMs) / 2,
      otherCores: (rawBefore.otherCores + rawAfter.otherCores) / 2,
    };
    const finalMemory = memoryOf(appPid);
    // ------------------------------------------------------------------ 5. plans, report
    const sample = users[0]!;
    const period = sample.periods[sample.periods.length - 1]!;
    // The payee with the most payments in the sample: the heaviest eMaklum search of them.
    const planUser = [...payers].sort((a, b) => b.payments - a.payments)[0] ?? sample;
    let plans: ExplainedQuery[] = [];
    try {
      plans = await explainPages(url, {
        accountId: planUser.accountId,
        employeeId: planUser.employeeId,
        year: period.year,
        month: period.month,
        searchFrom,
        searchTo,
      });
    } catch (err) {
      log(`EXPLAIN failed: ${(err as Error).message}`);
    }

    const report: BenchReport = {
      date: new Date(),
      machine: machine(),
      node: process.version,
      postgres: pgVersion,
      database: server ? 'embedded, bench settings' : 'DATABASE_URL',
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmup: WARMUP,
      loginSeconds: LOGIN_SECONDS,
      nodeArgs: nodeArgs.join(' '),
      users: users.length,
      threadPool: Number(threadPool),
      poolMax: Number(env.DATABASE_POOL_MAX ?? 10),
      counts,
      seed: seedReport,
      results,
      argon2: raw,
      idleRssMb: idleRss,
      peakRssMb: finalMemory?.hwmMb ?? 0,
      plans,
      minutes: (Date.now() - benchStarted) / 60_000,
    };
    const table = writeReport(report, DOC === '-' ? undefined : DOC);
    log('');
    log(table);
    if (DOC !== '-') log(`\nwritten to ${path.relative(ROOT, DOC)}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
