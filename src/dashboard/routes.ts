import { Router } from 'express';
import type { AppDeps } from '../core/deps.js';
import { renderPage } from '../core/render.js';
import { requireEmployee, requireSignedIn } from '../middleware/access.js';
import { STATUS_BADGE } from '../permohonan/index.js';
import { PAYMENT_STATUS_BADGE } from '../emaklum/index.js';
import { listLoans } from './queries.js';
import { loadDashboard } from './service.js';

export function dashboardRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireSignedIn);

  router.get('/', async (req, res, next) => {
    // A company account has eMaklum only: its landing page is eMaklum, not a 403.
    if (req.currentUser!.kind === 'company') return res.redirect(303, '/emaklum');
    next();
  });
  router.use(requireEmployee);

  router.get('/', async (req, res) => {
    const dashboard = await loadDashboard(deps.db, req.currentUser!.employeeId!);
    await renderPage(res, 'dashboard/index', {
      title: req.t('dashboard.title'),
      dashboard,
      badge: STATUS_BADGE,
      paymentBadge: PAYMENT_STATUS_BADGE,
    });
  });

  router.get('/pinjaman', async (req, res) => {
    const loans = await listLoans(deps.db, req.currentUser!.employeeId!);
    await renderPage(res, 'dashboard/loans', { title: req.t('dashboard.loans.title'), loans });
  });

  return router;
}
