import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { perLocale } from '../core/i18n/index.js';
import { requestContext, writeAudit } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { formatDateTime } from '../core/format.js';
import { fieldErrors, renderPage, type FieldError } from '../core/render.js';
import { answeredOverLimit, rateLimit } from '../middleware/rate-limit.js';
import { isGovernmentEmail, type FirstTimeService } from './first-time-service.js';
import { parseIdNumber } from './id-number.js';
import { noteLoginFailure } from './login-failures.js';
import { normaliseLoginId, type LoginRefusal, type LoginService } from './login-service.js';
import { safeReturnTo } from '../middleware/return-to.js';
import { mountSessionRenewal } from './session-routes.js';
import { mountActivation } from './activation-routes.js';
import type { ActivationService } from './activation-service.js';
import { FORM_LIMITS, noStore } from './route-helpers.js';
import { mountResetLinkRoutes } from './reset-link-routes.js';
import type { ResetService } from './reset-service.js';
import {
  ANSWER_MAX,
  keptValues,
  parseGivenAnswers,
  parseNewPassword,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PHRASE_MAX,
  saveSession,
  startActivationSession,
  startAnonymousSession,
  startSignedInSession,
} from '../accounts/index.js';

export { FORM_LIMITS } from './route-helpers.js';

/**
 * First-time requests per (ID, email) pair and hour: a match sends an email. Counted per pair, not
 * per ID, so requests with someone's IC and wrong emails never use up the owner's own; volume is
 * bounded per IP by FORM_LIMITS.firstTime.
 */
export const FIRST_TIME_PER_PAIR_PER_HOUR = 5;

const loginIdField = (t: Request['t']) =>
  z
    .string({ error: t('auth.login.errors.idRequired') })
    .trim()
    .min(1, t('auth.login.errors.idRequired'))
    .max(30, t('auth.login.errors.idInvalid'))
    .transform(normaliseLoginId)
    .refine((v) => /^\d{12}$/.test(v) || /^[0-9A-Z-]{4,20}$/.test(v), t('auth.login.errors.idInvalid'));

const REFUSAL_MESSAGES: Record<LoginRefusal, string> = {
  invalid: 'auth.login.errors.failed',
  temporaryExpired: 'auth.login.errors.temporaryExpired',
  temporaryReplaced: 'auth.login.errors.temporaryReplaced',
};

const loginIdSchema = perLocale((t) => z.object({ loginId: loginIdField(t) }));

const passwordSchema = perLocale((t) =>
  z.object({
    password: z
      .string({ error: t('auth.login.errors.passwordRequired') })
      .min(1, t('auth.login.errors.passwordRequired'))
      .max(PASSWORD_MAX * 4, t('auth.login.errors.failed')),
  }),
);

const emailField = (t: Request['t'], prefix: 'auth.firstTime' | 'auth.forgot') =>
  z
    .string({ error: t(`${prefix}.errors.emailRequired`) })
    .trim()
    .toLowerCase()
    .min(1, t(`${prefix}.errors.emailRequired`))
    .max(
      254,
      prefix === 'auth.firstTime'
        ? t('auth.firstTime.errors.emailTooLong')
        : t('auth.forgot.errors.emailInvalid'),
    )
    .pipe(z.email(t(`${prefix}.errors.emailInvalid`)));

/** The services the public pages write through (built once, in src/services.ts). */
export interface AuthServices {
  login: LoginService;
  firstTime: FirstTimeService;
  reset: ResetService;
  activation: ActivationService;
}

