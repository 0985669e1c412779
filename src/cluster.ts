/**
 * WEB_CONCURRENCY > 1: this process becomes a node:cluster primary that serves nothing itself;
 * it forks that many workers (src/serve.ts each, with its own database pool of
 * DATABASE_POOL_MAX), which share the one listening port. Sessions, rate limits, lockouts and
 * the email outbox live in PostgreSQL, so any worker can serve any request.
 * - A worker that dies after it was serving is replaced (with a pause if they keep dying).
 * - A worker that dies before it ever listened stops the whole start: its one-line reason
 *   (bad database, port in use) is on stderr already, and a replacement would fail the same way.
 * - SIGTERM/SIGINT/SIGHUP: every worker is told to stop, finishes its requests, and the primary
 *   exits when all have (or after the grace period).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { SHUTDOWN_GRACE_MS } from './serve.js';

export interface PrimaryOptions {
  workers: number;
  logger: Logger;
  /** Environment for the workers on top of this process's (e.g. the URLs of a dev bring-up). */
  env: Record<string, string>;
  /** Printed once every worker listens. */
  banner: () => string[];
  /** After the last worker has exited on shutdown (the dev bring-up's stop). */
  stop?: () => Promise<void>;
}

/** Deaths within this window are counted; past the limit, replacements wait a while. */
const CRASH_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1_000;

export function runPrimary(options: PrimaryOptions): void {
  const { workers, logger } = options;
  const listening = new Set<number>();
  // Our own count: cluster.workers still lists a worker during its 'exit' event until it has
  // also disconnected.
  const alive = new Map<number, Worker>();
  let everyoneUp = false;
  let stopping = false;
  const recentDeaths: number[] = [];

  const fork = (): Worker => {
    const worker = cluster.fork(options.env);
    alive.set(worker.id, worker);
    worker.once('listening', () => {
      listening.add(worker.id);
      if (!everyoneUp && listening.size === workers) {
        everyoneUp = true;
        process.stdout.write(options.banner().join('\n') + '\n');
      }
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker.id);
    const wasServing = listening.delete(worker.id);
    if (stopping) {
      if (alive.size === 0) void finish(0);
      return;
    }
    if (!wasServing) {
      // It never served: its reason is already on stderr. Stop the others and fail the start.
      stopping = true;
      for (const w of alive.values()) w.process.kill('SIGKILL');
      void finish(1);
      return;
    }
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0]! < now - CRASH_WINDOW_MS) recentDeaths.shift();
    logger.error({ workerPid: worker.process.pid, code, signal }, 'worker died; starting a replacement');
    // A worker that dies over and over (a bug on a hot path) is replaced slowly, not in a tight loop.
    const delay = recentDeaths.length > workers * 3 ? RESTART_DELAY_MS * 10 : 0;
    setTimeout(() => {
      if (!stopping) fork();
    }, delay).unref();
  });

  const finish = async (code: number) => {
    await options.stop?.();
    process.exit(code);
  };

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: alive.size }, 'shutting down');
    if (alive.size === 0) void finish(0);
    // A worker still starting has no 'shutdown' handler yet: it gets the signal itself (its
    // default action, or its own handler once installed, ends it) instead of a message it misses.
    for (const w of alive.values()) {
      if (listening.has(w.id) && w.isConnected()) w.send('shutdown');
      else w.process.kill('SIGTERM');
    }
    setTimeout(() => {
      for (const w of alive.values()) w.process.kill('SIGKILL');
      void finish(1);
    }, SHUTDOWN_GRACE_MS + 5_000).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));

  for (let i = 0; i < workers; i++) fork();
}
