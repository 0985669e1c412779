import type { AppDeps } from './core/deps.js';
import { ActivationService, FirstTimeService, LoginService, ResetService } from './auth/index.js';
import { PaymentNotifyService } from './emaklum/index.js';
import { ApplicationService } from './permohonan/index.js';
import { ProfileService } from './profile/index.js';
import {
  AdminRecoveryService,
  AdminService,
  EmailHoldService,
  HelpdeskService,
  PayrollImportService,
  PayrollService,
} from './staff/index.js';
import { StatusFeedService } from './treasury/index.js';

/**
 * The composition root of the services: every service is built here once, from the app's
 * dependencies, and src/routes.ts hands each router the ones it writes through. Routers never
 * build services (CONTRIBUTING: route → service → queries).
 */
export function createServices(deps: AppDeps) {
  const { db, config, logger } = deps;
  const notifications = new PaymentNotifyService(db);
  const firstTime = new FirstTimeService(db, config);
  return {
    auth: {
      login: new LoginService(db, config),
      firstTime,
      reset: new ResetService(db, config, logger),
      activation: new ActivationService(db, config),
    },
    profile: { profile: new ProfileService(db, config), notifications },
    emaklum: notifications,
    permohonan: new ApplicationService(db),
    staff: {
      payroll: new PayrollService(db, config),
      imports: new PayrollImportService(db),
      helpdesk: new HelpdeskService(db, firstTime),
      holds: new EmailHoldService(db),
      admin: new AdminService(db),
      recovery: new AdminRecoveryService(db, config),
    },
    treasury: { statusFeed: new StatusFeedService(db, `${config.baseUrl}/`) },
  };
}

export type Services = ReturnType<typeof createServices>;
