import { Router } from 'express';
import type { AppDeps } from '../core/deps.js';
import { requireRole, requireSignedIn } from '../middleware/access.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerHelpdeskRoutes } from './helpdesk-routes.js';
import { registerImportRoutes } from './import-routes.js';
import { registerHoldRoutes } from './hold-routes.js';
import { registerPayrollRoutes } from './payroll-routes.js';
import { departmentsInScope } from './queries.js';
import { payrollScope, renderStaff } from './web.js';
import type { AdminRecoveryService } from './admin-recovery-service.js';
import type { AdminService } from './admin-service.js';
import type { HelpdeskService } from './helpdesk-service.js';
import type { EmailHoldService } from './hold-service.js';
import type { PayrollImportService } from './import-service.js';
import type { PayrollService } from './payroll-service.js';

/**
 * Pengurusan Pentadbir (/pentadbir). Every route is registered directly on this router with its
 * own requireRole guard, checked on the server for every request; test/staff/access.test.ts walks
 * this router's stack so a new route without a guard fails the tests. Other areas of the staff
 * pages (the treasury's) are passed in by the composition root (src/routes.ts), so that staff
 * does not import them.
 */
/** The services the staff pages write through (built once, in src/services.ts). */
export interface StaffServices {
  payroll: PayrollService;
  imports: PayrollImportService;
  helpdesk: HelpdeskService;
  holds: EmailHoldService;
  admin: AdminService;
  recovery: AdminRecoveryService;
}

/** Another area of the staff pages, registered on the same router (the treasury's). */
export type StaffArea = (router: Router, deps: AppDeps) => void;

export function staffRouter(deps: AppDeps, services: StaffServices, areas: StaffArea[] = []): Router {
  const router = Router();
  router.use(requireSignedIn);

  router.get('/', requireRole('payroll', 'helpdesk', 'admin', 'treasury'), async (req, res) => {
    const user = req.currentUser!;
    const departments = user.roles.includes('payroll')
      ? await departmentsInScope(deps.db, payrollScope(req))
      : [];
    await renderStaff(req, res, 'staff/index', 'home', { title: req.t('staff.title'), departments });
  });

  registerPayrollRoutes(router, deps, services.payroll);
  registerImportRoutes(router, deps, services.imports);
  registerHelpdeskRoutes(router, deps, services.helpdesk);
  registerHoldRoutes(router, deps, services.holds);
  registerAdminRoutes(router, deps, services.admin, services.recovery);
  for (const register of areas) register(router, deps);
  return router;
}
