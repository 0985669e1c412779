import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Synchroniser-token CSRF protection (csrf-sync; csurf is deprecated and archived). The token is
 * kept in the session and must come back in the form's hidden `_csrf` field; multipart uploads,
 * whose body is parsed later, carry it in the query string instead.
 */
const { csrfSynchronisedProtection, generateToken, revokeToken } = csrfSync({
  getTokenFromRequest: (req) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (typeof body?._csrf === 'string') return body._csrf;
    if (req.is('multipart/form-data') && typeof req.query._csrf === 'string') return req.query._csrf;
    return undefined;
  },
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export { generateToken as generateCsrfToken, revokeToken as revokeCsrfToken };

export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(err);
    // Views read the token lazily, so pages without a form do not create a session.
    res.locals.csrfToken = () => generateToken(req);
    next();
  });
}
