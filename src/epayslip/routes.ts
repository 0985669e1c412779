import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../core/deps.js';
import { formatDate, maskAccount, monthName } from '../core/format.js';
import { parseMonth, parseYear } from '../core/periods.js';
import { renderPage } from '../core/render.js';
import { requireEmployee, requireSignedIn } from '../middleware/access.js';
import { amendmentNote } from './pdf.js';
import { pdfHref, sendStoredPdf } from './pdf-response.js';
import { findPublishedPayslip, listPublishedPeriods } from './queries.js';
import { buildPayslipView, employeeBlock, groupByYear } from './service.js';

export function epayslipRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireSignedIn, requireEmployee);

  /** The list of published months; `rawYear` picks the year shown (default: the latest). */
  async function showList(req: Request, res: Response, rawYear?: string) {
    const years = groupByYear(await listPublishedPeriods(deps.db, req.currentUser!.employeeId!));
    const title = req.t('epayslip.title');
    if (rawYear === undefined) {
      return renderPage(res, 'epayslip/list', { title, years, selected: years[0] ?? null, message: null });
    }
    const year = parseYear(rawYear);
    const selected = year === undefined ? undefined : years.find((g) => g.year === year);
    if (!selected) {
      const message =
        year === undefined
          ? req.t('epayslip.errors.badYear')
          : req.t('epayslip.errors.noYear', { year: String(year) });
      return renderPage(res, 'epayslip/list', { title, years, selected: null, message }, { status: 404 });
    }
    await renderPage(res, 'epayslip/list', { title, years, selected, message: null });
  }

  /** The payslip of a month, or a clear "not available" page (404) for a bad or empty month. */
  async function loadPayslip(req: Request, res: Response) {
    const year = parseYear(String(req.params.year));
    const month = parseMonth(String(req.params.month));
    if (year === undefined || month === undefined) {
      await renderPage(
        res,
        'epayslip/missing',
        { message: req.t('epayslip.errors.badPeriod') },
        { status: 404 },
      );
      return undefined;
    }
    const row = await findPublishedPayslip(deps.db, req.currentUser!.employeeId!, year, month);
    const period = `${monthName(month, req.locale)} ${year}`;
    if (!row) {
      await renderPage(
        res,
        'epayslip/missing',
        { message: req.t('epayslip.errors.noPayslip', { period }) },
        { status: 404 },
      );
      return undefined;
    }
    return { view: buildPayslipView(row, req.locale), period };
  }

  router.get('/', (req, res) => showList(req, res));

  router.get('/:year/:month.pdf', async (req, res) => {
    const year = parseYear(String(req.params.year));
    const month = parseMonth(String(req.params.month));
    const sent =
      year !== undefined &&
      month !== undefined &&
      (await sendStoredPdf(deps.db, req, res, req.currentUser!.employeeId!, year, month));
    if (sent) return;
    // The same "not available" page as the HTML route; a payslip found now was corrected while
    // this request drew the one it replaced: the current one is sent.
    const found = await loadPayslip(req, res);
    if (!found) return;
    if (
      !(await sendStoredPdf(
        deps.db,
        req,
        res,
        req.currentUser!.employeeId!,
        found.view.year,
        found.view.month,
      ))
    )
      throw new Error('payslip PDF not stored');
  });

  router.get('/:year/:month', async (req, res) => {
    const found = await loadPayslip(req, res);
    if (!found) return;
    const { view, period } = found;
    await renderPage(res, 'epayslip/payslip', {
      title: req.t('epayslip.slipTitle', { period }),
      slip: view,
      period,
      employeeRows: employeeBlock(view, req.t, period, maskAccount, formatDate),
      amendmentNote: amendmentNote(view, req.t),
      pdfHref: pdfHref(view.year, view.month, view.id, req.locale),
    });
  });

  router.get('/:year', (req, res) => showList(req, res, String(req.params.year)));

  return router;
}
