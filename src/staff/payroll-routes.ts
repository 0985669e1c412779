import path from 'node:path';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { isGovernmentEmail } from '../auth/first-time-service.js';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { monthName } from '../core/format.js';
import { buildPagination, clampPage, fetchPage, parsePage } from '../core/pagination.js';
import { fieldErrors } from '../core/render.js';
import { notFound, requireRole } from '../middleware/access.js';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './import-format.js';
import { IMPORT_MAX_BYTES, ImportRefused, PayrollImportService } from './import-service.js';
import { receiveFile, safeFileName } from './multipart.js';
import { PayrollService } from './payroll-service.js';
import {
  departmentsInScope,
  findUpload,
  listUploadErrors,
  monthsOverview,
  registrationFigures,
  replaceableCount,
  searchEmployees,
  uploadSample,
  uploadSummary,
  type EmployeeRecord,
} from './queries.js';
import {
  auditView,
  describeImportProblem,
  describeUploadError,
  idParam,
  payrollScope,
  renderStaff,
  setFlash,
  wantsSearch,
} from './web.js';

const PAGE_SIZE = 20;
const SAMPLE_FILE = path.resolve(import.meta.dirname, '../../files/samples/payroll-import-sample.csv');
const ERRORS_PAGE_SIZE = 100;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Unit Gaji pages (DESIGN 1.11): every route requires the payroll role and works in its scope. */
export function registerPayrollRoutes(router: Router, deps: AppDeps): void {
  const { db, config } = deps;
  const payroll = new PayrollService(db, config);
  // A non-official email is why a first-time login fails: the search flags it (issue 14 item 16).
  const isOfficialEmail = (email: string) => isGovernmentEmail(email, config.GOV_EMAIL_DOMAINS);
  const imports = new PayrollImportService(db);
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
    const parsed = schema.safeParse(req.body ?? {});
    const typed = String((req.body as Record<string, unknown> | undefined)?.email ?? '').slice(0, 254);
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
    if (!result.ok)
      return showEmployee(
        req,
        res,
        employee,
        { errors: [{ text: t('staff.payroll.email.same'), href: '#email' }], values: { email: typed } },
        400,
      );
    await setFlash(
      req,
      result.voidedTemporary
        ? t('staff.payroll.email.savedPendingVoided')
        : t('staff.payroll.email.saved', { old: result.oldEmail ?? '-', new: result.newEmail }),
    );
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
      return showEmployee(
        req,
        res,
        employee,
        { errors: [{ text: req.t(`staff.payroll.reset.${result.reason}`), href: '#reset' }] },
        400,
      );
    }
    await setFlash(req, req.t('staff.payroll.reset.done'));
    res.redirect(303, `/pentadbir/unit-gaji/pekerja/${id}`);
  });

  // ---------------------------------------------------------------- monthly import
  const showImportForm = async (
    req: Request,
    res: Response,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const months = await monthsOverview(db, payrollScope(req));
    await renderStaff(
      req,
      res,
      'staff/payroll-import',
      'payroll-import',
      {
        title: req.t('staff.import.title'),
        months,
        requiredColumns: REQUIRED_COLUMNS.join(', '),
        optionalColumns: OPTIONAL_COLUMNS.join(', '),
        maxMb: IMPORT_MAX_BYTES / (1024 * 1024),
        ...extra,
      },
      { status },
    );
  };

  router.get('/unit-gaji/import', onlyPayroll, async (req, res) => {
    await showImportForm(req, res);
  });

  router.get('/unit-gaji/import/contoh.csv', onlyPayroll, (_req, res) => {
    res.download(SAMPLE_FILE, 'contoh-import-gaji.csv', {
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    });
  });

  // The upload is multipart: the CSRF token came in the query string (src/middleware/csrf.ts),
  // checked before this route; the role is checked before a single byte of the body is read.
  router.post('/unit-gaji/import', onlyPayroll, async (req, res) => {
    const scope = payrollScope(req);
    try {
      // A body announced larger than the limit is refused before it is read at all.
      if (Number(req.headers['content-length'] ?? 0) > IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) {
        req.resume();
        throw await imports.refuse(scope, 'staff.import.err.tooLarge', requestContext(req));
      }
      const received = await receiveFile(
        req,
        { field: 'file', maxBytes: IMPORT_MAX_BYTES },
        (stream, name, isTruncated) =>
          imports.validate(scope, safeFileName(name), stream, isTruncated, requestContext(req)),
      );
      if (received.kind === 'noFile')
        return showImportForm(
          req,
          res,
          { errors: [{ text: req.t('staff.import.noFile'), href: '#file' }] },
          400,
        );
      res.redirect(303, `/pentadbir/unit-gaji/import/${received.value.uploadId}`);
    } catch (err) {
      if (!(err instanceof ImportRefused)) throw err;
      const text = describeImportProblem(req.t, req.locale, err.key, {
        ...err.params,
        mb: IMPORT_MAX_BYTES / (1024 * 1024),
      });
      res.set('Connection', 'close');
      await showImportForm(
        req,
        res,
        { errors: [{ text, href: '#file' }] },
        err.key === 'staff.import.err.tooLarge' ? 413 : 400,
      );
    }
  });

  router.get('/unit-gaji/import/:uploadId', onlyPayroll, async (req, res, next) => {
    const id = idParam(req.params.uploadId);
    const scope = payrollScope(req);
    const upload = id ? await findUpload(db, scope, id) : undefined;
    if (!id || !upload) return next(notFound());
    const requested = parsePage(req.query.page);
    const page = clampPage(requested, upload.error_count, ERRORS_PAGE_SIZE);
    const errors = await listUploadErrors(db, id, {
      limit: ERRORS_PAGE_SIZE,
      offset: (page - 1) * ERRORS_PAGE_SIZE,
    });
    const valid = upload.status === 'valid';
    const summary = valid ? await uploadSummary(db, id) : null;
    const sample = valid ? await uploadSample(db, id, 50) : [];
    const replaces =
      valid && upload.year !== null && upload.month !== null
        ? await replaceableCount(db, id, upload.year, upload.month)
        : 0;
    await renderStaff(req, res, 'staff/payroll-import-preview', 'payroll-import', {
      title: req.t('staff.import.preview.title'),
      upload,
      summary,
      sample,
      replaces,
      report: errors.map((e) => ({
        row: e.row_no,
        field: e.field,
        text: describeUploadError(req.t, req.locale, e),
      })),
      pagination: buildPagination(
        `/pentadbir/unit-gaji/import/${id}`,
        {},
        page,
        upload.error_count,
        ERRORS_PAGE_SIZE,
      ),
      periodLabel: upload.month ? `${monthName(upload.month, req.locale)} ${upload.year}` : '-',
    });
  });

  router.post('/unit-gaji/import/:uploadId/sahkan', onlyPayroll, async (req, res, next) => {
    const id = idParam(req.params.uploadId);
    const result = id ? await imports.commit(payrollScope(req), id, requestContext(req)) : undefined;
    if (!id || !result) return next(notFound());
    if (!result.ok) {
      const text = describeImportProblem(req.t, req.locale, result.key, result.params ?? {});
      return showImportForm(req, res, { errors: [{ text, href: '#file' }] }, 409);
    }
    await setFlash(
      req,
      req.t('staff.import.committed', {
        payslips: result.payslips,
        rows: result.lines,
        month: monthName(result.month, req.locale),
        year: result.year,
      }),
    );
    res.redirect(303, '/pentadbir/unit-gaji/import');
  });

  router.post('/unit-gaji/import/:uploadId/batal', onlyPayroll, async (req, res, next) => {
    const id = idParam(req.params.uploadId);
    const found = id ? await imports.discard(payrollScope(req), id, requestContext(req)) : false;
    if (!found) return next(notFound());
    await setFlash(req, req.t('staff.import.discarded'));
    res.redirect(303, '/pentadbir/unit-gaji/import');
  });

  router.post('/unit-gaji/bulan/:year/:month/terbit', onlyPayroll, async (req, res, next) => {
    const year = idParam(req.params.year);
    const month = idParam(req.params.month);
    if (!year || !month || year < 2000 || year > 2100 || month > 12) return next(notFound());
    const count = await imports.publish(payrollScope(req), year, month, requestContext(req));
    const params = { count, month: monthName(month, req.locale), year };
    await setFlash(
      req,
      count > 0 ? req.t('staff.import.published.done', params) : req.t('staff.import.published.nothing'),
    );
    res.redirect(303, '/pentadbir/unit-gaji/import');
  });
}
