import { Router, type Request } from 'express';
import { z } from 'zod';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { buildPagination, fetchPage, parsePage } from '../core/pagination.js';
import { fieldErrors, renderPage } from '../core/render.js';
import { notFound, requireSignedIn } from '../middleware/access.js';
import { setFlash } from '../middleware/flash.js';
import { PAYMENT_STATUSES, PAYMENT_STATUS_BADGE, payeeOf, type SortKey } from './catalog.js';
import { findPayment, listHistory, listPayments } from './queries.js';
import {
  PAGE_SIZE,
  searchSchema,
  searchValues,
  type PaymentNotifyService,
  type SearchValues,
} from './service.js';

const SEARCH_FIELDS = ['dari', 'hingga', 'rujukan', 'status', 'susun'] as const;

/** A repeated or nested query field (an array or object) is made invalid, so it gets a clear message. */
function searchInput(query: Request['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const k of SEARCH_FIELDS) {
    const v = query[k];
    out[k] = v === undefined || typeof v === 'string' ? v : '\u0000';
  }
  return out;
}

/** The link of a sortable column: its first click sorts descending, the next ascending. */
function sortLinks(values: SearchValues, current: SortKey) {
  const link = (key: SortKey) => {
    const params = new URLSearchParams();
    for (const k of ['dari', 'hingga', 'rujukan', 'status'] as const) if (values[k]) params.set(k, values[k]);
    params.set('susun', key);
    return `/emaklum?${params.toString()}`;
  };
  return {
    date: link(current === 'tarikh_desc' ? 'tarikh_asc' : 'tarikh_desc'),
    amount: link(current === 'amaun_desc' ? 'amaun_asc' : 'amaun_desc'),
  };
}

export function emaklumRouter(deps: AppDeps, notifications: PaymentNotifyService): Router {
  const router = Router();
  router.use(requireSignedIn);

  router.get('/', async (req, res, next) => {
    const user = req.currentUser!;
    const payee = payeeOf(user);
    if (!payee) return next(notFound());
    const values = searchValues(req.query);
    const parsed = searchSchema(req.locale).safeParse(searchInput(req.query));
    const notify = user.notifyPaymentStatus;
    const common = {
      title: req.t('emaklum.title'),
      values,
      statuses: PAYMENT_STATUSES,
      badge: PAYMENT_STATUS_BADGE,
      isCompany: payee.kind === 'company',
      notify,
    };
    if (!parsed.success) {
      return renderPage(
        res,
        'emaklum/list',
        {
          ...common,
          errors: fieldErrors(parsed.error.issues),
          rows: [],
          total: 0,
          pagination: null,
          sort: 'tarikh_desc',
          sortLinks: sortLinks(values, 'tarikh_desc'),
        },
        { status: 400 },
      );
    }
    const { filter, sort } = parsed.data;
    const {
      page,
      result: { rows, total },
    } = await fetchPage(parsePage(req.query.page), PAGE_SIZE, (p) =>
      listPayments(deps.db, payee, filter, sort, p),
    );
    const pagination = buildPagination(
      '/emaklum',
      {
        dari: values.dari || undefined,
        hingga: values.hingga || undefined,
        rujukan: filter.reference,
        status: filter.status,
        susun: sort === 'tarikh_desc' ? undefined : sort,
      },
      page,
      total,
      PAGE_SIZE,
    );
    await renderPage(res, 'emaklum/list', {
      ...common,
      rows,
      total,
      pagination,
      sort,
      sortLinks: sortLinks(values, sort),
    });
  });

  router.post('/makluman', async (req, res) => {
    const user = req.currentUser!;
    const notify = z.object({ notify: z.literal('1').optional() }).safeParse(req.body);
    const value = notify.success && notify.data.notify === '1';
    await notifications.setNotifyPaymentStatus(user, value, req.locale, 'emaklum', requestContext(req));
    setFlash(req, req.t(value ? 'emaklum.notify.on' : 'emaklum.notify.off'));
    res.redirect(303, '/emaklum');
  });

  router.get('/:id', async (req, res, next) => {
    const payee = payeeOf(req.currentUser!);
    const id = req.params.id;
    if (!payee || !/^\d{1,9}$/.test(id)) return next(notFound());
    const payment = await findPayment(deps.db, payee, Number(id));
    if (!payment) return next(notFound());
    const history = await listHistory(deps.db, payment.id);
    await renderPage(res, 'emaklum/detail', {
      title: payment.voucher_no,
      payment,
      history,
      badge: PAYMENT_STATUS_BADGE,
    });
  });

  return router;
}
