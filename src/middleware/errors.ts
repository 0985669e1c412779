import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../core/db.js';
import { renderPage } from '../core/render.js';
import { HttpError } from './access.js';

export async function notFoundHandler(_req: Request, res: Response) {
  await renderPage(res, 'errors/not-found', {}, { status: 404 });
}

interface KnownError {
  code?: string;
  type?: string;
  status?: number;
}

/**
 * The last middleware: CSRF → 403 page, oversized body → 413, unreadable charset → 415,
 * database down → 503,
 * anything else → 500 with the request ID, logged. Never a stack trace to the user.
 * A 503 is logged as one warning without a stack: an outage is a state of the infrastructure
 * (and, while it lasts, one line per request), not a bug in the code; a 500 stays an error.
 */
export function errorHandler(logger: Logger) {
  return async (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = (err ?? {}) as KnownError;
    const requestId = String(req.id ?? '');
    let view = 'errors/server';
    let status = 500;
    if (e.code === 'EBADCSRFTOKEN') [view, status] = ['errors/csrf', 403];
    else if (e.type === 'entity.too.large' || e.status === 413) [view, status] = ['errors/too-large', 413];
    // A body in a charset or content encoding body-parser cannot read (`charset=ibm500`): the
    // client's fault, said plainly, not a 500 (issue 11).
    else if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported' || e.status === 415)
      [view, status] = ['errors/unsupported', 415];
    else if (err instanceof HttpError && err.status === 404) [view, status] = ['errors/not-found', 404];
    else if (err instanceof HttpError && err.status === 403) [view, status] = ['errors/forbidden', 403];
    else if (err instanceof HttpError && err.status === 401) return res.redirect(303, '/');
    else if (e.type === 'entity.parse.failed' || e.status === 400) [view, status] = ['errors/server', 400];
    else if (isDatabaseUnavailable(err)) [view, status] = ['errors/unavailable', 503];

    if (status === 503)
      (req.log ?? logger).warn({ requestId, status, cause: outageCause(err) }, 'database unavailable');
    else if (status >= 500) (req.log ?? logger).error({ err, requestId }, 'request failed');
    else (req.log ?? logger).warn({ code: e.code, status }, 'request refused');

    if (res.headersSent) {
      // Part of the response is out: ending it normally would pass a truncated page or file
      // off as whole, so cut the connection (as Express's own final handler does). A response
      // already complete is left alone.
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (status === 503) res.set('Retry-After', '30');
    try {
      // Error pages do not depend on the database: the user may be unknown here.
      await renderPage(res, view, { requestId }, { status, layout: res.locals.user ? 'portal' : 'public' });
    } catch (renderErr) {
      logger.error({ err: renderErr }, 'error page failed');
      res.status(status).type('text').send(`Error ${status} (${requestId})`);
    }
  };
}

/** The outage error in one line (its code and the first line of its message), without the stack. */
function outageCause(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? (e.message.split('\n')[0] ?? '') : String(err);
  return typeof e.code === 'string' ? `${e.code}: ${message}` : message;
}
