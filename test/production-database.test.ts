import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createDb } from '../src/core/db.js';
import { urlAs, urlOf } from '../src/core/db-roles.js';
import { PAYSLIP_CODES, SECRET_IMAGES, SECURITY_QUESTIONS, DOWNLOADS } from '../migrations/reference-data.js';
import { seedDemo } from '../seeds/index.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import type { TestDatabase } from './helpers/db.js';
import { TestClient, visibleText } from './helpers/http.js';
import { activationFields, GOOD_PASSWORD, issueTemporaryPassword, loginSteps } from './auth/support.js';

/**
 * Issue 13, items 4 and 5: a database set up as an operator would, with nothing but
 * deploy/postgres/init-roles.sh (as the server's superuser) and `npm run setup` (as the owner,
 * with a departments file), and no demo seed: the portal runs in production mode as the app
 * role, and an employee the Unit Gaji entered can log in for the first time, activate and reach
 * the dashboard. The demo seed then refuses the database, which holds a real account.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const suffix = randomBytes(4).toString('hex');
const DB = `prod_${suffix}`;
const OWNER = { name: `p_owner_${suffix}`, password: `owner-${randomBytes(8).toString('hex')}` };
const APP = { name: `p_app_${suffix}`, password: `app-${randomBytes(8).toString('hex')}` };
const EMPLOYEE = {
  ic: '880512105544',
  email: 'siti.aminah@selangor.gov.my',
  name: 'Siti Aminah binti Ahmad',
};

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function superQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_PG_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('a fresh production database: init-roles.sh, npm run setup, no demo seed', () => {
  const server = new URL(process.env.TEST_PG_SERVER_URL ?? 'postgres://missing');
  const initEnv = {
    PGHOST: server.hostname,
    PGPORT: server.port,
    PGPASSWORD: decodeURIComponent(server.password),
    POSTGRES_USER: decodeURIComponent(server.username),
    ISPEKS_DATABASE: DB,
    ISPEKS_OWNER_ROLE: OWNER.name,
    DATABASE_APP_ROLE: APP.name,
  };
  const ownerUrl = urlAs(server.toString(), OWNER.name, OWNER.password, DB);
  const appUrl = urlAs(server.toString(), APP.name, APP.password, DB);
  const setupEnv = { DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: appUrl, DATABASE_APP_ROLE: APP.name };
  const dir = mkdtempSync(path.join(tmpdir(), 'ispeks-setup-'));
  const departments = path.join(dir, 'departments.csv');
  let app: TestApp;
  let database: TestDatabase;

  before(async () => {
    writeFileSync(
      departments,
      'code,name,accounting_office_code,paying_centre_code,employer_e_number,lhdn_branch,address\n' +
        '10010102,Perbendaharaan Negeri Selangor,1001,100102,E 0912346-05,Shah Alam,"Tingkat 2, Bangunan SSAAS, 40503 Shah Alam"\n' +
        '10010103,Jabatan Kerja Raya Negeri Selangor,1001,100103,E 0912347-03,Shah Alam,"Wisma JKR, 40100 Shah Alam"\n',
    );
  });

  after(async () => {
    await app?.close();
    await database?.db.destroy();
    await database?.owner.destroy();
    await superQuery(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await superQuery(`DROP ROLE IF EXISTS ${APP.name}`);
    await superQuery(`DROP ROLE IF EXISTS ${OWNER.name}`);
    rmSync(dir, { recursive: true, force: true });
  });

  test('init-roles.sh refuses to run without the role passwords, then creates both roles and the database', async () => {
    const refused = await run('sh', ['deploy/postgres/init-roles.sh'], initEnv);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /ISPEKS_OWNER_PASSWORD is required/);
    const env = { ...initEnv, ISPEKS_OWNER_PASSWORD: OWNER.password, ISPEKS_APP_PASSWORD: APP.password };
    for (let i = 0; i < 2; i++) {
      const done = await run('sh', ['deploy/postgres/init-roles.sh'], env);
      assert.equal(done.code, 0, `run ${i + 1} (idempotent): ${done.stderr}`);
    }
    const su = createDb(urlOf(server.toString(), DB), 1);
    try {
      const { rows } = await su.raw<{ rows: Record<string, unknown>[] }>(
        `SELECT (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS db_owner,
                (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public') AS schema_owner,
                (SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = ?) AS app_powers,
                has_schema_privilege(?, 'public', 'CREATE') AS app_create`,
        [APP.name, APP.name],
      );
      assert.deepEqual(rows[0], {
        db_owner: OWNER.name,
        schema_owner: OWNER.name,
        app_powers: false,
        app_create: false,
      });
    } finally {
      await su.destroy();
    }
  });

  test('npm run setup: migrations, reference catalogue, privileges and the departments file; idempotent', async () => {
    const setup = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/setup.ts', `--departments=${departments}`],
      {
        ...setupEnv,
        NODE_ENV: 'production',
      },
    );
    assert.equal(setup.code, 0, setup.stderr);
    assert.match(setup.stdout, /departments: 2 in .* \(2 new\)/);
    const again = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/setup.ts', `--departments=${departments}`],
      {
        ...setupEnv,
        NODE_ENV: 'production',
      },
    );
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /departments: 2 in .* \(0 new\)/);

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'code,name\n10010104,Jabatan Tanpa Maklumat\n');
    const refused = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/setup.ts', `--departments=${bad}`],
      setupEnv,
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^setup failed: .*missing: accounting_office_code/);

    const owner = createDb(ownerUrl, 1);
    try {
      const count = async (table: string) =>
        Number((await owner(table).count<{ n: number }[]>({ n: '*' }))[0]?.n);
      assert.equal(await count('payslip_codes'), PAYSLIP_CODES.length);
      assert.equal(await count('security_questions'), SECURITY_QUESTIONS.length);
      assert.equal(await count('secret_images'), SECRET_IMAGES.length);
      assert.equal(await count('downloads'), DOWNLOADS.length);
      assert.equal(await count('departments'), 2, 'the file, not the demo departments');
      for (const table of ['employees', 'accounts', 'suppliers', 'payslips', 'demo_seed'])
        assert.equal(await count(table), 0, `${table}: no demo data`);
      const pcb = await owner('payslip_codes').where('code', 'PCB').first();
      assert.equal(pcb.ec_category, 'pcb', 'the codes carry their EC category');
    } finally {
      await owner.destroy();
    }
  });

  test('production mode as the app role: first-time login, activation, dashboard', async () => {
    database = {
      url: appUrl,
      name: DB,
      db: createDb(appUrl, 10),
      ownerUrl,
      owner: createDb(ownerUrl, 2),
      drop: async () => {},
    };
    // The employee as the Unit Gaji's payroll would have entered them.
    const department = await database.db('departments').where('code', '10010102').first<{ id: number }>('id');
    await database.db('employees').insert({
      ic_no: EMPLOYEE.ic,
      payroll_no: 'PNS-000123',
      name: EMPLOYEE.name,
      email: EMPLOYEE.email,
      department_id: department.id,
      position: 'Penolong Akauntan',
      grade: 'WA29',
      service_scheme: 'Perakaunan',
      bank_name: 'Bank Islam Malaysia Berhad',
      bank_account: '12029010123456',
      kwsp_no: '12345678',
      start_date: '2015-03-02',
    });
    app = await startTestApp({
      database,
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: randomBytes(24).toString('hex'),
        DECOY_SECRET: randomBytes(24).toString('hex'),
        BASE_URL: 'https://portal.example.gov.my',
        TRUST_PROXY: 'true',
        ALLOW_INSECURE_HTTP: 'true',
      },
    });
    assert.equal(app.config.isProduction, true);
    const { rows } = await app.db.raw<{ rows: { who: string }[] }>('SELECT current_user AS who');
    assert.equal(rows[0]!.who, APP.name);

    const temp = await issueTemporaryPassword(app, EMPLOYEE.ic, EMPLOYEE.email);
    const client = new TestClient(app.baseUrl);
    const toActivation = await loginSteps(client, EMPLOYEE.ic, temp);
    assert.equal(toActivation.status, 303);
    assert.equal(toActivation.location, '/pengaktifan');
    const form = await client.get('/pengaktifan');
    assert.equal(form.status, 200);
    const activated = await client.post('/pengaktifan', { ...(await activationFields(app.db)) });
    assert.equal(activated.status, 303, visibleText(activated.html));
    assert.equal(activated.location, '/');

    const fresh = new TestClient(app.baseUrl);
    const login = await loginSteps(fresh, EMPLOYEE.ic, GOOD_PASSWORD);
    assert.equal(login.status, 303);
    assert.equal(login.location, '/laman-utama');
    const dashboard = await fresh.get('/laman-utama');
    assert.equal(dashboard.status, 200);
    assert.ok(visibleText(dashboard.html).includes(EMPLOYEE.name), 'the signed-in employee is named');
    const audit = await app.db('audit_log').where('action', 'account.activated').first();
    assert.equal(audit.db_role, APP.name, 'the audit row names the role that wrote it');
  });

  test('the demo seed refuses this database (it holds a real account), whatever NODE_ENV says', async () => {
    const before = await database.owner('accounts').select('id', 'login_id', 'status');
    assert.equal(before.length, 1);
    await assert.rejects(seedDemo(database.owner), /the demo seed refuses this database/);
    assert.deepEqual(await database.owner('accounts').select('id', 'login_id', 'status'), before);
    assert.equal(Number((await database.owner('departments').count<{ n: number }[]>({ n: '*' }))[0]?.n), 2);
    // Through the command too, as the owner: nothing emptied.
    const seed = await run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], {
      ...setupEnv,
      NODE_ENV: 'development',
    });
    assert.equal(seed.code, 1);
    assert.match(seed.stderr, /seed failed: the demo seed refuses this database/);
    assert.deepEqual(await database.owner('accounts').select('id', 'login_id', 'status'), before);
  });
});
