import type { NextFunction, Request, Response, Router } from 'express';
import { requestContext, writeAudit } from '../core/audit.js';
import type { Knex } from 'knex';
import type { ResetService } from './reset-service.js';
import { saveSession, startAnonymousSession } from '../accounts/index.js';

interface ResetLinkPages {
  noStore: (req: Request, res: Response, next: NextFunction) => void;
  /** Renders a page in the public frame. */
  page: (res: Response, view: string) => Promise<void>;
  invalidLink: (res: Response) => Promise<void>;
}

/** A session that belongs to someone: signed in, or a temporary-password (activation) session. */
const isSomeonesSession = (req: Request) => Boolean(req.session.accountId ?? req.session.activationAccountId);

/**
 * The emailed reset link. Opened in a browser with nobody signed in, it starts the reset at once.
 * Opened while signed in (as anyone) it asks first: a link is a GET any page can make a browser
 * open, and replacing a signed-in session with a reset of someone else's account would be login
 * CSRF. Only a POST with the session's CSRF token ends the session.
 */
export function mountResetLinkRoutes(router: Router, db: Knex, reset: ResetService, pages: ResetLinkPages) {
  /** A fresh session for the reset, holding the token's row ID (the token leaves the URL). */
  async function beginReset(req: Request, res: Response, tokenId: number) {
    await startAnonymousSession(req);
    req.session.resetTokenId = tokenId;
    await saveSession(req);
    res.redirect(303, '/lupa-kata-laluan/soalan');
  }

  router.get('/lupa-kata-laluan/pautan', pages.noStore, async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const tokenId = await reset.openLink(token);
    if (!tokenId) return pages.invalidLink(res);
    if (!isSomeonesSession(req)) return beginReset(req, res, tokenId);
    req.session.pendingResetTokenId = tokenId;
    await saveSession(req);
    await pages.page(res, 'auth/reset-confirm');
  });

  router.post('/lupa-kata-laluan/pautan', pages.noStore, async (req, res) => {
    const pending = req.session.pendingResetTokenId;
    const tokenId = pending ? await reset.stillUsable(pending) : undefined;
    if (!tokenId) return pages.invalidLink(res);
    if (req.currentUser) {
      await writeAudit(db, {
        action: 'logout',
        actorAccountId: req.currentUser.accountId,
        subjectAccountId: req.currentUser.accountId,
        details: { reason: 'reset_link' },
        ...requestContext(req),
      });
    }
    await beginReset(req, res, tokenId);
  });
}
