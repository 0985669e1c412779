import type { Readable } from 'node:stream';
import type { Request, Response, Router } from 'express';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { notFound, requireRole } from '../middleware/access.js';
import { ALLOWED_TRANSITIONS, PAYMENT_STATUS_BADGE } from '../emaklum/index.js';
import { idParam, receiveFile, renderStaff, safeFileName } from '../staff/index.js';
import { setFlash } from '../middleware/flash.js';
import { FEED_COLUMNS, FEED_MAX_BYTES, FEED_REQUIRED, type FeedProblem } from './feed-format.js';
import { findUpload, findCommittedByHash, listUploads } from './queries.js';
import type { StatusFeedService } from './service.js';
import { sampleFeed } from './sample.js';

const MULTIPART_OVERHEAD = 64 * 1024;
const BASE = '/pentadbir/perbendaharaan';

class TooLarge extends Error {}

/** Reads the spooled upload whole (a status file is at most FEED_MAX_BYTES). */
async function readAll(stream: Readable, isTruncated: () => boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (isTruncated()) throw new TooLarge();
  return Buffer.concat(chunks);
}

/**
 * Perbendaharaan (treasury): the eMaklum payment status feed (DESIGN 1.8, docs/emaklum-status-feed.md).
 * Registered on the staff router, each route with its own requireRole('treasury') guard.
 */
export function registerTreasuryRoutes(router: Router, deps: AppDeps, feed: StatusFeedService): void {
  const { db } = deps;
  const onlyTreasury = requireRole('treasury');

  const describe = (req: Request, p: FeedProblem) => {
    const params: Record<string, string | number> = { ...(p.params ?? {}) };
    for (const k of ['from', 'to'] as const)
      if (typeof params[k] === 'string' && params[k] in PAYMENT_STATUS_BADGE)
        params[k] = req.t(`emaklum.status.${params[k]}`);
    return { row: p.row, field: p.field, text: req.t(p.key, { max: FEED_MAX_BYTES / 1024, ...params }) };
  };

  const showForm = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const uploads = await listUploads(db, 20);
    await renderStaff(
      req,
      res,
      'treasury/upload',
      'treasury',
      {
        title: req.t('treasury.title'),
        uploads,
        columns: FEED_COLUMNS.join(', '),
        required: FEED_REQUIRED.join(', '),
        maxKb: FEED_MAX_BYTES / 1024,
        transitions: ALLOWED_TRANSITIONS,
        ...extra,
      },
      { status },
    );
  };

  router.get('/perbendaharaan', onlyTreasury, async (req, res) => {
    await showForm(req, res);
  });

  router.get('/perbendaharaan/contoh.csv', onlyTreasury, async (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="contoh-status-bayaran.csv"')
      .send(await sampleFeed(db));
  });

  // Multipart: the CSRF token came in the query string (src/middleware/csrf.ts); the role is
  // checked before a byte of the body is read.
  router.post('/perbendaharaan', onlyTreasury, async (req, res) => {
    const error = (key: string, status: number) =>
      showForm(
        req,
        res,
        { errors: [{ text: req.t(key, { max: FEED_MAX_BYTES / 1024 }), href: '#file' }] },
        status,
      );
    if (Number(req.headers['content-length'] ?? 0) > FEED_MAX_BYTES + MULTIPART_OVERHEAD) {
      req.resume();
      res.set('Connection', 'close');
      return error('treasury.err.tooLarge', 413);
    }
    try {
      const received = await receiveFile(
        req,
        { field: 'file', maxBytes: FEED_MAX_BYTES },
        async (stream, name, isTruncated) => {
          const bytes = await readAll(stream, isTruncated);
          return feed.validate(req.currentUser!.accountId, safeFileName(name), bytes, requestContext(req));
        },
      );
      if (received.kind === 'noFile') return error('treasury.noFile', 400);
      res.redirect(303, `${BASE}/${received.value}`);
    } catch (err) {
      if (!(err instanceof TooLarge)) throw err;
      res.set('Connection', 'close');
      return error('treasury.err.tooLarge', 413);
    }
  });

  router.get('/perbendaharaan/:feedId', onlyTreasury, async (req, res, next) => {
    const id = idParam(req.params.feedId);
    const upload = id ? await findUpload(db, id) : undefined;
    if (!upload) return next(notFound());
    const previous = await findCommittedByHash(db, upload.content_sha256);
    const problems = upload.problems.map((p) => describe(req, p));
    await renderStaff(req, res, 'treasury/preview', 'treasury', {
      title: req.t('treasury.preview.title'),
      upload,
      problems,
      changes: upload.rows.filter((r) => !r.unchanged),
      unchanged: upload.rows.filter((r) => r.unchanged).length,
      sameFile: previous && previous.id !== upload.id ? previous : null,
      badge: PAYMENT_STATUS_BADGE,
      errors: problems.length
        ? [{ text: req.t('treasury.preview.invalid', { count: problems.length }), href: '#problems' }]
        : [],
    });
  });

  router.post('/perbendaharaan/:feedId/sahkan', onlyTreasury, async (req, res, next) => {
    const id = idParam(req.params.feedId);
    const result = id ? await feed.commit(req.currentUser!.accountId, id, requestContext(req)) : undefined;
    if (!id || !result) return next(notFound());
    if (!result.ok) {
      return showForm(
        req,
        res,
        { errors: [{ text: req.t(result.key, result.params ?? {}), href: '#file' }] },
        409,
      );
    }
    setFlash(req, req.t('treasury.committed', { changed: result.changed, emails: result.emails }));
    res.redirect(303, BASE);
  });

  router.post('/perbendaharaan/:feedId/batal', onlyTreasury, async (req, res, next) => {
    const id = idParam(req.params.feedId);
    const found = id ? await feed.discard(req.currentUser!.accountId, id, requestContext(req)) : false;
    if (!found) return next(notFound());
    setFlash(req, req.t('treasury.discarded'));
    res.redirect(303, BASE);
  });
}