export function authRouter(deps: AppDeps, { login, firstTime, reset, activation }: AuthServices): Router {
  const { db, config } = deps;
  const router = Router();
  const limit = (l: (typeof FORM_LIMITS)[keyof typeof FORM_LIMITS]) => rateLimit(db, l);
  const policy = { min: PASSWORD_MIN, max: PASSWORD_MAX, phraseMax: PHRASE_MAX, answerMax: ANSWER_MAX };
  const publicPage = (res: Response, view: string, locals: Record<string, unknown> = {}, status = 200) =>
    renderPage(res, view, { policy, ...locals }, { status, layout: 'public' });

  // ------------------------------------------------------------ Log Masuk, step 1: the ID

  router.get('/', noStore, async (req, res) => {
    const returnTo = safeReturnTo(req.query.kembali);
    if (req.currentUser) return res.redirect(303, returnTo ?? '/laman-utama');
    await publicPage(res, 'auth/login', { returnTo });
  });

  router.post('/log-masuk', limit(FORM_LIMITS.loginId), noStore, async (req, res) => {
    const parsed = loginIdSchema(req.locale).safeParse(req.body);
    const returnTo = safeReturnTo((req.body as Record<string, unknown> | undefined)?.kembali);
    if (!parsed.success) {
      return publicPage(
        res,
        'auth/login',
        { errors: fieldErrors(parsed.error.issues), values: keptValues(req.body, ['loginId']), returnTo },
        400,
      );
    }
    req.session.returnTo = returnTo;
    // The account's phrase and image, or a decoy of the same shape for an unknown ID.
    const challenge = await login.challenge(parsed.data.loginId);
    req.session.loginId = parsed.data.loginId;
    await publicPage(res, 'auth/login-password', { challenge });
  });

  // ------------------------------------------------------------ Log Masuk, step 2: the password

  router.post('/log-masuk/kata-laluan', limit(FORM_LIMITS.loginPassword), noStore, async (req, res) => {
    const loginId = req.session.loginId;
    if (!loginId) return res.redirect(303, '/');
    const parsed = passwordSchema(req.locale).safeParse(req.body);
    // The phrase and image are read again only to show the form again: a successful login, the
    // common case, costs no query for them (the same for a real and an unknown ID either way).
    if (!parsed.success) {
      return publicPage(
        res,
        'auth/login-password',
        { challenge: await login.challenge(loginId), errors: fieldErrors(parsed.error.issues) },
        400,
      );
    }
    const result = await login.verify(loginId, parsed.data.password, requestContext(req));
    if (!result.ok) {
      // The lock is told only to the browser that made the attempts (src/auth/login-failures.ts).
      const lockedHere = result.reason === 'invalid' && noteLoginFailure(req.session, loginId) === 'locked';
      const message = lockedHere ? 'auth.login.errors.locked' : REFUSAL_MESSAGES[result.reason];
      return publicPage(
        res,
        'auth/login-password',
        {
          challenge: await login.challenge(loginId),
          errors: [{ text: req.t(message), href: '#password' }],
          // An expired or replaced temporary password: the way on is a new one.
          temporaryGone: result.reason === 'temporaryExpired' || result.reason === 'temporaryReplaced',
        },
        401,
      );
    }
    if (result.mustActivate) {
      // The account is pending: this session may only reach the activation page.
      await startActivationSession(req, result.accountId, result.temporaryStamp);
      return res.redirect(303, '/pengaktifan');
    }
    const returnTo = req.session.returnTo;
    await startSignedInSession(
      req,
      result.accountId,
      result.firstLogin ? req.t('auth.activation.welcome') : undefined,
    );
    res.redirect(303, returnTo ?? '/laman-utama');
  });

  router.post('/log-keluar', async (req, res) => {
    if (req.currentUser) {
      await writeAudit(db, {
        action: 'logout',
        actorAccountId: req.currentUser.accountId,
        subjectAccountId: req.currentUser.accountId,
        ...requestContext(req),
      });
    }
    // A new, empty session (the old one is deleted on the server) that only says "logged out".
    await startAnonymousSession(req, req.t('auth.logout.done'));
    res.redirect(303, '/');
  });

  mountSessionRenewal(router, config, deps.clock);

  router.get('/sesi-tamat', async (_req, res) => {
    await publicPage(res, 'auth/session-ended');
  });

  // ------------------------------------------------------------ Login Kali Pertama

  router.get('/login-kali-pertama', noStore, async (_req, res) => {
    await publicPage(res, 'auth/first-time');
  });

  router.post('/login-kali-pertama', limit(FORM_LIMITS.firstTime), noStore, async (req, res) => {
    const t = req.t;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keptValues(body, ['idNo', 'email']);
    const errors: FieldError[] = [];
    const id = parseIdNumber(typeof body.idNo === 'string' ? body.idNo : '');
    if (!id.ok)
      errors.push({
        text: t(`auth.firstTime.errors.${id.problem === 'required' ? 'idRequired' : id.problem}`),
        href: '#idNo',
      });
    const email = emailField(t, 'auth.firstTime').safeParse(body.email);
    if (!email.success) errors.push({ text: email.error.issues[0]!.message, href: '#email' });
    else if (id.ok && id.ic && !id.companyId && !isGovernmentEmail(email.data, config.GOV_EMAIL_DOMAINS)) {
      errors.push({
        text: t('auth.firstTime.errors.emailNotGov', { domains: config.GOV_EMAIL_DOMAINS.join(', ') }),
        href: '#email',
      });
    }
    if (errors.length || !id.ok || !email.success)
      return publicPage(res, 'auth/first-time', { errors, values }, 400);

    const idKey = id.ic ?? id.companyId ?? '';
    // Hashed: an email may be 254 characters (the key holds 200), and the key need not spell it out.
    const pair = createHash('sha256').update(`${idKey}\n${email.data}`).digest('hex');
    const perPair = {
      key: `first-time:pair:${pair}`,
      max: FIRST_TIME_PER_PAIR_PER_HOUR,
      windowSeconds: 3600,
    };
    if (await answeredOverLimit(db, res, perPair, { layout: 'public' })) return;
    const outcome = await firstTime.request(
      { ic: id.ic, companyId: id.companyId, email: email.data },
      requestContext(req),
    );
    if (outcome === 'sent') return publicPage(res, 'auth/first-time-sent');
    const heldUntil = outcome === 'held' && id.ic ? await firstTime.heldUntil(id.ic, email.data) : undefined;
    await publicPage(res, 'auth/first-time', {
      values,
      outcome,
      heldUntil: heldUntil ? formatDateTime(heldUntil) : '',
      helpdesk: config.HELPDESK_EMAIL,
    });
  });

  mountActivation(router, deps, publicPage, activation);

  // ------------------------------------------------------------ Lupa Kata Laluan

  router.get('/lupa-kata-laluan', noStore, async (_req, res) => {
    await publicPage(res, 'auth/forgot');
  });

  router.post('/lupa-kata-laluan', limit(FORM_LIMITS.forgot), noStore, async (req, res) => {
    const schema = z.object({ loginId: loginIdField(req.t), email: emailField(req.t, 'auth.forgot') });
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      return publicPage(
        res,
        'auth/forgot',
        { errors: fieldErrors(parsed.error.issues), values: keptValues(req.body, ['loginId', 'email']) },
        400,
      );
    }
    // Answered before the work (issue 11, item 8): a match creates a token and writes the email to
    // the outbox, a mismatch does not, so awaiting it made the answer's time tell the two apart.
    const { loginId, email } = parsed.data;
    const facts = requestContext(req);
    res.once('close', () => reset.requestInBackground(loginId, email, facts));
    await publicPage(res, 'auth/forgot-sent');
  });

  const invalidLink = (res: Response, key = 'auth.forgot.linkInvalid') =>
    publicPage(res, 'auth/reset-invalid', { message: res.locals.t(key) }, 410);

  mountResetLinkRoutes(router, db, reset, {
    noStore,
    page: (res, view) => publicPage(res, view),
    invalidLink: (res) => invalidLink(res),
  });

  router.get('/lupa-kata-laluan/soalan', noStore, async (req, res) => {
    const tokenId = req.session.resetTokenId;
    const found = tokenId ? await reset.questionsFor(tokenId) : undefined;
    if (!found) return invalidLink(res);
    await publicPage(res, 'auth/reset-questions', { questions: found.questions });
  });

  router.post('/lupa-kata-laluan/soalan', limit(FORM_LIMITS.resetAnswers), noStore, async (req, res) => {
    const tokenId = req.session.resetTokenId;
    const found = tokenId ? await reset.questionsFor(tokenId) : undefined;
    if (!tokenId || !found) return invalidLink(res);
    const parsed = parseGivenAnswers(req.t, req.body);
    if (!parsed.ok) {
      return publicPage(
        res,
        'auth/reset-questions',
        {
          questions: found.questions,
          errors: parsed.errors,
          values: keptValues(req.body, ['answer1', 'answer2', 'answer3']),
        },
        400,
      );
    }
    const check = await reset.checkAnswers(
      tokenId,
      found.owner,
      found.questions,
      parsed.data.given,
      requestContext(req),
    );
    if (check === 'voided') {
      delete req.session.resetTokenId;
      delete req.session.resetVerifiedTokenId;
      return invalidLink(res, 'auth.forgot.answersVoided');
    }
    if (check === 'wrong') {
      return publicPage(
        res,
        'auth/reset-questions',
        {
          questions: found.questions,
          errors: [{ text: req.t('auth.forgot.answersWrong'), href: '#reset-answers' }],
        },
        400,
      );
    }
    req.session.resetVerifiedTokenId = tokenId;
    await saveSession(req);
    res.redirect(303, '/lupa-kata-laluan/kata-laluan-baru');
  });

  /** The account whose reset link was opened and whose questions were answered right. */
  async function verifiedReset(req: Request) {
    const tokenId = req.session.resetTokenId;
    if (!tokenId || req.session.resetVerifiedTokenId !== tokenId) return undefined;
    const found = await reset.questionsFor(tokenId);
    return found ? { tokenId, owner: found.owner } : undefined;
  }

  router.get('/lupa-kata-laluan/kata-laluan-baru', noStore, async (req, res) => {
    const found = await verifiedReset(req);
    if (!found) return invalidLink(res);
    await publicPage(res, 'auth/reset-password');
  });

  router.post(
    '/lupa-kata-laluan/kata-laluan-baru',
    limit(FORM_LIMITS.resetPassword),
    noStore,
    async (req, res) => {
      const found = await verifiedReset(req);
      if (!found) return invalidLink(res);
      const { owner } = found;
      const parsed = parseNewPassword(req.t, req.body, {
        loginId: owner.login_id,
        ic: owner.ic_no,
        name: owner.name,
        email: owner.email,
      });
      if (!parsed.ok) return publicPage(res, 'auth/reset-password', { errors: parsed.errors }, 400);
      const done = await reset.complete(found.tokenId, owner, parsed.data.newPassword, requestContext(req));
      if (!done) return invalidLink(res);
      await startAnonymousSession(req, req.t('auth.forgot.done'));
      res.redirect(303, '/');
    },
  );

  return router;
}
