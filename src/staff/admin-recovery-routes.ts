import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { isGovernmentEmail } from '../auth/first-time-service.js';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { formatDateTime } from '../core/format.js';
import { notFound, requireRole } from '../middleware/access.js';
import type { AdminRecoveryService } from './admin-recovery-service.js';
import type { RoleAccount } from './queries.js';
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
    const domains = config.GOV_EMAIL_DOMAINS.join(', ');
    const schema = z.object({
      email: z
        .string({ error: t('staff.payroll.email.required') })
        .trim()
        .toLowerCase()
        .min(1, t('staff.payroll.email.required'))
        .max(254, t('staff.payroll.email.invalid'))
        .pipe(z.email({ error: t('staff.payroll.email.invalid') }))
        .refine(
          (v) => isGovernmentEmail(v, config.GOV_EMAIL_DOMAINS),
          t('staff.payroll.email.notGov', { domains }),
        ),
    });
    const typed = String((req.body as Record<string, unknown> | undefined)?.email ?? '').slice(0, 254);
    const parsed = schema.safeParse(req.body ?? {});
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
    const held = result.heldUntil
      ? t('staff.recovery.heldNote', { until: formatDateTime(result.heldUntil) })
      : t('staff.recovery.notifiedNote');
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
