import type { Express } from 'express';
import type { AppDeps } from './core/deps.js';
import { createServices, type Services } from './services.js';
import { authRouter } from './auth/index.js';
import { dashboardRouter } from './dashboard/index.js';
import { epayslipRouter } from './epayslip/index.js';
import { eecRouter } from './eec/index.js';
import { emaklumRouter } from './emaklum/index.js';
import { permohonanRouter } from './permohonan/index.js';
import { muatTurunRouter, publicManualRouter } from './muat-turun/index.js';
import { profileRouter } from './profile/index.js';
import { staffRouter } from './staff/index.js';
import { registerTreasuryRoutes } from './treasury/index.js';
import { devRouter } from './dev/index.js';
import { benchCeilingEnabled, benchRouter } from './bench-route.js';

/** Every feature's router, in one table: URL prefix → router, with the services it writes through. */
export function mountFeatureRoutes(
  app: Express,
  deps: AppDeps,
  services: Services = createServices(deps),
): void {
  app.use('/', authRouter(deps, services.auth));
  app.use('/laman-utama', dashboardRouter(deps));
  app.use('/epayslip', epayslipRouter(deps));
  app.use('/eec', eecRouter(deps));
  app.use('/emaklum', emaklumRouter(deps, services.emaklum));
  app.use('/permohonan', permohonanRouter(services.permohonan));
  app.use('/muat-turun', muatTurunRouter(deps));
  // The user manual is public: a user whose first-time login fails needs it most.
  app.use('/', publicManualRouter(deps));
  app.use('/profil', profileRouter(deps, services.profile));
  // The treasury's pages are an area of the staff router (staff does not import treasury).
  app.use(
    '/pentadbir',
    staffRouter(deps, services.staff, [
      (router, d) => registerTreasuryRoutes(router, d, services.treasury.statusFeed),
    ]),
  );
  // Development pages (the caught-mail inbox) do not exist in production.
  if (!deps.config.isProduction && deps.devMailbox) app.use('/dev', devRouter(deps));
  // The benchmark's ceiling route (bench/run.ts), only when BENCH_CEILING_ROUTE=1.
  if (benchCeilingEnabled()) app.use('/__bench', benchRouter(deps));
}
