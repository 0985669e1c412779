/**
 * Helpers of the fault tests: a PostgreSQL server of a test's own, the real server as a child
 * process, the app in-process with a captured log, and raw HTTP requests on fresh connections.
 * Everything listens on 127.0.0.1.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Express, Router } from 'express';
import type { Knex } from 'knex';
import { pino, type Logger } from 'pino';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/core/deps.js';
import { listeningServer } from '../helpers/app.js';
import { databaseTimeouts, loadConfig, type Config } from '../../src/core/config.js';
import { createDb } from '../../src/core/db.js';
import { startDevelopmentDatabase, type EmbeddedDb } from '../../src/core/embedded-postgres.js';
import { redactPaths } from '../../src/core/logger.js';
import { OutboxSender } from '../../src/core/mail/outbox-sender.js';
import { seedDemo } from '../../seeds/index.js';
import { freePort } from '../../scripts/free-port.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export { freePort };

/** Resolves with the connect error's code, or 'connected' when something listens on the port. */
export function probePort(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** A request that does not answer within `ms` fails the test instead of hanging it. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not within ${timeoutMs} ms${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    await sleep(everyMs);
  }
}

// ------------------------------------------------------------------ a PostgreSQL of one's own

export interface OwnPostgres {
  dir: string;
  port: number;
  /** The portal's database on this server. */
  url: string;
  server: EmbeddedDb;
  /** Stops the server and removes its data folder. */
  destroy: () => Promise<void>;
}

/** A fresh folder under .data/ for a cluster (removed by the caller, or by OwnPostgres.destroy). */
export function ownDataDir(label: string): string {
  return path.join(ROOT, '.data', `reliability-${label}-${process.pid}-${randomBytes(3).toString('hex')}`);
}

/**
 * A real PostgreSQL server for one test file, in a fresh folder under .data/ on a free port,
 * migrated and (unless told otherwise) loaded with the demo data. Stopping it disturbs no other
 * test file.
 */
export async function startOwnPostgres(
  label: string,
  options: { seed?: boolean } = {},
): Promise<OwnPostgres> {
  const dir = ownDataDir(label);
  const port = await freePort();
  // Roles, owner's migrations and grants as the development bring-up does; the app gets the
  // app role's URL, the demo seed runs as the owner.
  const dev = await startDevelopmentDatabase(dir, port);
  const db = createDb(dev.ownerUrl, 2);
  try {
    if (options.seed !== false) await seedDemo(db);
  } finally {
    await db.destroy();
  }
  const server = dev.embedded;
  return {
    dir,
    port,
    url: dev.appUrl,
    server,
    destroy: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ the real server, as a child process

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  port: number;
  baseUrl: string;
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** The pino JSON lines the process wrote so far. */
  logs: () => LogLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGTERM and wait for the exit (SIGKILL after `timeoutMs`). */
  stop: (timeoutMs?: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the real entry point (`node --import tsx src/server.ts`) with the given environment and
 * waits for its "is running" line.
 */
export async function spawnServer(
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      ...env,
      PORT: String(port),
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const ready = await Promise.race([
    (async () => {
      const deadline = Date.now() + readyTimeoutMs;
      while (!stdout.includes('Portal iSPEKS is running at')) {
        if (Date.now() > deadline) return 'timeout';
        await sleep(50);
      }
      return 'ready';
    })(),
    exited.then(() => 'exited'),
  ]);
  if (ready !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`the server did not start (${ready}):\n${stderr}\n${stdout.slice(-2000)}`);
  }
  const logs = () =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as LogLine];
        } catch {
          return [];
        }
      });
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    logs,
    exited,
    stop: async (timeoutMs = 30_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

// ------------------------------------------------------------------ the app in this process

/** A pino logger whose JSON lines are kept in memory (as the server would write them to stdout). */
export function capturingLogger(level = 'info'): { logger: Logger; lines: () => LogLine[] } {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      raw.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = pino({ level, redact: { paths: redactPaths, censor: '[REDACTED]' } }, sink);
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as LogLine) };
}

