import type { Router } from 'express';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { notFound, requireRole } from '../middleware/access.js';
import type { EmailHoldService } from './hold-service.js';
import { auditView, idParam, renderStaff } from './web.js';
import { setFlash } from '../middleware/flash.js';

/** Helpdesk: the first-time logins held after an email change, and their release (issue 11). */
export function registerHoldRoutes(router: Router, deps: AppDeps, holds: EmailHoldService): void {
  const onlyHelpdesk = requireRole('helpdesk');

  router.get('/helpdesk/tahanan-emel', onlyHelpdesk, async (req, res) => {
    const rows = await holds.list();
    await auditView(deps.db, req, 'staff.helpdesk.holds.viewed', null, { count: rows.length });
    await renderStaff(req, res, 'staff/helpdesk-holds', 'helpdesk-holds', {
      title: req.t('staff.holds.title'),
      rows,
      me: req.currentUser!.accountId,
    });
  });

  router.post('/helpdesk/tahanan-emel/:employeeId/lepas', onlyHelpdesk, async (req, res, next) => {
    const id = idParam(req.params.employeeId);
    if (!id) return next(notFound());
    const result = await holds.release(req.currentUser!.accountId, id, requestContext(req));
    setFlash(req, req.t(`staff.holds.${result}`));
    res.redirect(303, '/pentadbir/helpdesk/tahanan-emel');
  });
}
