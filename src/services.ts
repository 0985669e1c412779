import type { AppDeps } from './core/deps.js';
import { ActivationService } from './auth/activation-service.js';
import { FirstTimeService } from './auth/first-time-service.js';
import { LoginService } from './auth/login-service.js';
import { ResetService } from './auth/reset-service.js';
import { PaymentNotifyService } from './emaklum/service.js';
import { ApplicationService } from './permohonan/service.js';
import { ProfileService } from './profile/service.js';
import { AdminRecoveryService } from './staff/admin-recovery-service.js';
import { AdminService } from './staff/admin-service.js';
import { HelpdeskService } from './staff/helpdesk-service.js';
import { EmailHoldService } from './staff/hold-service.js';
import { PayrollImportService } from './staff/import-service.js';
import { PayrollService } from './staff/payroll-service.js';
import { StatusFeedService } from './treasury/service.js';

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
      statusFeed: new StatusFeedService(db, `${config.baseUrl}/`),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
