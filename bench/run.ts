/**
 * `npm run bench` (issues 7 and 15): the built portal in production mode on the scale data,
 * measured side by side with an outside yardstick, the Fortunes anchor (bench/anchor/), from this
 * second process with autocannon. Needs no input and stops by itself:
 *
 * 1. starts the benchmark PostgreSQL (.data/bench-postgres; or uses DATABASE_URL), running
 *    seed:scale first when it holds no scale data yet, and fills the anchor's `fortunes` database;
 * 2. builds the portal (`npm run build`) and starts it as production does (node dist/src/server.js,
 *    NODE_ENV=production, WEB_CONCURRENCY=1, ALLOW_INSECURE_HTTP=true since the bench speaks plain
 *    HTTP, BENCH_CEILING_ROUTE=1 for the diagnostic ceiling route), and the anchor, both on the
 *    project's pinned Node (node_modules/.bin/node);
 * 3. logs in a sample of users through the real login form;
 * 4. measures (bench/lib/measure.ts) the anchor, the anonymous login page, the ceiling route, the
 *    dashboard, a payslip page, its PDF, an eMaklum search, then the password step against the raw
 *    argon2 rate; then the payday run (bench/lib/payday.ts); then restarts the portal with two
 *    workers and measures the dashboard again;
 * 5. EXPLAINs the hot queries; prints the table and writes docs/benchmarks.md.
 *
 * Settings (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_LIGHT_SECONDS (5),
 * BENCH_LOGIN_SECONDS (15), BENCH_CONNECTIONS (50), BENCH_USERS (100), BENCH_PAYDAY (50000
 * employees; 0 skips), BENCH_PAYDAY_SECONDS (120; 0: no limit), BENCH_MIDDLEWARE (0 skips the
 * middleware cost table), BENCH_MIDDLEWARE_SECONDS (6 per row), BENCH_WHOLE_LOGIN (1 adds the
 * three-request login), BENCH_WORKERS (2; 1 skips the cluster run), BENCH_BUILD (0 uses dist/ as
 * it is), UV_THREADPOOL_SIZE, DATABASE_POOL_MAX, BENCH_SEED_EMPLOYEES / BENCH_SEED_MONTHS (50000 /
 * 24, when it must seed), BENCH_DOC (docs/benchmarks.md; "-" writes no file), BENCH_APP_NODE_ARGS
 * (default: the flags of `npm run start:production`, scripts/production-node-args.ts), DATABASE_URL.
 * A quick development run: `npm run bench:quick` (BENCH_SECONDS=3 BENCH_WARMUP_SECONDS=1
 * BENCH_LIGHT_SECONDS=1 BENCH_LOGIN_SECONDS=4 BENCH_PAYDAY=2000 BENCH_DOC=-).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startSmtpCatcher } from '../src/core/mail/smtp-catcher.js';
import { threadPoolSize } from '../src/core/thread-pool.js';
import { prepareFortunes } from './anchor/fortunes.js';
import { SCALE_PASSWORD } from './scale/accounts.js';
import { BENCH_DB, ROOT, seedReportFile, startBenchPostgres, type BenchPostgres } from './scale/postgres.js';
import { explainPages, type ExplainedQuery } from './lib/explain.js';
import { login } from './lib/login.js';
import { meanRate, measurePasswordStep, measureWholeLogin, rawArgon2 } from './lib/login-runs.js';
import { measurePage, randomIp, type PageTarget, type Settings } from './lib/measure.js';
import { middlewareCost } from './lib/middleware-cost.js';
import { payday } from './lib/payday.js';
import {
  buildPortal,
  freePort,
  nodeVersion,
  serverNode,
  startAnchor,
  startServer,
  type Server,
} from './lib/processes.js';
import { machine, memoryOf } from './lib/procstat.js';
import { productionEnv, productionNodeArgs } from '../scripts/production-node-args.js';
import { writeReport, type BenchReport, type RunResult } from './lib/report.js';
import { hasScaleData, sampleUsers, type SampleUser } from './lib/sample.js';

const PRODUCTION_NODE_ARGS = productionNodeArgs().join(' ');

const env = process.env;
const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
const settings: Settings = {
  seconds: num(env.BENCH_SECONDS, 10),
  warmup: num(env.BENCH_WARMUP_SECONDS, 3),
  light: num(env.BENCH_LIGHT_SECONDS, 5),
  connections: num(env.BENCH_CONNECTIONS, 50),
};
/** A login takes ~100 times a page's time: a longer run, so the logins cut off at its ends weigh less. */
const LOGIN_SECONDS = num(env.BENCH_LOGIN_SECONDS, Math.max(settings.seconds, 15));
const USERS = num(env.BENCH_USERS, 100);
const PAYDAY = num(env.BENCH_PAYDAY, 50_000);
const PAYDAY_SECONDS = num(env.BENCH_PAYDAY_SECONDS, 120);
const WORKERS = num(env.BENCH_WORKERS, 2);
const SEED_EMPLOYEES = env.BENCH_SEED_EMPLOYEES ?? '50000';
const SEED_MONTHS = env.BENCH_SEED_MONTHS ?? '24';
const DOC = env.BENCH_DOC ?? path.join(ROOT, 'docs/benchmarks.md');
/** Shorter runs for the middleware table's 13 rows, so the whole bench stays under 10 minutes. */
const MIDDLEWARE_SETTINGS: Settings = {
  ...settings,
  seconds: num(env.BENCH_MIDDLEWARE_SECONDS, Math.min(settings.seconds, 6)),
  warmup: Math.min(settings.warmup, 1),
  light: Math.min(settings.light, 1),
};

