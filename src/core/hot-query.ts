import type { Knex } from 'knex';
import type pg from 'pg';

/** A hot query: its fixed SQL text (built once, at module load) under a statement name. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Runs a hot query as a pg named prepared statement on a connection of the knex pool (or the
 * transaction's own connection), without knex's query builder: PostgreSQL parses and plans it
 * once per connection, and the app builds no SQL text per request (issue 15; knex's compiling
 * and formatting was a large share of a page's CPU). The pool's bounds still apply: the
 * acquire timeout, and query_timeout/statement_timeout from the connection URL (src/core/db.ts).
 * Queries sent this way do not emit knex's 'query' event; the round-trip tests count at pg's level.
 */
export async function preparedRows<R extends object>(
  db: Knex | Knex.Transaction,
  statement: PreparedStatement,
  values: unknown[],
): Promise<R[]> {
  const client = db.client as {
    acquireConnection: () => Promise<pg.Client>;
    releaseConnection: (connection: pg.Client) => Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query<R>({ name: statement.name, text: statement.text, values });
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
