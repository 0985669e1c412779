import express, { type Express } from 'express';
import path from 'node:path';
import pg from 'pg';
import type { AppDeps } from './core/deps.js';
import { healthRouter } from './health/index.js';
import './messages.js'; // registers every feature's texts with the core before any page renders
import { mountFeatureRoutes } from './routes.js';
import { formBodies } from './middleware/body-parsing.js';
import { csrfProtection } from './middleware/csrf.js';
import { currentUser, noStoreWhenSignedIn } from './middleware/current-user.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { flashMessages, saveFlashBeforeRedirect } from './middleware/flash.js';
import { languageSwitch, localeMiddleware } from './middleware/locale.js';
import { requestLogging } from './middleware/request-logging.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sessionMiddleware, sessionTimeouts } from './middleware/session.js';
import { staticAssets } from './middleware/static-assets.js';
import { viewEngine } from './core/view-engine.js';

export const ROOT_DIR = path.resolve(import.meta.dirname, '..');

export interface BuiltApp {
  app: Express;
  /** Closes what the app itself opened (the session pool); the caller closes db and mail. */
  close: () => Promise<void>;
}

/** Builds the whole portal from its dependencies; `listen` is the caller's business (tests, server). */
export function createApp(deps: AppDeps): BuiltApp {
  const { config, db, logger } = deps;
  const sessionPool = new pg.Pool({
    connectionString: (db.client.config as { connection: { connectionString: string } }).connection
      .connectionString,
    max: 4,
    // The same bounds as the knex pool (the query and statement timeouts ride on the URL): a
    // silent network gives the 503 page in seconds, not a hang.
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  sessionPool.on('error', (err) => logger.warn({ err: err.message }, 'session pool error'));
  const sessions = sessionMiddleware(config, sessionPool);

  const app = express();
  app.set('trust proxy', config.TRUST_PROXY ? 1 : false);
  app.set('views', path.join(ROOT_DIR, 'views'));
  app.engine('ejs', viewEngine(config.isProduction));
  app.set('view engine', 'ejs');
  app.set('view cache', config.isProduction);
  app.disable('x-powered-by');
  // Long forms say how long the session lasts without activity (issue 14 item 3).
  app.locals.sessionIdleMinutes = config.SESSION_IDLE_MINUTES;
  // Templates write asset('/public/css/app.css') for its content-hashed, long-cached name.
  const assets = staticAssets(ROOT_DIR, config.isProduction);
  app.locals.asset = assets.asset;

  app.use(healthRouter(db)); //                       0. /healthz, /readyz: no log, no session
  app.use(requestLogging(logger)); //                 1. request ID and one log line per request
  app.use(securityHeaders(config.isProduction)); //  2. helmet: strict CSP, no framing
  app.use(localeMiddleware(config.HELPDESK_EMAIL)); // 3. language and view helpers
  app.use('/public', assets.middleware); // 4. assets (content-hashed names), before any session work
  app.get('/bahasa', languageSwitch(config.isProduction));
  app.use(sessions.middleware); //                    5. session in PostgreSQL
  app.use(sessionTimeouts(config, deps.clock)); //                6. idle and absolute timeouts
  app.use(formBodies); //                             7. urlencoded forms, size-limited
  app.use(csrfProtection(config.sessionSecret, config.isProduction)); // 8. CSRF token on every POST
  app.use(currentUser(db)); //                        9. the signed-in account
  app.use(saveFlashBeforeRedirect);
  app.use(flashMessages); //                          9b. one-shot notice (session → res.locals.flash)
  app.use(noStoreWhenSignedIn); //                   10. no caching of personal pages
  mountFeatureRoutes(app, deps); //                  11. the features
  deps.extraRoutes?.(app); //                        11b. tests' own pages, if any
  app.use(notFoundHandler); //                       12. 404 in the portal's frame
  app.use(errorHandler(logger)); //                  13. 403/413/500/503 pages

  return {
    app,
    close: async () => {
      await sessionPool.end();
    },
  };
}