const log = (line: string) => process.stdout.write(`${line}\n`);

/** The benchmark PostgreSQL, seeded first when it holds no scale data. */
async function database(): Promise<{ server?: BenchPostgres; url: string }> {
  if (env.DATABASE_URL) {
    if (!(await hasScaleData(env.DATABASE_URL)))
      throw new Error('DATABASE_URL holds no scale data: run `npm run seed:scale` on it first');
    return { url: env.DATABASE_URL };
  }
  log('starting the benchmark PostgreSQL');
  let server = await startBenchPostgres('serve');
  if (!(await hasScaleData(server.url(BENCH_DB)))) {
    log(`no scale data yet: running seed:scale --employees ${SEED_EMPLOYEES} --months ${SEED_MONTHS} first`);
    await server.stop();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'scripts/seed-scale.ts', '--employees', SEED_EMPLOYEES, '--months', SEED_MONTHS],
        { cwd: ROOT, env: { ...env, DATABASE_URL: '' }, stdio: 'inherit' },
      );
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`seed:scale exited with ${code}`)),
      );
    });
    server = await startBenchPostgres('serve');
  }
  return { server, url: server.url(BENCH_DB) };
}

async function main(): Promise<void> {
  const benchStarted = Date.now();
  const smtp = await startSmtpCatcher(0, 50);
  const stops: (() => Promise<void>)[] = [() => smtp.close()];
  const cleanup = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    // ------------------------------------------------------------------ 1. the databases
    const { server, url } = await database();
    if (server) stops.push(() => server.stop());
    const pgPid = server?.pid();
    const seedReport = existsSync(seedReportFile(!server))
      ? (JSON.parse(readFileSync(seedReportFile(!server), 'utf8')) as BenchReport['seed'])
      : undefined;
    const anchorUrl = await prepareFortunes(url.replace(/\/[^/?]*(\?|$)/, '/postgres$1'));

    // ------------------------------------------------------------------ 2. the portal and the anchor
    if (env.BENCH_BUILD !== '0' || !existsSync(path.join(ROOT, 'dist/src/server.js'))) {
      log('building the portal (npm run build)');
      await buildPortal();
    }
    // The app's own default (src/core/thread-pool.ts) unless given; the raw argon2 run gets the same.
    const threadPool = env.UV_THREADPOOL_SIZE ?? String(threadPoolSize());
    const nodeArgs = (env.BENCH_APP_NODE_ARGS ?? PRODUCTION_NODE_ARGS).split(' ').filter(Boolean);
    // Fresh secrets each run (production refuses published values); the same across the restart
    // with two workers, so the sessions made at the start stay valid.
    const sessionSecret = randomBytes(32).toString('hex');
    const decoySecret = randomBytes(32).toString('hex');
    const portalEnv = (port: number, workers: number): Record<string, string> => ({
      ...productionEnv(),
      ...(env as Record<string, string>),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: `http://localhost:${port}`,
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      SESSION_SECRET: sessionSecret,
      DECOY_SECRET: decoySecret,
      TRUST_PROXY: 'true',
      // The bench speaks plain HTTP to the app, so the session cookie cannot be always-Secure.
      ALLOW_INSECURE_HTTP: 'true',
      BENCH_CEILING_ROUTE: '1',
      UV_THREADPOOL_SIZE: threadPool,
      WEB_CONCURRENCY: String(workers),
    });
    const startPortal = async (workers: number): Promise<Server> => {
      const port = await freePort();
      const portal = await startServer(
        'the portal',
        [...nodeArgs, 'dist/src/server.js'],
        portalEnv(port, workers),
        port,
        '/',
        `bench-app-${workers}.log`,
      );
      stops.push(() => portal.stop());
      return portal;
    };
    let portal = await startPortal(1);
    log(`the portal (pid ${portal.pid}, log in .data/bench-app-1.log) on ${nodeVersion(serverNode())}`);
    const anchor = await startAnchor(anchorUrl);
    stops.push(() => anchor.stop());
    const idleRss = memoryOf(portal.pid)?.rssMb ?? 0;

    // ------------------------------------------------------------------ 3. sign in a sample
    const { users, counts, pgVersion } = await sampleUsers(url, USERS);
    if (users.length === 0) throw new Error('no active employee account with payslips to log in as');
    log(`logging in ${users.length} users through the login form`);
    const queue = [...users];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let u = queue.shift(); u; u = queue.shift())
          u.cookie = await login(portal.url, u.loginId, SCALE_PASSWORD, randomIp());
      }),
    );
    const ymdDaysAgo = (days: number) =>
      new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
    const searchFrom = ymdDaysAgo(365);
    const searchTo = ymdDaysAgo(0);
    const payers = users.filter((u) => u.payments > 0);

    // ------------------------------------------------------------------ 4. the runs
    const pickPeriod = (u: SampleUser, i: number) => u.periods[(i * 7919) % u.periods.length]!;
    const slipPath = (u: SampleUser | undefined, i: number, pdf: boolean) => {
      const p = pickPeriod(u!, i);
      return `/epayslip/${p.year}/${String(p.month).padStart(2, '0')}${pdf ? '.pdf' : ''}`;
    };
    const latestSlipPdf = (u: SampleUser) => {
      const p = u.periods[u.periods.length - 1]!;
      return `/epayslip/${p.year}/${String(p.month).padStart(2, '0')}.pdf`;
    };
    const searches = [
      `dari=${searchFrom}&hingga=${searchTo}`,
      `dari=${searchFrom}&hingga=${searchTo}&status=RECEIVED_BY_BANK`,
      `rujukan=TPD`,
    ];
    const targets: PageTarget<SampleUser>[] = [
      { key: 'loginPage', label: 'login page, anonymous (GET /)', pool: [], path: () => '/' },
      { key: 'dashboard', label: 'dashboard /laman-utama', pool: users, path: () => '/laman-utama' },
      {
        key: 'payslip',
        label: 'payslip /epayslip/:y/:m',
        pool: users,
        path: (u, i) => slipPath(u, i, false),
      },
      {
        // The steady state of issue 15's design: each user's newest payslip, whose PDF the
        // background renderer stored at publication (drawn below, before the run, as it would
        // have been); a first download that draws is the payday run's case.
        key: 'pdf',
        label: 'payslip PDF (stored)',
        pool: users,
        path: (u) => latestSlipPdf(u!),
      },
      {
        key: 'emaklum',
        label: 'eMaklum search',
        pool: payers.length ? payers : users,
        path: (_u, i) => `/emaklum?${searches[i % searches.length]}`,
      },
      {
        key: 'ceiling',
        label: 'diagnostic: ceiling route (every middleware, one query)',
        pool: users,
        path: () => '/__bench/ceiling',
      },
    ];
    const results: RunResult[] = [];
    const anchorTarget: PageTarget<SampleUser> = {
      key: 'anchor',
      label: 'anchor: bare Express + EJS + pg Fortunes',
      pool: [],
      path: () => '/fortunes',
    };
    results.push(await measurePage(settings, anchor.url, anchorTarget, { appPid: anchor.pid, pgPid }, log));
    const onPortal = { appPid: portal.pid, pgPid };
    // What the background renderer does at publication, for the sampled users' newest payslips.
    log(`storing the newest payslip PDF of ${users.length} users (their first download draws it)`);
    for (const u of users)
      await fetch(`${portal.url}${latestSlipPdf(u)}`, { headers: { cookie: u.cookie ?? '' } }).then((r) =>
        r.arrayBuffer(),
      );
    for (const t of targets) results.push(await measurePage(settings, portal.url, t, onPortal, log));

    // Where the ceiling route's time goes: the portal's middleware, one layer at a time.
    let middleware: BenchReport['middleware'] = { skipped: 'BENCH_MIDDLEWARE=0' };
    if (env.BENCH_MIDDLEWARE !== '0') {
      log("the middleware cost table: the ceiling route behind 0, 1, 2, ... of the portal's layers");
      middleware = await middlewareCost({
        settings: MIDDLEWARE_SETTINGS,
        env: portalEnv(0, 1),
        nodeArgs,
        users,
        pgPid,
        log,
      });
    }

    const argonNode = serverNode();
    log(`raw argon2id verifications: ${settings.seconds} s, ${settings.connections} at a time`);
    const rawBefore = await rawArgon2(settings, threadPool, argonNode);
    const loginSettings = { ...settings, seconds: LOGIN_SECONDS };
    const loginIds = users.map((u) => u.loginId);
    results.push(
      await measurePasswordStep(loginSettings, portal.url, loginIds, rawBefore.rate, onPortal, log),
    );
    if (env.BENCH_WHOLE_LOGIN === '1')
      results.push(await measureWholeLogin(loginSettings, portal.url, loginIds, onPortal, log));
    const argon2 = meanRate(rawBefore, await rawArgon2(settings, threadPool, argonNode));

    let paydayResult: BenchReport['payday'] = { skipped: 'BENCH_PAYDAY=0' };
    if (PAYDAY > 0) {
      try {
        paydayResult = await payday({
          url,
          baseUrl: portal.url,
          sessionSecret,
          templateCookie: users[0]!.cookie!,
          employees: PAYDAY,
          connections: settings.connections,
          maxSeconds: PAYDAY_SECONDS,
          log,
          ...onPortal,
        });
      } catch (err) {
        log(`payday: ${(err as Error).message}`);
        paydayResult = { skipped: (err as Error).message };
      }
    }

    // The one worker's peak over every run (payday included), before the cluster replaces it.
    const peakRss = memoryOf(portal.pid)?.hwmMb ?? 0;
    if (WORKERS > 1) {
      await portal.stop();
      portal = await startPortal(WORKERS);
      log(`the portal with ${WORKERS} workers (pid ${portal.pid})`);
      results.push(
        await measurePage(
          settings,
          portal.url,
          { ...targets[1]!, key: 'dashboard2', label: `dashboard, ${WORKERS} workers` },
          { appPid: portal.pid, pgPid, workers: WORKERS },
          log,
        ),
      );
    }

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
      portal:
        'the built app (`npm run build`; node dist/src/server.js), NODE_ENV=production, WEB_CONCURRENCY=1 ' +
        '(and 2 for the dashboard below), ALLOW_INSECURE_HTTP=true (plain HTTP), TRUST_PROXY=true',
      serverNode: nodeVersion(serverNode()),
      payday: paydayResult,
      middleware,
      machine: machine(),
      node: process.version,
      postgres: pgVersion,
      database: server ? 'embedded, bench settings' : 'DATABASE_URL',
      connections: settings.connections,
      seconds: settings.seconds,
      warmup: settings.warmup,
      loginSeconds: LOGIN_SECONDS,
      nodeArgs: nodeArgs.join(' '),
      users: users.length,
      threadPool: Number(threadPool),
      poolMax: Number(env.DATABASE_POOL_MAX ?? 10),
      counts,
      seed: seedReport,
      results,
      argon2,
      idleRssMb: idleRss,
      peakRssMb: peakRss,
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
