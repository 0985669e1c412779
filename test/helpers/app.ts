import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createApp, type BuiltApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/core/config.js';
import type { AppDeps } from '../../src/core/deps.js';
import { createLogger } from '../../src/core/logger.js';
import { OutboxSender } from '../../src/core/mail/outbox-sender.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { TestClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  baseUrl: string;
  config: Config;
  database: TestDatabase;
  db: TestDatabase['db'];
  smtp: SmtpCatcher;
  sender: OutboxSender;
  server: Server;
  /** The app's clock: move it on to pass the session timeouts. */
  clock: TestClock;
  /** The Express app itself (e.g. to walk its router table). */
  expressApp: BuiltApp['app'];
  close: () => Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Reuse a database (e.g. two app instances on one database). */
  database?: TestDatabase;
  /** Reuse an SMTP catcher. */
  smtp?: SmtpCatcher;
  /** Start the outbox sender (default true), polling fast. */
  sender?: boolean;
  /** Routes of the test's own, mounted before the 404 page (AppDeps.extraRoutes). */
  extraRoutes?: AppDeps['extraRoutes'];
}

/**
 * A server listening on a free port of 127.0.0.1 that answers nothing yet: the port comes first,
 * so that the config (the links in emails) is complete before the app is built from it; the
 * caller then hands it the app (`server.on('request', app)`).
 */
export async function listeningServer(): Promise<{ server: Server; port: number; baseUrl: string }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, baseUrl: `http://127.0.0.1:${port}` };
}

/** The real app on a real database and a real SMTP server, listening on a free port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const smtp = options.smtp ?? (await startSmtpCatcher(0));
  const { server, port, baseUrl } = await listeningServer();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    PORT: String(port),
    BASE_URL: baseUrl,
    ...options.env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  const sender = new OutboxSender({
    db: database.db,
    smtpUrl: smtp.url,
    from: config.MAIL_FROM,
    logger,
    pollMs: 100,
    baseBackoffSeconds: 1,
  });
  if (options.sender !== false) sender.start();
  const clock = new TestClock();
  const built = createApp({
    config,
    db: database.db,
    logger,
    clock,
    devMailbox: smtp,
    extraRoutes: options.extraRoutes,
  });
  server.on('request', built.app);
  return {
    baseUrl,
    config,
    database,
    db: database.db,
    smtp,
    sender,
    server,
    clock,
    expressApp: built.app,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sender.stop();
      await built.close();
      if (!options.smtp) await smtp.close();
      if (!options.database) await database.drop();
    },
  };
}
