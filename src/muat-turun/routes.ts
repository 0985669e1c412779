import { Router } from 'express';
import type { AppDeps } from '../core/deps.js';
import { renderPage } from '../core/render.js';
import { notFound, requireEmployee, requireSignedIn } from '../middleware/access.js';
import { findDownload, listDownloads } from './queries.js';
import { downloadSize, sendDownload } from './serve.js';
import { SAFE_SLUG, formatFileSize } from './service.js';

/** The user manual's slug: public at MANUAL_PATH, for a user who cannot log in yet. */
export const MANUAL_SLUG = 'manual-pengguna-portal-ispeks';
export const MANUAL_PATH = '/manual-pengguna';

/** The public manual (no login): linked from the login page's Makluman. */
export function publicManualRouter(deps: AppDeps): Router {
  const router = Router();
  router.get(MANUAL_PATH, async (req, res, next) => {
    const row = await findDownload(deps.db, MANUAL_SLUG);
    if (!row) return next(notFound());
    await sendDownload(req, res, next, row);
  });
  return router;
}

export function muatTurunRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireSignedIn, requireEmployee);

  router.get('/', async (req, res) => {
    const rows = await listDownloads(deps.db);
    const items = await Promise.all(
      rows.map(async (r) => {
        const size = await downloadSize(r.file_name);
        return {
          slug: r.slug,
          category: r.category,
          title: req.locale === 'en' ? r.title_en : r.title_ms,
          fileName: r.file_name,
          type: r.file_name.split('.').pop()!.toUpperCase(),
          size: size === null ? null : formatFileSize(size),
        };
      }),
    );
    await renderPage(res, 'muat-turun/index', {
      title: req.t('muatTurun.title'),
      manuals: items.filter((i) => i.category === 'manual'),
      forms: items.filter((i) => i.category === 'form'),
    });
  });

  // Only the slug comes from the URL; it is looked up in the table, and the stored name opens the file.
  router.get('/:slug', async (req, res, next) => {
    const slug = String(req.params.slug);
    if (!SAFE_SLUG.test(slug)) return next(notFound());
    const row = await findDownload(deps.db, slug);
    if (!row) return next(notFound());
    await sendDownload(req, res, next, row);
  });

  return router;
}
