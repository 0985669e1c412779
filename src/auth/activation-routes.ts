import type { Request, Response, Router } from 'express';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import type { ActivationService, PendingActivation } from './activation-service.js';
import { randomPhrase } from './phrase/generator.js';
import { FORM_LIMITS, noStore, type PublicPage } from './route-helpers.js';
import {
  combine,
  endSession,
  keptValues,
  listSecretImages,
  listSecurityQuestions,
  parseNewPassword,
  parseQuestions,
  parseSecret,
  startAnonymousSession,
} from '../accounts/index.js';

const activationFields = [
  'question1',
  'answer1',
  'question2',
  'answer2',
  'question3',
  'answer3',
  'image',
  'phrase',
];

/** Activation (DESIGN 1.3): the page a temporary-password login leads to. */
export function mountActivation(
  router: Router,
  deps: AppDeps,
  publicPage: PublicPage,
  activation: ActivationService,
): void {
  const { db, config } = deps;
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;

  /** The pending account of a temporary-password session; otherwise answers the request itself. */
  async function activationOwner(req: Request, res: Response): Promise<PendingActivation | undefined> {
    const s = req.session;
    const accountId = s.activationAccountId;
    if (!accountId) {
      res.redirect(303, '/');
      return undefined;
    }
    const now = deps.clock.now();
    if (now - (s.loginAt ?? 0) > absoluteMs || now - (s.lastSeenAt ?? 0) > idleMs) {
      await endSession(req);
      res.clearCookie(SESSION_COOKIE);
      res.redirect(303, '/sesi-tamat');
      return undefined;
    }
    s.lastSeenAt = now;
    const pending = await activation.pendingAccount(accountId, s.activationStamp);
    if (pending === 'expired') {
      // The temporary password expired or a newer one replaced it while the form was open.
      await startAnonymousSession(req, req.t('auth.activation.temporaryGone'));
      res.redirect(303, '/');
      return undefined;
    }
    if (!pending) {
      await endSession(req);
      res.clearCookie(SESSION_COOKIE);
      res.redirect(303, '/');
      return undefined;
    }
    return pending;
  }

  async function secretChoices() {
    const [questions, images] = await Promise.all([listSecurityQuestions(db), listSecretImages(db)]);
    return { questions, images };
  }

  router.get('/pengaktifan', noStore, async (req, res) => {
    const pending = await activationOwner(req, res);
    if (!pending) return;
    const choices = await secretChoices();
    // The default phrase and image come from the generator that makes decoys (issue 11, item 4):
    // a user who keeps them looks exactly like a decoy to anyone without DECOY_SECRET.
    const offered = randomPhrase(choices.images.length);
    const values = { phrase: offered.phrase, image: String(choices.images[offered.imageIndex]?.id ?? '') };
    await publicPage(res, 'auth/activation', { owner: pending.owner, ...choices, values });
  });

  router.post('/pengaktifan', rateLimit(db, FORM_LIMITS.activation), noStore, async (req, res) => {
    const pending = await activationOwner(req, res);
    if (!pending) return;
    const { owner } = pending;
    const choices = await secretChoices();
    const parsed = combine(
      combine(
        parseNewPassword(req.t, req.body, {
          loginId: owner.login_id,
          ic: owner.ic_no,
          name: owner.name,
          email: owner.email,
        }),
        parseQuestions(
          req.t,
          req.body,
          choices.questions.map((q) => q.id),
        ),
      ),
      parseSecret(
        req.t,
        req.body,
        choices.images.map((i) => i.id),
      ),
    );
    if (!parsed.ok) {
      return publicPage(
        res,
        'auth/activation',
        { owner, ...choices, errors: parsed.errors, values: keptValues(req.body, activationFields) },
        400,
      );
    }
    const done = await activation.activate(pending, parsed.data, requestContext(req));
    // Activated (or already activated by a second submit): a new session; the user logs in again.
    await startAnonymousSession(req, done ? req.t('auth.activation.done') : undefined);
    res.redirect(303, '/');
  });
}
