import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../core/deps.js';
import { formatDate, monthName } from '../core/format.js';
import { renderPage } from '../core/render.js';
import { requireEmployee, requireSignedIn } from '../middleware/access.js';
import { parseYear } from '../core/periods.js';
import { knownPdfHashes, sendStoredPdf } from '../core/pdf/response.js';
import { ecInputHash, ecPdfDownload, ecPdfVersion } from './pdf-store.js';
import { findEcHeader, findEcYear, listEcYears, sumEcLines } from './queries.js';
import { buildEcForm, ecBlocks, ecPdfFileName, ecTitle, ecYearStatus, type EcForm } from './service.js';

export function eecRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireSignedIn, requireEmployee);

  router.get('/', async (req, res) => {
    const now = new Date();
    const years = (await listEcYears(deps.db, req.currentUser!.employeeId!)).map((y) => ({
      ...y,
      status: ecYearStatus(y, now),
    }));
    await renderPage(res, 'eec/list', {
      title: req.t('eec.title'),
      years,
      mn: (m: number) => monthName(m, req.locale),
    });
  });

  /** The year's form, or a clear "not available" page (404) for a bad year or one without payslips. */
  async function loadForm(req: Request, res: Response): Promise<EcForm | undefined> {
    const year = parseYear(String(req.params.year));
    if (year === undefined) {
      await renderPage(res, 'eec/missing', { message: req.t('eec.errors.badYear') }, { status: 404 });
      return undefined;
    }
    const employeeId = req.currentUser!.employeeId!;
    const [yearRow, header, sums] = await Promise.all([
      findEcYear(deps.db, employeeId, year),
      findEcHeader(deps.db, employeeId, year),
      sumEcLines(deps.db, employeeId, year),
    ]);
    if (!header || !yearRow) {
      await renderPage(
        res,
        'eec/missing',
        { message: req.t('eec.errors.noYear', { year }) },
        { status: 404 },
      );
      return undefined;
    }
    return buildEcForm(header, sums, yearRow, req.locale, new Date());
  }

  router.get('/:year.pdf', async (req, res) => {
    const form = await loadForm(req, res);
    if (!form) return;
    // Drawn once per set of inputs and stored; a link naming the current inputs is immutable.
    const known = knownPdfHashes(req);
    const pdf = await ecPdfDownload(deps.db, req.currentUser!.employeeId!, form, req.locale, known[0] ?? '');
    sendStoredPdf(req, res, pdf, ecPdfFileName(form), req.query.v === ecPdfVersion(pdf.inputSha256));
  });

  router.get('/:year', async (req, res) => {
    const form = await loadForm(req, res);
    if (!form) return;
    const mn = (m: number) => monthName(m, req.locale);
    await renderPage(res, 'eec/form', {
      title: ecTitle(form, req.t),
      form,
      blocks: ecBlocks(form, req.t, mn, formatDate),
      lastMonth: mn(form.header.last_month),
      pdfHref: `/eec/${form.year}.pdf?v=${ecPdfVersion(ecInputHash(form, req.locale))}`,
    });
  });

  return router;
}
