import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { normaliseLoginId } from '../auth/index.js';
import { requestContext } from '../core/audit.js';
import type { StaffRole } from '../core/current-user.js';
import type { AppDeps } from '../core/deps.js';
import { buildPagination, fetchPage, parsePage } from '../core/pagination.js';
import type { FieldError } from '../core/render.js';
import { notFound, requireRole } from '../middleware/access.js';
import { registerAdminRecoveryRoutes } from './admin-recovery-routes.js';
import type { AdminRecoveryService } from './admin-recovery-service.js';
import type { AdminService } from './admin-service.js';
import {
  findAccountIdByLoginId,
  findRoleAccount,
  listStaff,
  searchAudit,
  type AuditFilters,
  type RoleAccount,
} from './admin-queries.js';
import { listDepartments } from './queries.js';
import { findRecoveryEmployee } from './recovery-queries.js';
import { auditView, idParam, renderStaff } from './web.js';
import { setFlash } from '../middleware/flash.js';
import { actionFilter, actionName, auditFields, auditSentence, AUDIT_ACTION_GROUPS } from './audit-words.js';

export const ROLES: readonly StaffRole[] = ['payroll', 'helpdesk', 'treasury', 'admin'];
const AUDIT_PAGE_SIZE = 50;

interface AuditQuery {
  from: string;
  to: string;
  actor: string;
  subject: string;
  action: string;
}

