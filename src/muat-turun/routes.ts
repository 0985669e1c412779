import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { AppDeps } from '../core/deps.js';
import { renderPage } from '../core/render.js';
import { notFound, requireEmployee, requireSignedIn } from '../middleware/access.js';
import { findDownload, listDownloads } from './queries.js';
import { SAFE_SLUG, contentTypeFor, downloadPath, fileSize, formatFileSize } from './service.js';

export function muatTurunRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireSignedIn, requireEmployee);

  router.get('/', async (req, res) => {
    const rows = await listDownloads(deps.db);
    const items = await Promise.all(
      rows.map(async (r) => {
        const size = await fileSize(r.file_name);
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
    const full = row && downloadPath(row.file_name);
    if (!row || !full) return next(notFound());
    let size: number;
    try {
      const s = await stat(full);
      if (!s.isFile()) return next(notFound());
      size = s.size;
    } catch {
      return next(notFound());
    }
    res.status(200);
    res.set({
      'Content-Type': contentTypeFor(row.file_name, row.content_type),
      'Content-Length': String(size),
      'Content-Disposition': `attachment; filename="${row.file_name}"`,
    });
    await pipeline(createReadStream(full), res);
  });

  return router;
}
