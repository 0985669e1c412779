import type { Express } from 'express';
import type { AppDeps } from './core/deps.js';
import { authRouter } from './auth/routes.js';
import { dashboardRouter } from './dashboard/routes.js';
import { epayslipRouter } from './epayslip/routes.js';
import { eecRouter } from './eec/routes.js';
import { emaklumRouter } from './emaklum/routes.js';
import { permohonanRouter } from './permohonan/routes.js';
import { muatTurunRouter, publicManualRouter } from './muat-turun/routes.js';
import { profileRouter } from './profile/routes.js';
import { staffRouter } from './staff/routes.js';
import { devRouter } from './dev/routes.js';
import { benchCeilingEnabled, benchRouter } from './bench-route.js';

/** Every feature's router, in one table: URL prefix → router. */
export function mountFeatureRoutes(app: Express, deps: AppDeps): void {
  app.use('/', authRouter(deps));
  app.use('/laman-utama', dashboardRouter(deps));
  app.use('/epayslip', epayslipRouter(deps));
  app.use('/eec', eecRouter(deps));
  app.use('/emaklum', emaklumRouter(deps));
  app.use('/permohonan', permohonanRouter(deps));
  app.use('/muat-turun', muatTurunRouter(deps));
  // The user manual is public: a user whose first-time login fails needs it most.
  app.use('/', publicManualRouter(deps));
  app.use('/profil', profileRouter(deps));
  app.use('/pentadbir', staffRouter(deps));
  // Development pages (the caught-mail inbox) do not exist in production.
  if (!deps.config.isProduction && deps.devMailbox) app.use('/dev', devRouter(deps));
  // The benchmark's ceiling route (bench/run.ts), only when BENCH_CEILING_ROUTE=1.
  if (benchCeilingEnabled()) app.use('/__bench', benchRouter(deps));
}
