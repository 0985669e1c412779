import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { unreachableForPostgresUser } from '../src/core/embedded-postgres.js';
import { describe, test } from 'node:test';
import { createTestDatabase } from './helpers/db.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs `npm start`'s entry point with the given environment; returns exit code and output. */
function runServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  cwd = ROOT,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

function assertOneClearLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, /^Portal iSPEKS cannot start: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
}

describe('start-up failures end with one clear line', () => {
  test('a malformed environment variable names the variable', async () => {
    const r = await runServer({ PORT: 'abc' });
    assert.equal(r.code, 1);
    assertOneClearLine(r.stderr, /PORT/);
  });

  test('a database that cannot be reached', async () => {
    const r = await runServer({
      DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none',
      SMTP_URL: 'smtp://127.0.0.1:1',
    });
    assert.equal(r.code, 1);
    assertOneClearLine(r.stderr, /database/i);
  });

  test('a port already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const t = await createTestDatabase();
    try {
      const r = await runServer({
        DATABASE_URL: t.url,
        SMTP_URL: 'smtp://127.0.0.1:1',
        PORT: String(port),
        SEED_DEMO: 'false',
      });
      assert.equal(r.code, 1);
      assertOneClearLine(r.stderr, new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
      await t.drop();
    }
  });

  // Issue 13, item 9: as root, the embedded PostgreSQL runs as the system user "postgres"; a
  // clone (or data folder) under a private directory such as /root (mode 0700) is out of its
  // reach. The start says so in one line instead of dying on `spawn ... initdb EACCES`.
  test(
    'as root, an embedded PostgreSQL placed in a private (0700) directory',
    { skip: process.getuid?.() !== 0 },
    async () => {
      const parent = path.join(ROOT, '.data');
      mkdirSync(parent, { recursive: true });
      const privateDir = mkdtempSync(path.join(parent, 'private-'));
      chmodSync(privateDir, 0o700);
      const port = await new Promise<number>((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      try {
        assert.equal(unreachableForPostgresUser([path.join(privateDir, 'x', 'y')]), privateDir);
        assert.equal(unreachableForPostgresUser([parent]), undefined, 'a directory others may enter is fine');

        // A clone under the private directory (hard links: a copy in seconds), started with its
        // defaults: binaries and data (.data/postgres) are both out of the postgres user's reach.
        const clone = path.join(privateDir, 'clone');
        mkdirSync(clone);
        for (const entry of [
          'node_modules',
          'src',
          'migrations',
          'seeds',
          'views',
          'public',
          'package.json',
          'tsconfig.json',
        ])
          execFileSync('cp', ['-al', path.join(ROOT, entry), path.join(clone, entry)]);
        const r = await runServer({ EMBEDDED_PG_PORT: String(port), PORT: '0' }, 120_000, clone);
        assert.equal(r.code, 1);
        assertOneClearLine(
          r.stderr,
          new RegExp(
            `system user "postgres", which cannot enter ${privateDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*set DATABASE_URL`,
          ),
        );
        assert.ok(!existsSync(path.join(clone, '.data', 'postgres')), 'nothing half-made');
      } finally {
        rmSync(privateDir, { recursive: true, force: true });
      }
    },
  );
});
