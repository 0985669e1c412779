/**
 * The benchmark's middleware cost table (issue 15): the built portal's own middleware layers
 * (portalFrame in src/app.ts, the list createApp installs), only the first LAYERS of them, in
 * front of the diagnostic ceiling route (one small query, a tiny page) and the portal's 404 and
 * error handlers. bench/lib/middleware-cost.ts starts it once per depth, so each row's cost is
 * the layer it adds. Nothing here is a copy of the portal's stack: the layers are the app's.
 *
 * Written in erasable TypeScript and run as the anchor is, on the portal's Node (type stripping):
 * `node bench/middleware-stack/server.ts`, importing the built JavaScript in dist/ (the portal as
 * production runs it) by a computed path, typed from the sources. Environment: the portal's own
 * (DATABASE_URL, SESSION_SECRET, ...), LAYERS (how many; all when unset), PORT.
 */
import path from 'node:path';

const DIST = path.resolve(import.meta.dirname, '..', '..', 'dist', 'src');
const load = <T>(file: string): Promise<T> => import(path.join(DIST, file)) as Promise<T>;

const { portalFrame } = await load<typeof import('../../src/app.js')>('app.js');
const { loadConfig } = await load<typeof import('../../src/core/config.js')>('core/config.js');
const { createDb } = await load<typeof import('../../src/core/db.js')>('core/db.js');
const { systemClock } = await load<typeof import('../../src/core/deps.js')>('core/deps.js');
const { createLogger } = await load<typeof import('../../src/core/logger.js')>('core/logger.js');
const { benchRouter } = await load<typeof import('../../src/bench-route.js')>('bench-route.js');
const { errorHandler, notFoundHandler } =
  await load<typeof import('../../src/middleware/errors.js')>('middleware/errors.js');

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const db = createDb(process.env.DATABASE_URL ?? '', config.DATABASE_POOL_MAX, logger);
const deps = { config, db, logger, clock: systemClock };
const { app, layers, close } = portalFrame(deps);
const depth = process.env.LAYERS === undefined ? layers.length : Number(process.env.LAYERS);
// The names of all the layers, in order, for the bench's table (before any layer: no cost).
app.get('/__bench/layers', (_req, res) => {
  res.json(layers.map((l) => l.name));
});
for (const layer of layers.slice(0, depth)) layer.install(app);
app.use('/__bench', benchRouter(deps));
app.use(notFoundHandler);
app.use(errorHandler(logger));

const server = app.listen(config.PORT, config.HOST, () => {
  process.stdout.write(
    `middleware stack (${
      layers
        .slice(0, depth)
        .map((l) => l.name)
        .join(', ') || 'none'
    }) on ${config.PORT}\n`,
  );
});
process.on('SIGTERM', () => {
  server.close();
  void close().then(() => db.destroy());
});
