import type { Request, Response, Router } from 'express';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { notFound, requireRole } from '../middleware/access.js';
import type { AdminRecoveryService } from './admin-recovery-service.js';
import { emailChangeNote, officialEmailSchema, typedEmail } from './email-change.js';
import type { RoleAccount } from './admin-queries.js';
import { setFlash } from '../middleware/flash.js';

interface AccountPage {
  loadAccount: (req: Request) => Promise<RoleAccount | undefined>;
  showAccount: (
    req: Request,
    res: Response,
    account: RoleAccount,
    extra?: Record<string, unknown>,
    status?: number,
  ) => Promise<void>;
}

/**
 * The administrator's account recovery on the account page (issue 11): correct the official
 * email, or reset to first-time login, of any employee account, staff members' included (Unit
 * Gaji may not touch those). Never the administrator's own account.
 */
export function registerAdminRecoveryRoutes(
  router: Router,
  deps: AppDeps,
  page: AccountPage,
  recovery: AdminRecoveryService,
): void {
  const { config } = deps;
  const onlyAdmin = requireRole('admin');

  router.post('/admin/peranan/:accountId/emel', onlyAdmin, async (req, res, next) => {
    const account = await page.loadAccount(req);
    if (!account || account.kind !== 'employee') return next(notFound());
    const t = req.t;
    const typed = typedEmail(req.body);
    const parsed = officialEmailSchema(t, config.GOV_EMAIL_DOMAINS).safeParse(req.body ?? {});
    if (!parsed.success) {
      const text = parsed.error.issues[0]?.message ?? t('staff.payroll.email.invalid');
      return page.showAccount(
        req,
        res,
        account,
        { errors: [{ text, href: '#email' }], values: { email: typed } },
        400,
      );
    }
    const result = await recovery.changeEmail(
      req.currentUser!.accountId,
      account.id,
      parsed.data.email,
      requestContext(req),
    );
    if (!result) return next(notFound());
    if (!result.ok)
      return page.showAccount(
        req,
        res,
        account,
        { errors: [{ text: t(result.key), href: '#email' }], values: { email: typed } },
        result.status,
      );
    const held = emailChangeNote(t, result.heldUntil);
    setFlash(req, `${t('staff.recovery.emailSaved', { new: parsed.data.email })} ${held}`);
    res.redirect(303, `/pentadbir/admin/peranan/${account.id}`);
  });

  router.post('/admin/peranan/:accountId/set-semula', onlyAdmin, async (req, res, next) => {
    const account = await page.loadAccount(req);
    if (!account || account.kind !== 'employee') return next(notFound());
    const result = await recovery.reset(req.currentUser!.accountId, account.id, requestContext(req));
    if (!result) return next(notFound());
    if (!result.ok)
      return page.showAccount(
        req,
        res,
        account,
        { errors: [{ text: req.t(result.key), href: '#reset' }] },
        result.status,
      );
    setFlash(req, req.t('staff.recovery.resetDone'));
    res.redirect(303, `/pentadbir/admin/peranan/${account.id}`);
  });
}
