/**
 * One serving process: the database pool, the outbox sender, the HTTP server and its graceful
 * shutdown. Run by src/server.ts directly (one process) or in each node:cluster worker
 * (src/cluster.ts), where listen() on the same port shares the primary's socket.
 */
import cluster from 'node:cluster';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './core/config.js';
import { createDb } from './core/db.js';
import { systemClock } from './core/deps.js';
import { OutboxSender } from './core/mail/outbox-sender.js';
import type { SmtpCatcher } from './core/mail/smtp-catcher.js';
import { PdfRenderer } from './epayslip/index.js';
import { warmDocuments } from './muat-turun/index.js';

export class StartError extends Error {}

export interface ServeOptions {
  config: Config;
  logger: Logger;
  databaseUrl: string;
  smtpUrl: string;
  devMailbox?: SmtpCatcher;
  /** Stops what the development bring-up started (after everything else). */
  stopDevelopment?: () => Promise<void>;
}

/** How long in-flight requests get after SIGTERM before the process exits anyway. */
export const SHUTDOWN_GRACE_MS = 20_000;

export async function serve(options: ServeOptions): Promise<Server> {
  const { config, logger } = options;
  const db = createDb(options.databaseUrl, config.DATABASE_POOL_MAX, logger);
  try {
    await db.raw('select 1');
  } catch (err) {
    await db.destroy();
    await options.stopDevelopment?.();
    throw new StartError(`no database at DATABASE_URL (${(err as Error).message.split('\n')[0]})`);
  }
  const sender = new OutboxSender({ db, smtpUrl: options.smtpUrl, from: config.MAIL_FROM, logger });
  sender.start();
  // Draws the PDFs of newly published payslips in the background (issue 15 item 3).
  const pdfRenderer = new PdfRenderer({ db, logger });
  pdfRenderer.start();

  const built = createApp({ config, db, logger, clock: systemClock, devMailbox: options.devMailbox });
  const server: Server = built.app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', async (err: NodeJS.ErrnoException) => {
      await sender.stop();
      await pdfRenderer.stop();
      await built.close();
      await db.destroy();
      await options.stopDevelopment?.();
      reject(
        new StartError(
          err.code === 'EADDRINUSE' ? `port ${config.PORT} is already in use (set PORT)` : err.message,
        ),
      );
    });
  });
  server.keepAliveTimeout = 5_000;
  // The Muat Turun PDFs, built now rather than by their first download (never fails the start).
  void warmDocuments(logger);

  // Graceful shutdown: refuse new connections, let in-flight requests finish, then close pools.
  // A kept-alive connection (browsers, load balancers) would hold server.close() up for its
  // keep-alive timeout, and a busy one forever: from the signal on, every response closes its
  // connection, and connections that fall idle are closed.
  let stopping = false;
  const unanswered = new Set<ServerResponse>();
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
    else {
      unanswered.add(res);
      res.once('close', () => unanswered.delete(res));
    }
  });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, inFlight: unanswered.size }, 'shutting down');
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    await closed;
    clearInterval(sweep);
    await sender.stop();
    await pdfRenderer.stop();
    await built.close();
    await db.destroy();
    await options.stopDevelopment?.();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal));
  // A worker is told to stop by its primary (src/cluster.ts) over the IPC channel as well, so
  // that a primary that is itself stopping never depends on signal delivery order.
  if (cluster.isWorker) process.on('message', (m: unknown) => m === 'shutdown' && void shutdown('primary'));
  return server;
}