/** Administrator pages: staff roles and the audit log (read-only, with CSV export). */
export function registerAdminRoutes(
  router: Router,
  deps: AppDeps,
  admin: AdminService,
  recovery: AdminRecoveryService,
): void {
  const { db } = deps;
  const onlyAdmin = requireRole('admin');
  const actorOf = (req: Request) => ({ accountId: req.currentUser!.accountId, sessionId: req.sessionID });

  // ---------------------------------------------------------------- roles
  router.get('/admin/peranan', onlyAdmin, async (req, res) => {
    const raw = typeof req.query.loginId === 'string' ? req.query.loginId.slice(0, 30) : '';
    let errors: FieldError[] = [];
    if (raw.trim()) {
      const id = await findAccountIdByLoginId(db, normaliseLoginId(raw));
      const account = id ? await findRoleAccount(db, id) : undefined;
      if (account && account.kind === 'employee')
        return res.redirect(303, `/pentadbir/admin/peranan/${account.id}`);
      errors = [{ text: req.t('staff.admin.roles.notFound'), href: '#loginId' }];
    }
    const staff = await listStaff(db);
    await renderStaff(
      req,
      res,
      'staff/admin-roles',
      'roles',
      { title: req.t('staff.admin.roles.title'), staff, errors, values: { loginId: raw } },
      { status: errors.length ? 404 : 200 },
    );
  });

  const showAccount = async (
    req: Request,
    res: Response,
    account: RoleAccount,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const departments = await listDepartments(db);
    // The account-recovery card (src/staff/admin-recovery-routes.ts): never on one's own account.
    const recovery =
      account.id === req.currentUser!.accountId ? undefined : await findRecoveryEmployee(db, account.id);
    await renderStaff(
      req,
      res,
      'staff/admin-account',
      'roles',
      {
        title: req.t('staff.admin.account.title'),
        account,
        departments,
        roles: ROLES,
        recovery,
        values: {},
        ...extra,
      },
      { status },
    );
  };

  const loadAccount = async (req: Request) => {
    const id = idParam(req.params.accountId);
    return id ? findRoleAccount(db, id) : undefined;
  };

  router.get('/admin/peranan/:accountId', onlyAdmin, async (req, res, next) => {
    const account = await loadAccount(req);
    if (!account) return next(notFound());
    await showAccount(req, res, account);
  });

  const departmentIds = (raw: unknown): number[] | null => {
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const ids = list.map((v) => idParam(v));
    return ids.every((n): n is number => n !== undefined) ? [...new Set(ids)] : null;
  };

  /** Runs a role change and answers with a flash and redirect, or the page with the error. */
  const change = async (
    req: Request,
    res: Response,
    next: (err?: unknown) => void,
    run: (accountId: number) => Promise<{ ok: true } | { ok: false; key: string } | undefined>,
    done: string,
  ) => {
    const account = await loadAccount(req);
    if (!account) return next(notFound());
    const result = await run(account.id);
    if (!result) return next(notFound());
    if (!result.ok) {
      const fresh = (await findRoleAccount(db, account.id)) ?? account;
      return showAccount(req, res, fresh, { errors: [{ text: req.t(result.key), href: '#role' }] }, 400);
    }
    setFlash(req, done);
    res.redirect(303, `/pentadbir/admin/peranan/${account.id}`);
  };

  const roleSchema = z.object({ role: z.enum(['payroll', 'helpdesk', 'treasury', 'admin']) });

  router.post('/admin/peranan/:accountId/tambah', onlyAdmin, async (req, res, next) => {
    const parsed = roleSchema.safeParse(req.body ?? {});
    const ids = departmentIds((req.body as Record<string, unknown> | undefined)?.departmentIds);
    const account = await loadAccount(req);
    if (!account) return next(notFound());
    if (!parsed.success || ids === null) {
      const key = !parsed.success ? 'staff.admin.err.role' : 'staff.admin.err.department';
      return showAccount(req, res, account, { errors: [{ text: req.t(key), href: '#role' }] }, 400);
    }
    const role = parsed.data.role;
    await change(
      req,
      res,
      next,
      (id) => admin.grant(actorOf(req), id, role, ids, requestContext(req)),
      req.t('staff.admin.granted', { role: req.t(`staff.role.${role}`) }),
    );
  });

  router.post('/admin/peranan/:accountId/buang', onlyAdmin, async (req, res, next) => {
    const parsed = roleSchema.safeParse(req.body ?? {});
    const account = await loadAccount(req);
    if (!account) return next(notFound());
    if (!parsed.success)
      return showAccount(
        req,
        res,
        account,
        { errors: [{ text: req.t('staff.admin.err.role'), href: '#role' }] },
        400,
      );
    const role = parsed.data.role;
    await change(
      req,
      res,
      next,
      (id) => admin.remove(actorOf(req), id, role, requestContext(req)),
      req.t('staff.admin.removed', { role: req.t(`staff.role.${role}`) }),
    );
  });

  const departmentSchema = z.object({ departmentId: z.string().regex(/^[1-9]\d{0,9}$/) });

  const departmentChange =
    (kind: 'add' | 'remove') => async (req: Request, res: Response, next: (e?: unknown) => void) => {
      const parsed = departmentSchema.safeParse(req.body ?? {});
      const account = await loadAccount(req);
      if (!account) return next(notFound());
      const departments = await listDepartments(db);
      const department = parsed.success
        ? departments.find((d) => d.id === Number(parsed.data.departmentId))
        : undefined;
      if (!department)
        return showAccount(
          req,
          res,
          account,
          { errors: [{ text: req.t('staff.admin.err.department'), href: '#role' }] },
          400,
        );
      const label = `${department.code} ${department.name}`;
      await change(
        req,
        res,
        next,
        (id) =>
          kind === 'add'
            ? admin.addDepartment(actorOf(req), id, department.id, requestContext(req))
            : admin.removeDepartment(actorOf(req), id, department.id, requestContext(req)),
        req.t(kind === 'add' ? 'staff.admin.departmentAdded' : 'staff.admin.departmentRemoved', {
          department: label,
        }),
      );
    };

  registerAdminRecoveryRoutes(router, deps, { loadAccount, showAccount }, recovery);

  router.post('/admin/peranan/:accountId/jabatan', onlyAdmin, departmentChange('add'));
  router.post('/admin/peranan/:accountId/jabatan/buang', onlyAdmin, departmentChange('remove'));

  // ---------------------------------------------------------------- audit log
  const readAuditQuery = (req: Request): AuditQuery => {
    const s = (k: string) =>
      typeof req.query[k] === 'string' ? (req.query[k] as string).trim().slice(0, 60) : '';
    return { from: s('from'), to: s('to'), actor: s('actor'), subject: s('subject'), action: s('action') };
  };

  /** The filters as SQL conditions, or the field errors. Dates are days in Kuala Lumpur. */
  const auditFilters = async (
    req: Request,
    q: AuditQuery,
  ): Promise<{ filters: AuditFilters; errors: FieldError[] }> => {
    const errors: FieldError[] = [];
    const filters: AuditFilters = {};
    const day = (v: string, field: string, offsetDays: number): Date | undefined => {
      if (!v) return undefined;
      const date = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00+08:00`) : null;
      const roundTrip =
        date && !Number.isNaN(date.getTime()) ? new Date(date.getTime() + 8 * 3_600_000) : null;
      if (!roundTrip || roundTrip.toISOString().slice(0, 10) !== v) {
        errors.push({ text: req.t('staff.audit.err.date'), href: `#${field}` });
        return undefined;
      }
      return new Date(roundTrip.getTime() - 8 * 3_600_000 + offsetDays * 86_400_000);
    };
    filters.from = day(q.from, 'from', 0);
    filters.to = day(q.to, 'to', 1);
    if (filters.from && filters.to && filters.from >= filters.to)
      errors.push({ text: req.t('staff.audit.err.range'), href: '#to' });
    for (const [key, field] of [
      ['actor', 'actorAccountId'],
      ['subject', 'subjectAccountId'],
    ] as const) {
      const v = q[key];
      if (!v) continue;
      const loginId = normaliseLoginId(v);
      if (!/^[0-9A-Z-]{4,20}$/.test(loginId)) {
        errors.push({ text: req.t('staff.audit.err.loginId'), href: `#${key}` });
        continue;
      }
      filters[field] = (await findAccountIdByLoginId(db, loginId)) ?? -1;
    }
    const chosen = actionFilter(q.action);
    if (!chosen) errors.push({ text: req.t('staff.audit.err.action'), href: '#action' });
    else if (chosen.action) filters.actions = [chosen.action];
    else if (chosen.actions) filters.actions = chosen.actions;
    return { filters, errors };
  };

  router.get('/admin/audit', onlyAdmin, async (req, res) => {
    const q = readAuditQuery(req);
    const { filters, errors } = await auditFilters(req, q);
    let result = { rows: [] as Awaited<ReturnType<typeof searchAudit>>['rows'], total: 0 };
    let page = 1;
    if (errors.length === 0) {
      ({ page, result } = await fetchPage(parsePage(req.query.page), AUDIT_PAGE_SIZE, (p) =>
        searchAudit(db, filters, p),
      ));
      await auditView(db, req, 'staff.admin.audit.viewed', null, { ...q, page });
    }
    const query: Record<string, string> = { ...q };
    await renderStaff(
      req,
      res,
      'staff/admin-audit',
      'audit',
      {
        title: req.t('staff.audit.title'),
        rows: result.rows.map((r) => ({
          ...r,
          sentence: auditSentence(req.t, req.locale, r.action, r.details ?? {}),
          fields: auditFields(req.t, req.locale, r.details ?? {}),
        })),
        actionGroups: AUDIT_ACTION_GROUPS.map((g) => ({
          value: `group:${g.group}`,
          label: req.t(`staff.audit.group.${g.group}`),
          actions: g.actions.map((a) => ({ value: a, label: actionName(req.t, req.locale, a) })),
        })),
        total: result.total,
        pagination: buildPagination('/pentadbir/admin/audit', query, page, result.total, AUDIT_PAGE_SIZE),
        exportHref: `/pentadbir/admin/audit/eksport?${new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString()}`,
        errors,
        values: q,
      },
      { status: errors.length ? 400 : 200 },
    );
  });

  router.get('/admin/audit/eksport', onlyAdmin, async (req, res) => {
    const { filters, errors } = await auditFilters(req, readAuditQuery(req));
    if (errors.length) return res.redirect(303, '/pentadbir/admin/audit');
    const stamp = new Date().toISOString().slice(0, 10);
    res.status(200);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="log-audit-${stamp}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      await admin.exportCsv(req.currentUser!.accountId, filters, res, requestContext(req));
      res.end();
    } catch (err) {
      req.log?.warn({ err }, 'audit export stopped');
      res.destroy();
    }
  });
}
