import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type BuiltApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logger.js';
import { OutboxSender } from '../../src/core/mail/outbox-sender.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  baseUrl: string;
  config: Config;
  database: TestDatabase;
  db: TestDatabase['db'];
  smtp: SmtpCatcher;
  sender: OutboxSender;
  server: Server;
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
}

/** The real app on a real database and a real SMTP server, listening on a free port. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const smtp = options.smtp ?? (await startSmtpCatcher(0));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    PORT: '0',
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
  const built = createApp({ config, db: database.db, logger, devMailbox: smtp });
  const server = built.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  config.baseUrl = baseUrl;
  return {
    baseUrl,
    config,
    database,
    db: database.db,
    smtp,
    sender,
    server,
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
