import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './core/config.js';
import { createDb, TOOL_TIMEOUTS } from './core/db.js';
import {
  EmbeddedPostgresError,
  startDevelopmentDatabase,
  type EmbeddedDb,
} from './core/embedded-postgres.js';
import { createLogger } from './core/logger.js';
import { OutboxSender } from './core/mail/outbox-sender.js';
import { startSmtpCatcher, type SmtpCatcher } from './core/mail/smtp-catcher.js';
import { threadPoolSize } from './core/thread-pool.js';
import { seedDemoIfEmpty, demoLogins } from '../seeds/index.js';

// argon2 runs on libuv's thread pool: one thread per core (set before first use; see thread-pool.ts).
process.env.UV_THREADPOOL_SIZE ??= String(threadPoolSize());

/** One clear line and exit code 1: a start-up failure is never a stack trace. */
function fail(message: string): never {
  process.stderr.write(`Portal iSPEKS cannot start: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);

  let embedded: EmbeddedDb | undefined;
  let databaseUrl = config.DATABASE_URL;
  // The owner role's connection, for the demo seed in development (the app role may not empty tables).
  let ownerUrl: string | undefined;
  if (!databaseUrl) {
    // Roles, migrations (as the owner) and grants: the app then connects as the app role.
    try {
      const dev = await startDevelopmentDatabase(config.EMBEDDED_PG_DIR, config.EMBEDDED_PG_PORT);
      embedded = dev.embedded;
      databaseUrl = dev.appUrl;
      ownerUrl = dev.ownerUrl;
    } catch (err) {
      if (err instanceof EmbeddedPostgresError) fail(err.message);
      fail(
        `the embedded PostgreSQL did not start on port ${config.EMBEDDED_PG_PORT} (${(err as Error).message.split('\n')[0]})`,
      );
    }
  }
  const db = createDb(databaseUrl, config.DATABASE_POOL_MAX, logger);
  try {
    await db.raw('select 1');
  } catch (err) {
    await embedded?.stop();
    fail(`no database at DATABASE_URL (${(err as Error).message.split('\n')[0]})`);
  }
  // The app does not migrate: `npm run migrate` does, as the owner role (the development
  // bring-up above did it too). The demo seed runs as the owner on its own short-lived pool
  // without the request-path timeouts.
  if (ownerUrl && config.SEED_DEMO && !config.isProduction) {
    const tools = createDb(ownerUrl, 1, logger, TOOL_TIMEOUTS);
    try {
      const seeded = await seedDemoIfEmpty(tools);
      if (seeded) logger.info('demo data seeded');
    } finally {
      await tools.destroy();
    }
  }

  let devMailbox: SmtpCatcher | undefined;
  let smtpUrl = config.SMTP_URL;
  if (!smtpUrl) {
    if (config.isProduction) fail('SMTP_URL is required when NODE_ENV=production');
    try {
      devMailbox = await startSmtpCatcher(config.DEV_SMTP_PORT);
    } catch (err) {
      await embedded?.stop();
      fail(
        `the local SMTP catcher could not listen on port ${config.DEV_SMTP_PORT} (${(err as Error).message})`,
      );
    }
    smtpUrl = devMailbox.url;
  }
  const sender = new OutboxSender({ db, smtpUrl, from: config.MAIL_FROM, logger });
  sender.start();

  const built = createApp({ config, db, logger, devMailbox });
  const server: Server = built.app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve) => {
    server.once('listening', resolve);
    server.once('error', async (err: NodeJS.ErrnoException) => {
      await sender.stop();
      await db.destroy();
      await embedded?.stop();
      fail(err.code === 'EADDRINUSE' ? `port ${config.PORT} is already in use (set PORT)` : err.message);
    });
  });
  server.keepAliveTimeout = 5_000;

  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  const lines = [`Portal iSPEKS is running at ${url}`];
  if (embedded)
    lines.push(
      `  database: embedded PostgreSQL (${config.EMBEDDED_PG_DIR}, port ${config.EMBEDDED_PG_PORT})`,
    );
  if (devMailbox)
    lines.push(
      `  mailbox:  ${url}/dev/mailbox (emails caught by the local SMTP server on port ${devMailbox.port})`,
    );
  if (config.SEED_DEMO && !config.isProduction) lines.push(...(await demoLogins(db)));
  process.stdout.write(lines.join('\n') + '\n');

  // Graceful shutdown: refuse new connections, let in-flight requests finish, then close pools.
  // A kept-alive connection (browsers, load balancers) would hold server.close() up for its
  // keep-alive timeout, and a busy one forever: from the signal on, every response closes its
  // connection, and connections that fall idle are closed.
  let stopping = false;
  const unanswered = new Set<ServerResponse>();
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
    else {
      unanswered.add(res);
      res.once('close', () => unanswered.delete(res));
    }
  });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: unanswered.size }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    await closed;
    clearInterval(sweep);
    await sender.stop();
    await built.close();
    await db.destroy();
    await devMailbox?.close();
    await embedded?.stop();
    process.exit(0);
  };
  // embedded-postgres stops its server on SIGTERM/SIGINT at once (async-exit-hook), which would
  // cut in-flight requests off; our shutdown stops it last, after the requests are done.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
