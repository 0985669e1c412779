import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * CSRF protection in two forms:
 * - a session that already holds state (a signed-in user, or an anonymous journey under way)
 *   uses the synchroniser token of csrf-sync (csurf is deprecated and archived): the token
 *   lives in the session and comes back in the form's hidden `_csrf` field;
 * - a visitor with no session gets a signed double-submit token instead: a random nonce in an
 *   httpOnly cookie and, in the form, an HMAC of that nonce under the session secret. So an
 *   anonymous GET of a page with a form writes nothing to the database (the session row is made
 *   only when a form is posted), and a forged form still needs the cookie's nonce, which another
 *   site can neither read nor compute a token for.
 * Multipart uploads, whose body is parsed later, carry the token in the query string.
 */
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: tokenFromRequest,
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export const ANONYMOUS_CSRF_COOKIE = 'ispeks.csrf';
const ANONYMOUS_PREFIX = 'a.';

function tokenFromRequest(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  if (typeof body?._csrf === 'string') return body._csrf;
  if (req.is('multipart/form-data') && typeof req.query._csrf === 'string') return req.query._csrf;
  return undefined;
}

/** True when the session holds anything beyond its cookie, i.e. it is (or will be) stored. */
function sessionHasState(req: Request): boolean {
  const s = req.session as unknown as Record<string, unknown> | undefined;
  return !!s && Object.keys(s).some((key) => key !== 'cookie');
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function csrfProtection(secret: string, secureCookie: boolean) {
  const sign = (nonce: string) =>
    ANONYMOUS_PREFIX + createHmac('sha256', secret).update(`csrf|${nonce}`).digest('base64url');

  const anonymousToken = (req: Request, res: Response): string => {
    let nonce = readCookie(req, ANONYMOUS_CSRF_COOKIE);
    if (!nonce || !/^[A-Za-z0-9_-]{43}$/.test(nonce)) {
      nonce = randomBytes(32).toString('base64url');
      res.cookie(ANONYMOUS_CSRF_COOKIE, nonce, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie,
        path: '/',
      });
    }
    return sign(nonce);
  };

  const anonymousTokenValid = (req: Request, token: string): boolean => {
    const nonce = readCookie(req, ANONYMOUS_CSRF_COOKIE);
    if (!nonce) return false;
    const expected = Buffer.from(sign(nonce));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  return (req: Request, res: Response, next: NextFunction) => {
    // Pages render the token lazily (views/partials/csrf.ejs), so a page without a form costs nothing.
    res.locals.csrfToken = () => (sessionHasState(req) ? generateToken(req) : anonymousToken(req, res));
    const token = tokenFromRequest(req);
    // A signed-in session accepts only its synchroniser token; an anonymous one also the signed cookie pair.
    if (
      req.method === 'POST' &&
      token?.startsWith(ANONYMOUS_PREFIX) &&
      !req.session?.accountId &&
      anonymousTokenValid(req, token)
    ) {
      return next();
    }
    csrfSynchronisedProtection(req, res, (err?: unknown) => next(err));
  };
}
