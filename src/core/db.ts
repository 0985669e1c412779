import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Logger } from 'pino';
import { databaseTimeoutsFromEnv, type DatabaseTimeouts } from './config.js';

// int8 (COUNT, SUM) comes back as a string by default; our sums of sen stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// DATE stays a plain 'YYYY-MM-DD' string so no time zone can shift it by a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Transactions in this app never wait on anything but their own statements; one left idle this
 * long belongs to a client that is gone (its connection cut mid-transaction by a network fault),
 * and ending it frees its row locks instead of leaving them until TCP notices, hours later.
 */
const IDLE_IN_TRANSACTION_MS = 60_000;
/** Keepalive probes start after this much silence on an idle pooled connection. */
const KEEPALIVE_DELAY_MS = 10_000;

/**
 * The knex pool. Given a logger, knex's own warnings (a refused connection while PostgreSQL is
 * down, a deprecation) become one structured log line each instead of console text with a stack.
 *
 * Timeouts (DATABASE_*_TIMEOUT_MS, read from the environment unless given), so that a database
 * that stops answering (a network partition: the TCP connection stays up, no byte comes back)
 * gives the 503 page in bounded time instead of a request that hangs:
 * - connect (5 s): a new connection that gets no answer to its startup;
 * - statement (10 s, server side) is below query (15 s, client side) on purpose: a statement
 *   that is merely slow is cancelled by PostgreSQL itself, which answers with an error, so the
 *   connection stays in step and goes back to the pool; the client-side timer then fires only
 *   when nothing comes back at all, i.e. the network or server is gone. Were it the other way
 *   round, every slow query would cost a discarded connection and leave PostgreSQL working on a
 *   result nobody reads. A single statement that must run longer (a very large payroll import)
 *   needs `SET LOCAL statement_timeout` and knex's `.options({ query_timeout })`.
 * A connection whose query timed out is discarded (see discardOnQueryTimeout).
 */
export function createDb(
  connectionString: string,
  poolMax = 10,
  logger?: Logger,
  timeouts: DatabaseTimeouts = databaseTimeoutsFromEnv(),
): Knex {
  return knexFactory({
    client: 'pg',
    connection: {
      connectionString: withSessionTimeouts(connectionString, timeouts),
      application_name: 'portal-ispeks',
      connectionTimeoutMillis: timeouts.connectMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    },
    pool: {
      min: 0,
      max: poolMax,
      idleTimeoutMillis: 30_000,
      afterCreate: (connection: pg.Client, done: (err: Error | null, connection: pg.Client) => void) => {
        discardOnQueryTimeout(connection);
        done(null, connection);
      },
    },
    acquireConnectionTimeout: 5_000,
    ...(logger ? { log: knexLog(logger) } : {}),
  });
}

/**
 * Bulk work that may rightly run for minutes (a payroll import of up to 200,000 rows on a loaded
 * server): each statement may take up to this long, on the server (SET LOCAL statement_timeout,
 * inside a transaction) and on the client (knex `.options(BULK_QUERY)`, pg's per-query
 * query_timeout). The ordinary 10 s / 15 s bounds stay for everything else.
 */
export const BULK_STATEMENT_MS = 300_000;
export const BULK_QUERY = { query_timeout: BULK_STATEMENT_MS + 5_000 } as const;

/**
 * Options that make a hot query a named server-side prepared statement (knex passes them on to
 * pg): PostgreSQL parses and plans it once per connection instead of on every request; in the
 * plans of docs/benchmarks.md planning took longer than executing. Only for SQL whose text never
 * changes (pg refuses one name for two texts); the name says which query it is.
 */
export function prepared(name: string): { name: string } {
  return { name };
}

/**
 * For tools, not requests: migrations, the demo seed and the test template's build run DDL and
 * large inserts that no request-path bound should cut short (connect still bounded).
 */
export const TOOL_TIMEOUTS: DatabaseTimeouts = { connectMs: 10_000, queryMs: 0, statementMs: 0 };

/** A transaction whose statements may each run up to BULK_STATEMENT_MS (see above). */
export function bulkTransaction<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw(`SET LOCAL statement_timeout = ${BULK_STATEMENT_MS}`);
    return work(trx);
  });
}

/**
 * The per-connection timeouts go into the URL rather than beside it: pg reads query_timeout,
 * statement_timeout and idle_in_transaction_session_timeout from the URL's parameters, and the
 * session store's pool (src/app.ts) is built from this same URL, so it gets them too. A value of
 * 0 is left out (pg would take the string "0" for a timeout of 0 ms).
 */
export function withSessionTimeouts(connectionString: string, timeouts: DatabaseTimeouts): string {
  const url = new URL(connectionString);
  const set = (name: string, ms: number) => {
    if (ms > 0) url.searchParams.set(name, String(ms));
    else url.searchParams.delete(name);
  };
  set('query_timeout', timeouts.queryMs);
  set('statement_timeout', timeouts.statementMs);
  set('idle_in_transaction_session_timeout', IDLE_IN_TRANSACTION_MS);
  return url.toString();
}

type QueryFunction = (...args: unknown[]) => unknown;

/**
 * pg's query_timeout rejects the query but leaves it active on the connection: the client keeps
 * waiting for its answer, and every later query queues behind it. Back in the pool, such a
 * connection would fail (or hang) each request that draws it. So on a timeout the connection is
 * marked with knex's own "disposed" flag (the pool's validation refuses it on the next acquire
 * and destroys it) and its socket is closed at once; queries queued on it fail with "Connection
 * terminated", which is an outage error like the timeout itself.
 */
function discardOnQueryTimeout(connection: pg.Client): void {
  const discard = (err: unknown) => {
    if (!isQueryTimeout(err)) return;
    (connection as pg.Client & { __knex__disposed?: unknown }).__knex__disposed = err;
    connection.connection.stream.destroy();
  };
  const query = connection.query.bind(connection) as QueryFunction;
  const wrapped: QueryFunction = (...args) => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      // knex's form: query(config, callback).
      args[args.length - 1] = (err: unknown, result: unknown) => {
        discard(err);
        (callback as (err: unknown, result: unknown) => void)(err, result);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(discard);
    return result;
  };
  (connection as unknown as { query: QueryFunction }).query = wrapped;
}

function isQueryTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === 'Query read timeout';
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

/**
 * True when the error means PostgreSQL could not be reached (down, restarting, refused) or stopped
 * answering (a query or connect timeout). A statement PostgreSQL cancelled itself
 * (statement_timeout, 57014) is not: the server answered, the query is too slow, a 500 to look at.
 */
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
  // Client has encountered a connection error and is not queryable"), a pool that timed out, a
  // query with no answer within query_timeout, a connect with none within connectionTimeoutMillis
  // ("timeout expired", the whole message).
  const message = e.message ?? '';
  return (
    /Connection terminated|connect ECONNREFUSED|the database system is (starting|shutting) up|is not queryable|timeout exceeded when trying to connect|Query read timeout/i.test(
      message,
    ) || message === 'timeout expired'
  );
}
