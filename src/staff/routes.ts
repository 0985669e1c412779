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

/**
 * Pengurusan Pentadbir (/pentadbir). Every route is registered directly on this router with its
 * own requireRole guard, checked on the server for every request; test/staff/access.test.ts walks
 * this router's stack so a new route without a guard fails the tests. Other areas of the staff
 * pages (the treasury's) are passed in by the composition root (src/routes.ts), so that staff
 * does not import them.
 */
export type StaffArea = (router: Router, deps: AppDeps) => void;

export function staffRouter(deps: AppDeps, areas: StaffArea[] = []): Router {
  const router = Router();
  router.use(requireSignedIn);

  router.get('/', requireRole('payroll', 'helpdesk', 'admin', 'treasury'), async (req, res) => {
    const user = req.currentUser!;
    const departments = user.roles.includes('payroll')
      ? await departmentsInScope(deps.db, payrollScope(req))
      : [];
    await renderStaff(req, res, 'staff/index', 'home', { title: req.t('staff.title'), departments });
  });

  registerPayrollRoutes(router, deps);
  registerImportRoutes(router, deps);
  registerHelpdeskRoutes(router, deps);
  registerHoldRoutes(router, deps);
  registerAdminRoutes(router, deps);
  for (const register of areas) register(router, deps);
  return router;
}
