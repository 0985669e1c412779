/**
 * The anchor's data: TechEmpower's Fortunes table (the twelve rows of the benchmark's
 * specification, escaping traps and UTF-8 included), in a small database of its own on the
 * benchmark's PostgreSQL. Used by bench/run.ts and by test/bench/anchor.test.ts.
 */
import pg from 'pg';

export const ANCHOR_DB = 'fortunes';

export const FORTUNES: readonly (readonly [number, string])[] = [
  [1, 'fortune: No such file or directory'],
  [2, "A computer scientist is someone who fixes things that aren't broken."],
  [3, 'After enough decimal places, nobody gives a damn.'],
  [4, 'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'],
  [5, 'A computer program does what you tell it to do, not what you want it to do.'],
  [6, 'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'],
  [7, 'Any program that runs right is obsolete.'],
  [8, 'A list is only as strong as its weakest link. — Donald Knuth'],
  [9, 'Feature: A bug with seniority.'],
  [10, 'Computers make very fast, very accurate mistakes.'],
  [11, '<script>alert("This should not be displayed in a browser alert box.");</script>'],
  [12, 'フレームワークのベンチマーク'],
];

/** The row the app adds at request time (TechEmpower's rule). */
export const ADDED_FORTUNE = 'Additional fortune added at request time.';

/** Creates `database` (if missing) on the server of `serverUrl` and (re)fills its fortune table. */
export async function prepareFortunes(serverUrl: string, database = ANCHOR_DB): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('DROP TABLE IF EXISTS fortune');
    await client.query('CREATE TABLE fortune (id integer PRIMARY KEY, message varchar(2048) NOT NULL)');
    await client.query('INSERT INTO fortune (id, message) SELECT * FROM unnest($1::int[], $2::text[])', [
      FORTUNES.map((f) => f[0]),
      FORTUNES.map((f) => f[1]),
    ]);
    await client.query('COMMIT');
    await client.query('ANALYZE fortune');
  } finally {
    await client.end();
  }
  return url.toString();
}
