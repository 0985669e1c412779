import type { Express } from 'express';
import type { AppDeps } from './core/deps.js';
import { createServices, type Services } from './services.js';
import { authRouter } from './auth/routes.js';
import { dashboardRouter } from './dashboard/routes.js';
import { epayslipRouter } from './epayslip/routes.js';
import { eecRouter } from './eec/routes.js';
import { emaklumRouter } from './emaklum/routes.js';
import { permohonanRouter } from './permohonan/routes.js';
import { muatTurunRouter } from './muat-turun/routes.js';
import { profileRouter } from './profile/routes.js';
import { staffRouter } from './staff/routes.js';
import { devRouter } from './dev/routes.js';
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
  app.use('/profil', profileRouter(deps, services.profile));
  app.use('/pentadbir', staffRouter(deps, services.staff));
  // Development pages (the caught-mail inbox) do not exist in production.
  if (!deps.config.isProduction && deps.devMailbox) app.use('/dev', devRouter(deps));
  // The benchmark's ceiling route (bench/run.ts), only when BENCH_CEILING_ROUTE=1.
  if (benchCeilingEnabled()) app.use('/__bench', benchRouter(deps));
}
