import type { Request, Response, Router } from 'express';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { hasMessage } from '../core/i18n/index.js';
import { buildPagination, fetchPage, parsePage } from '../core/pagination.js';
import { notFound, requireRole } from '../middleware/access.js';
import type { HelpdeskService } from './helpdesk-service.js';
import { recentSecurityEvents, searchUsers, type HelpdeskAccount } from './helpdesk-queries.js';
import { parseHelpdeskSearch } from './helpdesk-search.js';
import { auditView, idParam, renderStaff } from './web.js';
import { setFlash } from '../middleware/flash.js';

const PAGE_SIZE = 20;

/**
 * Helpdesk pages (DESIGN 1.11). No query here touches payslips, payments or loans, so no salary
 * figure can reach these pages; IC numbers are masked unless "Papar" was pressed (audited).
 */
export function registerHelpdeskRoutes(router: Router, deps: AppDeps, helpdesk: HelpdeskService): void {
  const { db } = deps;
  const onlyHelpdesk = requireRole('helpdesk');

  router.get('/helpdesk', onlyHelpdesk, async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    let result = null;
    let pagination = null;
    let errors: { text: string; href: string }[] = [];
    const parsed = q ? parseHelpdeskSearch(q) : undefined;
    if (parsed && !parsed.ok) errors = [{ text: req.t(parsed.errorKey), href: '#q' }];
    else if (parsed?.ok) {
      const requested = parsePage(req.query.page);
      const fetched = await fetchPage(requested, PAGE_SIZE, (p) => searchUsers(db, parsed.search, p));
      const page = fetched.page;
      result = fetched.result;
      pagination = buildPagination('/pentadbir/helpdesk', { q }, page, result.total, PAGE_SIZE);
      await auditView(db, req, 'staff.helpdesk.search.viewed', null, { q, page, results: result.total });
    }
    await renderStaff(
      req,
      res,
      'staff/helpdesk-search',
      'helpdesk',
      { title: req.t('staff.helpdesk.title'), q, result, pagination, errors, values: { q } },
      { status: errors.length ? 400 : 200 },
    );
  });

  const showAccount = async (
    req: Request,
    res: Response,
    account: HelpdeskAccount,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const events = await recentSecurityEvents(db, account.id, 20);
    await renderStaff(
      req,
      res,
      'staff/helpdesk-account',
      'helpdesk',
      {
        title: req.t('staff.helpdesk.account.title'),
        account,
        revealed: false,
        events: events.map((e) => ({
          ...e,
          label: hasMessage(req.locale, `staff.action.${e.action}`)
            ? req.t(`staff.action.${e.action}`)
            : e.action,
        })),
        ...extra,
      },
      { status },
    );
  };

  router.get('/helpdesk/akaun/:accountId', onlyHelpdesk, async (req, res, next) => {
    const id = idParam(req.params.accountId);
    const account = id ? await helpdesk.account(id) : undefined;
    if (!account) return next(notFound());
    await auditView(db, req, 'staff.helpdesk.account.viewed', account.id);
    await showAccount(req, res, account);
  });

  // "Papar": the full IC is shown on this response only, and the reveal is audited.
  router.post('/helpdesk/akaun/:accountId/papar', onlyHelpdesk, async (req, res, next) => {
    const id = idParam(req.params.accountId);
    const account = id
      ? await helpdesk.revealLoginId(req.currentUser!.accountId, id, requestContext(req))
      : undefined;
    if (!account) return next(notFound());
    await showAccount(req, res, account, { revealed: true, flash: req.t('staff.helpdesk.revealed') });
  });

  router.post('/helpdesk/akaun/:accountId/buka-kunci', onlyHelpdesk, async (req, res, next) => {
    const id = idParam(req.params.accountId);
    const unlocked = id
      ? await helpdesk.unlock(req.currentUser!.accountId, id, requestContext(req))
      : undefined;
    if (!id || unlocked === undefined) return next(notFound());
    setFlash(req, req.t(unlocked ? 'staff.helpdesk.unlocked' : 'staff.helpdesk.notLocked'));
    res.redirect(303, `/pentadbir/helpdesk/akaun/${id}`);
  });

  router.post('/helpdesk/akaun/:accountId/hantar-semula', onlyHelpdesk, async (req, res, next) => {
    const id = idParam(req.params.accountId);
    const result = id
      ? await helpdesk.resendFirstTime(req.currentUser!.accountId, id, requestContext(req))
      : undefined;
    if (!id || !result) return next(notFound());
    if (!result.ok) {
      const account = await helpdesk.account(id);
      if (!account) return next(notFound());
      const key = {
        notPending: 'staff.helpdesk.resendNotPending',
        noEmail: 'staff.helpdesk.resendNoEmail',
        held: 'staff.helpdesk.resendHeld',
      }[result.reason];
      return showAccount(req, res, account, { errors: [{ text: req.t(key), href: '#resend' }] }, 400);
    }
    setFlash(req, req.t('staff.helpdesk.resent', { email: result.email }));
    res.redirect(303, `/pentadbir/helpdesk/akaun/${id}`);
  });
}
