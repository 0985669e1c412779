import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Logger } from 'pino';

// int8 (COUNT, SUM) comes back as a string by default; our sums of sen stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// DATE stays a plain 'YYYY-MM-DD' string so no time zone can shift it by a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = Knex;

/**
 * The knex pool. Given a logger, knex's own warnings (a refused connection while PostgreSQL is
 * down, a deprecation) become one structured log line each instead of console text with a stack.
 */
export function createDb(connectionString: string, poolMax = 10, logger?: Logger): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'portal-ispeks' },
    pool: { min: 0, max: poolMax, idleTimeoutMillis: 30_000 },
    acquireConnectionTimeout: 5_000,
    ...(logger ? { log: knexLog(logger) } : {}),
  });
}

function knexLog(logger: Logger) {
  const firstLine = (message: unknown) =>
    (typeof message === 'string' ? message : String((message as Error)?.message ?? message)).split('\n')[0];
  return {
    warn: (message: unknown) => logger.warn({ knex: firstLine(message) }, 'database warning'),
    error: (message: unknown) => logger.error({ knex: firstLine(message) }, 'database error'),
    deprecate: (message: unknown) => logger.warn({ knex: firstLine(message) }, 'database warning'),
    debug: (message: unknown) => logger.debug({ knex: firstLine(message) }, 'database debug'),
  };
}

/** True when the error means PostgreSQL could not be reached (down, restarting, refused). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string; name?: string; message?: string };
  const codes = [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    '57P01',
    '57P02',
    '57P03',
    '08006',
    '08001',
    '08003',
    '53300',
  ];
  if (e.code && codes.includes(e.code)) return true;
  if (e.name === 'KnexTimeoutError') return true;
  // pg's own errors carry no code: a client whose connection broke mid-transaction ("ROLLBACK -
  // Client has encountered a connection error and is not queryable"), a pool that timed out.
  return /Connection terminated|connect ECONNREFUSED|the database system is (starting|shutting) up|is not queryable|timeout exceeded when trying to connect/i.test(
    e.message ?? '',
  );
}
