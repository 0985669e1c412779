import express, { type Express, type RequestHandler } from 'express';
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

/** One step of the middleware every page passes through, named for the benchmark's cost table. */
export interface Layer {
  name: string;
  install: (app: Express) => void;
}

/** The Express app with its settings, and the middleware layers in the order a request meets them. */
export interface PortalFrame {
  app: Express;
  layers: Layer[];
  close: () => Promise<void>;
}

/** Builds the whole portal from its dependencies; `listen` is the caller's business (tests, server). */
export function createApp(deps: AppDeps): BuiltApp {
  const { app, layers, close } = portalFrame(deps);
  for (const layer of layers) layer.install(app);
  mountFeatureRoutes(app, deps); //                  11. the features
  deps.extraRoutes?.(app); //                        11b. tests' own pages, if any
  app.use(notFoundHandler); //                       12. 404 in the portal's frame
  app.use(errorHandler(deps.logger)); //             13. 403/413/500/503 pages
  return { app, close };
}

/**
 * The app's settings and its middleware, in order. Apart from createApp so that the benchmark
 * (bench/lib/middleware-cost.ts) can stack the same layers one at a time and price each.
 */
export function portalFrame(deps: AppDeps): PortalFrame {
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
  // No ETag computed over every page (a SHA-1 of the whole HTML, ~5% of a page's CPU): personal
  // pages are no-store and never revalidated. Downloads that are worth a 304 set their own strong
  // ETag (payslip PDFs, Muat Turun documents), and Express still answers 304 for those.
  app.set('etag', false);
  // Long forms say how long the session lasts without activity (issue 14 item 3).
  app.locals.sessionIdleMinutes = config.SESSION_IDLE_MINUTES;
  // Templates write asset('/public/css/app.css') for its content-hashed, long-cached name.
  const assets = staticAssets(ROOT_DIR, config.isProduction);
  app.locals.asset = assets.asset;

  const use = (name: string, ...handlers: RequestHandler[]): Layer => ({
    name,
    install: (a) => a.use(...handlers),
  });
  const layers: Layer[] = [
    use('health checks', healthRouter(db)), //                   0. /healthz, /readyz: no log, no session
    use('request logging', requestLogging(logger)), //           1. request ID and one log line per request
    use('security headers', securityHeaders(config.isProduction)), // 2. helmet: strict CSP, no framing
    use('locale', localeMiddleware(config.HELPDESK_EMAIL)), //   3. language and view helpers
    {
      name: 'static assets', //                                   4. content-hashed names, before any session work
      install: (a) => {
        a.use('/public', assets.middleware);
        a.get('/bahasa', languageSwitch(config.isProduction));
      },
    },
    use('session', sessions.middleware), //                      5. session in PostgreSQL
    use('session timeouts', sessionTimeouts(config, deps.clock)), // 6. idle and absolute timeouts
    use('form bodies', formBodies), //                           7. urlencoded forms, size-limited
    use('CSRF', csrfProtection(config.sessionSecret, config.isProduction)), // 8. CSRF token on every POST
    use('current user', currentUser(db)), //                     9. the signed-in account
    use('flash', saveFlashBeforeRedirect, flashMessages), //     9b. one-shot notice (session → res.locals.flash)
    use('no-store', noStoreWhenSignedIn), //                     10. no caching of personal pages
  ];
  return { app, layers, close: () => sessionPool.end() };
}
