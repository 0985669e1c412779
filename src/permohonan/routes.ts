import { Router } from 'express';
import { z } from 'zod';
import { perLocale } from '../core/i18n/index.js';
import { buildPagination, parsePage } from '../core/pagination.js';
import { fieldErrors, renderPage } from '../core/render.js';
import { notFound, requireEmployee, requireSignedIn } from '../middleware/access.js';
import { MODULES, STATUSES, STATUS_BADGE } from './catalog.js';
import { showNote } from './notes.js';
import type { ApplicationFilter } from './queries.js';
import { PAGE_SIZE, type ApplicationService } from './service.js';

/** One value of a fixed list, or '' / absent for "all"; anything else gets the given message. */
function choice<T extends string>(values: readonly T[], message: string) {
  return z
    .unknown()
    .refine((v) => v === undefined || v === '' || (typeof v === 'string' && values.includes(v as T)), message)
    .transform((v) => (v ? (v as T) : undefined));
}

const filterSchema = perLocale((t) =>
  z.object({
    modul: choice(MODULES, t('permohonan.errors.module')),
    status: choice(STATUSES, t('permohonan.errors.status')),
  }),
);

export function permohonanRouter(applications: ApplicationService): Router {
  const router = Router();
  router.use(requireSignedIn, requireEmployee);

  router.get('/', async (req, res) => {
    const employeeId = req.currentUser!.employeeId!;
    const raw = { modul: req.query.modul, status: req.query.status };
    const parsed = filterSchema(req.locale).safeParse(raw);
    const values = {
      modul: typeof raw.modul === 'string' ? raw.modul.slice(0, 10) : '',
      status: typeof raw.status === 'string' ? raw.status.slice(0, 20) : '',
    };
    const common = {
      title: req.t('permohonan.title'),
      values,
      modules: MODULES,
      statuses: STATUSES,
      badge: STATUS_BADGE,
    };
    if (!parsed.success) {
      return renderPage(
        res,
        'permohonan/list',
        { ...common, errors: fieldErrors(parsed.error.issues), rows: [], pagination: null, total: 0 },
        { status: 400 },
      );
    }
    const filter: ApplicationFilter = { module: parsed.data.modul, status: parsed.data.status };
    const {
      page,
      result: { total, rows },
    } = await applications.list(employeeId, filter, parsePage(req.query.page));
    const pagination = buildPagination(
      '/permohonan',
      { modul: filter.module, status: filter.status },
      page,
      total,
      PAGE_SIZE,
    );
    await renderPage(res, 'permohonan/list', { ...common, rows, pagination, total });
  });

  router.get('/:id', async (req, res, next) => {
    const id = req.params.id;
    if (!/^\d{1,9}$/.test(id)) return next(notFound());
    const application = await applications.find(req.currentUser!.employeeId!, Number(id));
    if (!application) return next(notFound());
    await renderPage(res, 'permohonan/detail', {
      title: application.reference_no,
      application,
      notes: application.history.map((h) => showNote(h.note, req.t, req.locale)),
      badge: STATUS_BADGE,
    });
  });

  return router;
}
