import type { Request, Response, Router } from 'express';
import { isGovernmentEmail } from '../auth/index.js';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { buildPagination, fetchPage, parsePage } from '../core/pagination.js';
import { fieldErrors } from '../core/render.js';
import { notFound, requireRole } from '../middleware/access.js';
import { emailChangeNote, officialEmailSchema, typedEmail } from './email-change.js';
import type { PayrollService } from './payroll-service.js';
import { departmentsInScope } from './queries.js';
import { registrationFigures, searchEmployees, type EmployeeRecord } from './payroll-queries.js';
import { auditView, idParam, payrollScope, renderStaff, wantsSearch } from './web.js';
import { setFlash } from '../middleware/flash.js';

const PAGE_SIZE = 20;

/** Unit Gaji pages (DESIGN 1.11): every route requires the payroll role and works in its scope. */
export function registerPayrollRoutes(router: Router, deps: AppDeps, payroll: PayrollService): void {
  const { db, config } = deps;
  // A non-official email is why a first-time login fails: the search flags it (issue 14 item 16).
  const isOfficialEmail = (email: string) => isGovernmentEmail(email, config.GOV_EMAIL_DOMAINS);
  const onlyPayroll = requireRole('payroll');

  // ---------------------------------------------------------------- employee search
  router.get('/unit-gaji', onlyPayroll, async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const scope = payrollScope(req);
    const departments = await departmentsInScope(db, scope);
    let result = null;
    let pagination = null;
    let errors: { text: string; href: string }[] = [];
    if (q && !wantsSearch(q)) errors = [{ text: req.t('staff.search.tooShort'), href: '#q' }];
    else if (q) {
      const requested = parsePage(req.query.page);
      const fetched = await fetchPage(requested, PAGE_SIZE, (p) => searchEmployees(db, scope, q, p));
      const page = fetched.page;
      result = fetched.result;
      pagination = buildPagination('/pentadbir/unit-gaji', { q }, page, result.total, PAGE_SIZE);
      await auditView(db, req, 'staff.payroll.search.viewed', null, { q, page, results: result.total });
    }
    await renderStaff(
      req,
      res,
      'staff/payroll-search',
      'payroll-search',
      {
        title: req.t('staff.payroll.title'),
        q,
        result,
        pagination,
        departments,
        errors,
        values: { q },
        isOfficialEmail,
      },
      { status: errors.length ? 400 : 200 },
    );
  });

  router.get('/unit-gaji/statistik', onlyPayroll, async (req, res) => {
    const figures = await registrationFigures(db, payrollScope(req));
    const totals = figures.reduce(
      (acc, f) => {
        for (const k of ['total', 'none', 'pending', 'active', 'locked', 'disabled'] as const) acc[k] += f[k];
        return acc;
      },
      { total: 0, none: 0, pending: 0, active: 0, locked: 0, disabled: 0 },
    );
    await renderStaff(req, res, 'staff/payroll-stats', 'payroll-stats', {
      title: req.t('staff.stats.title'),
      figures,
      totals,
    });
  });

  // ---------------------------------------------------------------- one employee
  const showEmployee = async (
    req: Request,
    res: Response,
    employee: EmployeeRecord,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    await renderStaff(
      req,
      res,
      'staff/payroll-employee',
      'payroll-search',
      {
        title: employee.name,
        employee,
        govDomains: config.GOV_EMAIL_DOMAINS.join(', '),
        isOfficialEmail,
        values: { email: '' },
        ...extra,
      },
      { status },
    );
  };

  router.get('/unit-gaji/pekerja/:employeeId', onlyPayroll, async (req, res, next) => {
    const id = idParam(req.params.employeeId);
    const employee = id ? await payroll.employee(payrollScope(req), id) : undefined;
    if (!employee) return next(notFound());
    await auditView(db, req, 'staff.payroll.employee.viewed', employee.account_id, {
      employeeId: employee.id,
    });
    await showEmployee(req, res, employee);
  });

  router.post('/unit-gaji/pekerja/:employeeId/emel', onlyPayroll, async (req, res, next) => {
    const id = idParam(req.params.employeeId);
    const scope = payrollScope(req);
    const employee = id ? await payroll.employee(scope, id) : undefined;
    if (!id || !employee) return next(notFound());
    const t = req.t;
    const parsed = officialEmailSchema(t, config.GOV_EMAIL_DOMAINS).safeParse(req.body ?? {});
    const typed = typedEmail(req.body);
    if (!parsed.success)
      return showEmployee(
        req,
        res,
        employee,
        { errors: fieldErrors(parsed.error.issues), values: { email: typed } },
        400,
      );
    const result = await payroll.changeEmail(scope, id, parsed.data.email, requestContext(req));
    if (!result) return next(notFound());
    if (!result.ok) {
      const staff = result.reason === 'staffAccount';
      const text = t(staff ? 'staff.recovery.adminOnly' : 'staff.payroll.email.same');
      return showEmployee(
        req,
        res,
        employee,
        { errors: [{ text, href: '#email' }], values: { email: typed } },
        staff ? 403 : 400,
      );
    }
    const saved = result.voidedTemporary
      ? t('staff.payroll.email.savedPendingVoided')
      : t('staff.payroll.email.saved', { old: result.oldEmail ?? '-', new: result.newEmail });
    const held = emailChangeNote(t, result.heldUntil);
    setFlash(req, `${saved} ${held}`);
    res.redirect(303, `/pentadbir/unit-gaji/pekerja/${id}`);
  });

  router.post('/unit-gaji/pekerja/:employeeId/set-semula', onlyPayroll, async (req, res, next) => {
    const id = idParam(req.params.employeeId);
    const scope = payrollScope(req);
    const result = id ? await payroll.resetAccount(scope, id, requestContext(req)) : undefined;
    if (!id || !result) return next(notFound());
    if (!result.ok) {
      const employee = await payroll.employee(scope, id);
      if (!employee) return next(notFound());
      const staff = result.reason === 'staffAccount';
      const text = req.t(staff ? 'staff.recovery.adminOnly' : `staff.payroll.reset.${result.reason}`);
      return showEmployee(req, res, employee, { errors: [{ text, href: '#reset' }] }, staff ? 403 : 400);
    }
    setFlash(req, req.t('staff.payroll.reset.done'));
    res.redirect(303, `/pentadbir/unit-gaji/pekerja/${id}`);
  });
}
