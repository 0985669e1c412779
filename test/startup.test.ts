import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createTestDatabase } from './helpers/db.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs `npm start`'s entry point with the given environment; returns exit code and output. */
function runServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
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
});
