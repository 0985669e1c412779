import type { Express } from 'express';
import type { AppDeps } from './core/deps.js';
import { authRouter } from './auth/index.js';
import { dashboardRouter } from './dashboard/index.js';
import { epayslipRouter } from './epayslip/index.js';
import { eecRouter } from './eec/index.js';
import { emaklumRouter } from './emaklum/index.js';
import { permohonanRouter } from './permohonan/index.js';
import { muatTurunRouter } from './muat-turun/index.js';
import { profileRouter } from './profile/index.js';
import { staffRouter } from './staff/index.js';
import { registerTreasuryRoutes } from './treasury/index.js';
import { devRouter } from './dev/index.js';
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
  app.use('/profil', profileRouter(deps));
  app.use('/pentadbir', staffRouter(deps, [registerTreasuryRoutes]));
  // Development pages (the caught-mail inbox) do not exist in production.
  if (!deps.config.isProduction && deps.devMailbox) app.use('/dev', devRouter(deps));
  // The benchmark's ceiling route (bench/run.ts), only when BENCH_CEILING_ROUTE=1.
  if (benchCeilingEnabled()) app.use('/__bench', benchRouter(deps));
}
