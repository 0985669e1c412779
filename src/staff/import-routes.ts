import path from 'node:path';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { monthName } from '../core/format.js';
import { buildPagination, clampPage, parsePage } from '../core/pagination.js';
import { notFound, requireRole } from '../middleware/access.js';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './import-format.js';
import {
  correctedEmployees,
  monthsOverview,
  publishOverview,
  replacedInFileCount,
  wholeMonthLosers,
} from './import-month-queries.js';
import { IMPORT_MAX_BYTES, ImportRefused, type PayrollImportService } from './import-service.js';
import { receiveFile, safeFileName } from './multipart.js';
import { findUpload, listUploadErrors, uploadSample, uploadSummary, type UploadRow } from './import-queries.js';
import { describeImportProblem, describeUploadError, idParam, payrollScope, renderStaff } from './web.js';
import { setFlash } from '../middleware/flash.js';

const SAMPLE_FILE = path.resolve(import.meta.dirname, '../../files/samples/payroll-import-sample.csv');
const ERRORS_PAGE_SIZE = 100;
const WARNINGS_SHOWN = 500;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

type Problem = { text: string; href: string };

/**
 * The monthly payroll import and publication (DESIGN 1.11, issue 12): upload, preview (errors, or
 * the summary with the warnings to accept, the corrections, and the optional whole-month replace),
 * commit, publish (after a preview of who has no payslip).
 */
