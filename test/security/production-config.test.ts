/**
 * Issue 11, items 10 and 15: production refuses secrets that anyone can read (the placeholders
 * once shipped in docker-compose.yml, the development defaults), refuses to run without a proxy
 * in front unless plain HTTP is allowed on purpose, and its session cookie is always Secure.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { ConfigError, KNOWN_PLACEHOLDER_SECRETS, loadConfig } from '../../src/core/config.js';
import { SESSION_COOKIE } from '../../src/middleware/session.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient } from '../helpers/http.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GOOD_SESSION = 'f3b1c9e07a5d42e8b6c1a9d3e7f05b2c8d4a6e1f9b3c7d5a';
const GOOD_DECOY = '9e4c2a7f1d8b3e6a5c0f7d2b9e4a1c8f6d3b0e7a2c5f9d1b';

const production = (overrides: Record<string, string | undefined> = {}) => ({
  NODE_ENV: 'production',
  BASE_URL: 'https://ispeks.selangor.gov.my',
  SESSION_SECRET: GOOD_SESSION,
  DECOY_SECRET: GOOD_DECOY,
  TRUST_PROXY: 'true',
  ...overrides,
});

/** `npm start`'s entry point with the given environment: exit code and what it wrote. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('production secrets: no default, no placeholder', () => {
  test('a good production configuration loads', () => {
    const c = loadConfig(production());
    assert.equal(c.sessionSecret, GOOD_SESSION);
    assert.equal(c.decoySecret, GOOD_DECOY);
  });

  test('the secrets once shipped in docker-compose.yml are refused, each naming its variable', () => {
    for (const [name, value] of [
      ['SESSION_SECRET', 'change-me-to-64-random-characters-change-me-to-64-random-characters'],
      ['DECOY_SECRET', 'change-me-to-another-64-random-characters-change-me-to-another-64'],
    ]) {
      assert.throws(
        () => loadConfig(production({ [name!]: value })),
        (e: Error) => e instanceof ConfigError && e.message.includes(`${name} is a value published`),
        name,
      );
    }
  });

  test('every listed placeholder and placeholder-shaped or low-entropy value is refused', () => {
    const refused = [
      ...KNOWN_PLACEHOLDER_SECRETS,
      'please-changeme-please-changeme-please-changeme',
      'REPLACE_ME_WITH_A_REAL_SECRET_OF_64_CHARACTERS__',
      'your-secret-here-your-secret-here-your-secret-here',
      's'.repeat(64),
      'abababababababababababababababababababab',
    ];
    for (const value of refused) {
      assert.throws(() => loadConfig(production({ SESSION_SECRET: value })), /SESSION_SECRET is/, value);
      assert.throws(() => loadConfig(production({ DECOY_SECRET: value })), /DECOY_SECRET is/, value);
    }
  });

  test('the same value for both secrets is refused', () => {
    assert.throws(() => loadConfig(production({ DECOY_SECRET: GOOD_SESSION })), /must differ/);
  });

  test('a missing secret has no default in production', () => {
    assert.throws(() => loadConfig(production({ SESSION_SECRET: undefined })), /SESSION_SECRET/);
    assert.throws(() => loadConfig(production({ DECOY_SECRET: undefined })), /DECOY_SECRET/);
  });

  test('the server refuses to start with a placeholder secret, in one clear line', async () => {
    const r = await runServer(
      production({
        SESSION_SECRET: 'change-me-to-64-random-characters-change-me-to-64-random-characters',
        DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none',
        SMTP_URL: 'smtp://127.0.0.1:1',
      }) as Record<string, string>,
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr.trim(), /^Portal iSPEKS cannot start: .*SESSION_SECRET is a value published/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

describe('production over HTTPS only', () => {
  test('production without TRUST_PROXY refuses to start unless plain HTTP is allowed on purpose', () => {
    assert.throws(
      () => loadConfig(production({ TRUST_PROXY: undefined })),
      (e: Error) => e instanceof ConfigError && /TRUST_PROXY=true/.test(e.message),
    );
    assert.throws(() => loadConfig(production({ TRUST_PROXY: 'false' })), /ALLOW_INSECURE_HTTP/);
    const c = loadConfig(production({ TRUST_PROXY: undefined, ALLOW_INSECURE_HTTP: 'true' }));
    assert.equal(c.ALLOW_INSECURE_HTTP, true);
  });

  describe('the session cookie in production', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({
        env: production({ BASE_URL: 'https://ispeks.example.gov.my' }) as Record<string, string>,
      });
    });
    after(() => app.close());

    /** Every session cookie the server set during the requests seen by `client`. */
    const sessionCookies = (lines: string[]) => lines.filter((l) => l.startsWith(`${SESSION_COOKIE}=`));

    test('behind the proxy (X-Forwarded-Proto: https) sign-in works and the cookie is Secure', async () => {
      const seen: string[] = [];
      const client = new TestClient(app.baseUrl, { 'x-forwarded-proto': 'https' });
      const original = client.request.bind(client);
      client.request = async (...args) => {
        const page = await original(...args);
        seen.push(...page.headers.getSetCookie());
        return page;
      };
      const done = await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
      assert.equal(done.status, 200);
      assert.match(done.html, /Log Keluar/);
      const cookies = sessionCookies(seen);
      assert.ok(cookies.length > 0, 'a session cookie was set');
      for (const c of cookies) assert.match(c, /;\s*Secure/i, c);
    });

    test('a request that reached the app over plain HTTP never gets a session cookie without Secure', async () => {
      const seen: string[] = [];
      const client = new TestClient(app.baseUrl);
      const original = client.request.bind(client);
      client.request = async (...args) => {
        const page = await original(...args);
        seen.push(...page.headers.getSetCookie());
        return page;
      };
      await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD).catch(() => undefined);
      for (const c of sessionCookies(seen)) assert.match(c, /;\s*Secure/i, c);
    });
  });
});
