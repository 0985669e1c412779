import type { Express } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config.js';

/** The time, in milliseconds since the epoch; given to the app so that tests can move it on. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** What every feature is built from: the composition root creates these once. */
export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
  /** Read where the session's idle and absolute timeouts are checked and renewed. */
  clock: Clock;
  /** Present in development only: the local SMTP catcher behind the mailbox page. */
  devMailbox?: import('./mail/smtp-catcher.js').SmtpCatcher;
  /**
   * Mounts more routes after the features and before the 404 page, so that they pass through
   * every middleware of a real page. Tests use it (pages that throw); the server gives none.
   */
  extraRoutes?: (app: Express) => void;
}