export function registerImportRoutes(router: Router, deps: AppDeps, imports: PayrollImportService): void {
  const { db } = deps;
  const onlyPayroll = requireRole('payroll');

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

  const periodLabel = (req: Request, upload: UploadRow) =>
    upload.month ? `${monthName(upload.month, req.locale)} ${upload.year}` : '-';

  /** What the commit of a valid upload would do to the month, for the preview and its confirmations. */
  const effects = async (upload: UploadRow) => {
    if (upload.status !== 'valid' || upload.year === null || upload.month === null) return null;
    const [replaces, corrections, losers] = await Promise.all([
      replacedInFileCount(db, upload.id, upload.year, upload.month),
      correctedEmployees(db, upload.id, upload.year, upload.month),
      wholeMonthLosers(db, upload.id, upload.year, upload.month),
    ]);
    return { replaces, corrections, losers };
  };

  const showPreview = async (
    req: Request,
    res: Response,
    upload: UploadRow,
    extra: { errors?: Problem[] } = {},
    status = 200,
  ) => {
    const id = upload.id;
    const page = clampPage(parsePage(req.query.page), upload.error_count, ERRORS_PAGE_SIZE);
    const errors = await listUploadErrors(db, id, {
      limit: ERRORS_PAGE_SIZE,
      offset: (page - 1) * ERRORS_PAGE_SIZE,
    });
    const valid = upload.status === 'valid';
    const warnings = valid
      ? await listUploadErrors(db, id, { limit: WARNINGS_SHOWN, offset: 0 }, 'warning')
      : [];
    const describe = (e: (typeof errors)[number]) => ({
      row: e.row_no,
      field: e.field,
      text: describeUploadError(req.t, req.locale, e),
    });
    await renderStaff(
      req,
      res,
      'staff/payroll-import-preview',
      'payroll-import',
      {
        title: req.t('staff.import.preview.title'),
        upload,
        summary: valid ? await uploadSummary(db, id) : null,
        sample: valid ? await uploadSample(db, id, 50) : [],
        effects: await effects(upload),
        warnings: warnings.map(describe),
        report: errors.map(describe),
        pagination: buildPagination(
          `/pentadbir/unit-gaji/import/${id}`,
          {},
          page,
          upload.error_count,
          ERRORS_PAGE_SIZE,
        ),
        periodLabel: periodLabel(req, upload),
        errors: extra.errors ?? [],
      },
      { status },
    );
  };

  const showWholeMonth = async (
    req: Request,
    res: Response,
    upload: UploadRow,
    extra: { errors?: Problem[] } = {},
    status = 200,
  ) => {
    const found = await effects(upload);
    await renderStaff(
      req,
      res,
      'staff/payroll-import-whole-month',
      'payroll-import',
      {
        title: req.t('staff.import.whole.title'),
        upload,
        effects: found,
        periodLabel: periodLabel(req, upload),
        errors: extra.errors ?? [],
      },
      { status },
    );
  };

  const loadUpload = async (req: Request) => {
    const id = idParam(req.params.uploadId);
    return id ? findUpload(db, payrollScope(req), id) : undefined;
  };

  router.get('/unit-gaji/import/:uploadId', onlyPayroll, async (req, res, next) => {
    const upload = await loadUpload(req);
    if (!upload) return next(notFound());
    await showPreview(req, res, upload);
  });

  // The second confirmation of replacing the whole month: it names, again, who loses a payslip.
  router.get('/unit-gaji/import/:uploadId/ganti-bulan', onlyPayroll, async (req, res, next) => {
    const upload = await loadUpload(req);
    if (!upload) return next(notFound());
    if (upload.status !== 'valid') return res.redirect(303, `/pentadbir/unit-gaji/import/${upload.id}`);
    await showWholeMonth(req, res, upload);
  });

  const commitForm = z.object({
    terimaAmaran: z.literal('1').optional(),
    gantiBulan: z.literal('1').optional(),
    bilangan: z.coerce.number().int().min(0).max(1_000_000).optional(),
    sahGantiBulan: z.literal('1').optional(),
  });

  router.post('/unit-gaji/import/:uploadId/sahkan', onlyPayroll, async (req, res, next) => {
    const upload = await loadUpload(req);
    if (!upload) return next(notFound());
    const t = req.t;
    const parsed = commitForm.safeParse(req.body ?? {});
    const form = parsed.success ? parsed.data : {};
    const wholeMonth = form.gantiBulan === '1';
    if (wholeMonth && (form.sahGantiBulan !== '1' || form.bilangan === undefined))
      return showWholeMonth(
        req,
        res,
        upload,
        { errors: [{ text: t('staff.import.whole.notConfirmed'), href: '#sahGantiBulan' }] },
        400,
      );
    const result = await imports.commit(
      payrollScope(req),
      upload.id,
      {
        acceptWarnings: form.terimaAmaran === '1',
        wholeMonth: wholeMonth ? { confirmedCount: form.bilangan ?? -1 } : null,
      },
      requestContext(req),
    );
    if (!result) return next(notFound());
    if (!result.ok) {
      const text = describeImportProblem(t, req.locale, result.key, result.params ?? {});
      if (result.field) {
        const problem = [{ text, href: `#${result.field}` }];
        return wholeMonth
          ? showWholeMonth(req, res, upload, { errors: problem }, 400)
          : showPreview(req, res, upload, { errors: problem }, 400);
      }
      return showImportForm(req, res, { errors: [{ text, href: '#file' }] }, 409);
    }
    const params = {
      payslips: result.payslips,
      rows: result.lines,
      month: monthName(result.month, req.locale),
      year: result.year,
    };
    const extra =
      result.corrections > 0
        ? ' ' + t('staff.import.committedCorrections', { count: result.corrections })
        : '';
    setFlash(req, t('staff.import.committed', params) + extra);
    res.redirect(303, '/pentadbir/unit-gaji/import');
  });

  router.post('/unit-gaji/import/:uploadId/batal', onlyPayroll, async (req, res, next) => {
    const id = idParam(req.params.uploadId);
    const found = id ? await imports.discard(payrollScope(req), id, requestContext(req)) : false;
    if (!found) return next(notFound());
    setFlash(req, req.t('staff.import.discarded'));
    res.redirect(303, '/pentadbir/unit-gaji/import');
  });

  const monthParams = (req: Request) => {
    const year = idParam(req.params.year);
    const month = idParam(req.params.month);
    if (!year || !month || year < 2000 || year > 2100 || month > 12) return null;
    return { year, month };
  };

  // Before publishing: how many payslips, how many corrections, and who in service has none.
  router.get('/unit-gaji/bulan/:year/:month/terbit', onlyPayroll, async (req, res, next) => {
    const period = monthParams(req);
    if (!period) return next(notFound());
    const overview = await publishOverview(db, payrollScope(req), period.year, period.month);
    await renderStaff(req, res, 'staff/payroll-publish', 'payroll-import', {
      title: req.t('staff.publish.title', { month: monthName(period.month, req.locale), year: period.year }),
      period,
      periodLabel: `${monthName(period.month, req.locale)} ${period.year}`,
      overview,
    });
  });

  router.post('/unit-gaji/bulan/:year/:month/terbit', onlyPayroll, async (req, res, next) => {
    const period = monthParams(req);
    if (!period) return next(notFound());
    const { year, month } = period;
    const result = await imports.publish(payrollScope(req), year, month, requestContext(req));
    const params = { count: result.published, month: monthName(month, req.locale), year };
    setFlash(
      req,
      result.published > 0
        ? req.t('staff.import.published.done', params) +
            (result.corrections > 0
              ? ' ' + req.t('staff.publish.superseded', { count: result.corrections })
              : '')
        : req.t('staff.import.published.nothing'),
    );
    res.redirect(303, '/pentadbir/unit-gaji/import');
  });
}