export interface InProcessApp {
  baseUrl: string;
  app: Express;
  config: Config;
  db: Knex;
  server: Server;
  sender: OutboxSender;
  logs: () => LogLine[];
  close: () => Promise<void>;
}

export interface InProcessOptions {
  databaseUrl: string;
  smtpUrl: string;
  env?: Record<string, string>;
  /** Outbox sender polling and back-off (fast by default); false: no sender. */
  sender?: false | { pollMs?: number; baseBackoffSeconds?: number };
  /** Routers mounted just before the 404 handler (behind every middleware of a real page). */
  extraRoutes?: Record<string, Router>;
}

/** createApp on its own knex pool, listening on a free port, with the log kept in memory. */
export async function startInProcessApp(options: InProcessOptions): Promise<InProcessApp> {
  const { server, port, baseUrl } = await listeningServer();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    SMTP_URL: options.smtpUrl,
    PORT: String(port),
    BASE_URL: baseUrl,
    ...options.env,
  });
  const { logger, lines } = capturingLogger('info');
  const db = createDb(options.databaseUrl, config.DATABASE_POOL_MAX, logger, databaseTimeouts(config));
  const sender = new OutboxSender({
    db,
    smtpUrl: options.smtpUrl,
    from: config.MAIL_FROM,
    logger,
    pollMs: options.sender ? (options.sender.pollMs ?? 100) : 100,
    baseBackoffSeconds: options.sender ? (options.sender.baseBackoffSeconds ?? 1) : 1,
  });
  if (options.sender !== false) sender.start();
  const built = createApp({
    config,
    db,
    logger,
    clock: systemClock,
    extraRoutes: (app) => {
      for (const [prefix, router] of Object.entries(options.extraRoutes ?? {})) app.use(prefix, router);
    },
  });
  server.on('request', built.app);
  return {
    baseUrl,
    app: built.app,
    config,
    db,
    server,
    sender,
    logs: lines,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sender.stop();
      await built.close();
      await db.destroy();
    },
  };
}

// ------------------------------------------------------------------ raw HTTP on fresh connections

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  startedAt: number;
  endedAt: number;
}

export interface RawRequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Sends the body in this many pieces, `trickleMs` apart (a slow client: the request stays in flight). */
  pieces?: number;
  trickleMs?: number;
  timeoutMs?: number;
  /** A keep-alive agent to reuse connections with; by default every request has its own connection. */
  agent?: http.Agent;
}

/**
 * One request, on a new connection unless a keep-alive agent is given. Rejects with the socket
 * error (its `code`; `reusedSocket` tells whether it came on a connection used before).
 */
export function rawRequest(port: number, options: RawRequestOptions): Promise<RawResponse> {
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const body = options.body ?? '';
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        agent: options.agent ?? false,
        headers: {
          ...(options.body !== undefined
            ? {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': String(Buffer.byteLength(body)),
              }
            : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            startedAt,
            endedAt: Date.now(),
          }),
        );
        res.on('error', reject);
        res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ABORTED' })));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    const pieces = options.pieces ?? 1;
    if (pieces <= 1 || !body) {
      req.end(body);
      return;
    }
    const size = Math.ceil(body.length / pieces);
    let sent = 0;
    const next = () => {
      const piece = body.slice(sent, sent + size);
      sent += piece.length;
      if (sent >= body.length) req.end(piece);
      else {
        req.write(piece);
        setTimeout(next, options.trickleMs ?? 200);
      }
    };
    req.flushHeaders();
    setTimeout(next, options.trickleMs ?? 200);
  });
}

/** A session of its own: the cookie and the CSRF token of the login page. */
export async function freshSession(port: number): Promise<{ cookie: string; token: string }> {
  const page = await rawRequest(port, { path: '/' });
  const setCookie = page.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (page.status !== 200 || !cookie || !token)
    throw new Error(`no session from the login page (${page.status})`);
  return { cookie, token };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** True when the page shows something a user must never see: a stack trace or a raw error. */
export function leaksInternals(html: string): boolean {
  return /\n\s+at \S+ \(|node_modules|ECONNREFUSED|KnexTimeoutError|Error: |terminating connection|relation "/.test(
    html,
  );
}
