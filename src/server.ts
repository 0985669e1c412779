/**
 * The portal's entry point, for development (`npm start`: tsx src/server.ts) and production
 * (`npm run start:production`, the image: node dist/src/server.js).
 * - DATABASE_URL or SMTP_URL absent (development only): the development bring-up
 *   (src/dev/bring-up.ts, loaded by dynamic import) starts an embedded PostgreSQL and a local
 *   SMTP catcher. In production both are required, and nothing of the development tools loads.
 * - The app never migrates a given DATABASE_URL: `npm run migrate` is a separate step.
 * - WEB_CONCURRENCY (default: one per core in production, 1 otherwise) > 1 runs node:cluster
 *   workers on one port (src/cluster.ts).
 */
import cluster from 'node:cluster';
import os from 'node:os';
import { ConfigError, loadConfig, type Config } from './core/config.js';
import { createLogger } from './core/logger.js';
import { threadPoolSize } from './core/thread-pool.js';
import { runPrimary } from './cluster.js';
import { serve, StartError } from './serve.js';

// argon2 runs on libuv's thread pool: one thread per core (set before first use; see thread-pool.ts).
const operatorThreadPool = process.env.UV_THREADPOOL_SIZE;
process.env.UV_THREADPOOL_SIZE ??= String(threadPoolSize());

/** One clear line and exit code 1: a start-up failure is never a stack trace. */
function fail(message: string): never {
  process.stderr.write(`Portal iSPEKS cannot start: ${message}\n`);
  process.exit(1);
}

function webConcurrency(config: Config): number {
  return config.WEB_CONCURRENCY ?? (config.isProduction ? os.availableParallelism() : 1);
}

function publicUrl(config: Config): string {
  return `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
}

/** Loads the development bring-up; in a production install (no devDependencies) says so in one line. */
async function loadBringUp(): Promise<typeof import('./dev/bring-up.js')> {
  try {
    return await import('./dev/bring-up.js');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND')
      fail(
        'DATABASE_URL and SMTP_URL are required: the embedded PostgreSQL and mail catcher are development tools, not installed here (npm ci --omit=dev)',
      );
    throw err;
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const workers = webConcurrency(config);

  if (cluster.isWorker) {
    // The primary did any bring-up and passed its URLs in the environment (loadConfig read them).
    await serve({ config, logger, databaseUrl: config.DATABASE_URL!, smtpUrl: config.SMTP_URL! });
    return;
  }

  let databaseUrl = config.DATABASE_URL;
  let smtpUrl = config.SMTP_URL;
  const banner = [`Portal iSPEKS is running at ${publicUrl(config)}`];
  let development: import('./dev/bring-up.js').DevBringUp | undefined;
  if (!databaseUrl || !smtpUrl) {
    if (config.isProduction)
      fail(`${!databaseUrl ? 'DATABASE_URL' : 'SMTP_URL'} is required when NODE_ENV=production`);
    const { bringUpDevelopment, BringUpError } = await loadBringUp();
    try {
      development = await bringUpDevelopment(config, logger);
    } catch (err) {
      if (err instanceof BringUpError) fail(err.message);
      throw err;
    }
    ({ databaseUrl, smtpUrl } = development);
    banner.push(
      ...development.banner.map((l) => l.replace('/dev/mailbox', `${publicUrl(config)}/dev/mailbox`)),
    );
  }

  if (workers > 1) {
    banner[0] += ` (${workers} workers)`;
    if (development?.devMailbox)
      banner.push('  (the mailbox page needs WEB_CONCURRENCY=1: the workers do not have it)');
    // The cores are shared by the workers: each gets its share of argon2 threads, not all of them.
    const threads = operatorThreadPool ?? String(Math.max(2, Math.ceil(threadPoolSize() / workers)));
    runPrimary({
      workers,
      logger,
      env: { DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, UV_THREADPOOL_SIZE: threads },
      banner: () => banner,
      stop: development?.stop,
    });
    return;
  }

  await serve({
    config,
    logger,
    databaseUrl,
    smtpUrl,
    devMailbox: development?.devMailbox,
    stopDevelopment: development?.stop,
  });
  process.stdout.write(banner.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof StartError) fail(err.message);
  fail(err instanceof Error ? err.message : String(err));
});
