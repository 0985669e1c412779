import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config.js';

/** What every feature is built from: the composition root creates these once. */
export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
  /** Present in development only: the local SMTP catcher behind the mailbox page. */
  devMailbox?: import('./mail/smtp-catcher.js').SmtpCatcher;
}
