import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { perLocale } from '../core/i18n/index.js';
import { requestContext, writeAudit } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { formatDateTime } from '../core/format.js';
import { fieldErrors, renderPage, type FieldError } from '../core/render.js';
import { hitRateLimit, rateLimit } from '../middleware/rate-limit.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { ActivationService } from './activation-service.js';
import { FirstTimeService, isGovernmentEmail } from './first-time-service.js';
import {
  combine,
  keptValues,
  parseGivenAnswers,
  parseNewPassword,
  parseQuestions,
  parseSecret,
  PHRASE_MAX,
  ANSWER_MAX,
} from './forms.js';
import { parseIdNumber } from './id-number.js';
import { noteLoginFailure } from './login-failures.js';
import { LoginService, normaliseLoginId } from './login-service.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-policy.js';
import { listSecretImages, listSecurityQuestions, type AccountOwner } from './queries.js';
import { mountResetLinkRoutes } from './reset-link-routes.js';
import { ResetService } from './reset-service.js';
import {
  endSession,
  saveSession,
  startActivationSession,
  startAnonymousSession,
  startSignedInSession,
} from './session-control.js';
import { randomPhrase } from './phrase/generator.js';

/** Per-IP limits of the public forms (generous: a whole department may share one address). */
export const FORM_LIMITS = {
  loginId: { name: 'login-id', max: 200, windowSeconds: 15 * 60 },
  loginPassword: { name: 'login-password', max: 100, windowSeconds: 15 * 60 },
  firstTime: { name: 'first-time', max: 50, windowSeconds: 60 * 60 },
  activation: { name: 'activation', max: 50, windowSeconds: 15 * 60 },
  forgot: { name: 'forgot', max: 50, windowSeconds: 60 * 60 },
  resetAnswers: { name: 'reset-answers', max: 50, windowSeconds: 15 * 60 },
  resetPassword: { name: 'reset-password', max: 50, windowSeconds: 15 * 60 },
} as const;

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

/** Pages with forms and personal details are never cached (the CSRF token is in them too). */
function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set('Cache-Control', 'no-store');
  next();
}

export function authRouter(deps: AppDeps): Router {
  const { db, config } = deps;
  const router = Router();
  const login = new LoginService(db, config);
  const firstTime = new FirstTimeService(db, config);
  const activation = new ActivationService(db, config);
  const reset = new ResetService(db, config, deps.logger);
  const limit = (l: (typeof FORM_LIMITS)[keyof typeof FORM_LIMITS]) => rateLimit(db, l);
  const policy = { min: PASSWORD_MIN, max: PASSWORD_MAX, phraseMax: PHRASE_MAX, answerMax: ANSWER_MAX };
  const publicPage = (res: Response, view: string, locals: Record<string, unknown> = {}, status = 200) =>
    renderPage(res, view, { policy, ...locals }, { status, layout: 'public' });

  // ------------------------------------------------------------ Log Masuk, step 1: the ID

  router.get('/', noStore, async (req, res) => {
    if (req.currentUser) return res.redirect(303, '/laman-utama');
    await publicPage(res, 'auth/login');
  });

  router.post('/log-masuk', limit(FORM_LIMITS.loginId), noStore, async (req, res) => {
    const parsed = loginIdSchema(req.locale).safeParse(req.body);
    if (!parsed.success) {
      return publicPage(
        res,
        'auth/login',
        { errors: fieldErrors(parsed.error.issues), values: keptValues(req.body, ['loginId']) },
        400,
      );
    }
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
      const message = req.t(
        noteLoginFailure(req.session, loginId) === 'locked'
          ? 'auth.login.errors.locked'
          : 'auth.login.errors.failed',
      );
      return publicPage(
        res,
        'auth/login-password',
        { challenge: await login.challenge(loginId), errors: [{ text: message, href: '#password' }] },
        401,
      );
    }
    if (result.mustActivate) {
      // The account is pending: this session may only reach the activation page.
      await startActivationSession(req, result.accountId);
      return res.redirect(303, '/pengaktifan');
    }
    await startSignedInSession(
      req,
      result.accountId,
      result.firstLogin ? req.t('auth.activation.welcome') : undefined,
    );
    res.redirect(303, '/laman-utama');
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
    await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/');
  });

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
    const perPair = await hitRateLimit(db, `first-time:pair:${pair}`, 3600);
    if (perPair.count > FIRST_TIME_PER_PAIR_PER_HOUR) {
      const minutes = Math.max(1, Math.ceil((perPair.resetAt.getTime() - Date.now()) / 60_000));
      res.set('Retry-After', String(minutes * 60));
      return renderPage(res, 'errors/rate-limited', { minutes }, { status: 429, layout: 'public' });
    }
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

  // ------------------------------------------------------------ Activation

  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;

  /** The pending account of a temporary-password session; otherwise answers the request itself. */
  async function activationOwner(req: Request, res: Response): Promise<AccountOwner | undefined> {
    const s = req.session;
    const accountId = s.activationAccountId;
    if (!accountId) {
      res.redirect(303, '/');
      return undefined;
    }
    const now = Date.now();
    if (now - (s.loginAt ?? 0) > absoluteMs || now - (s.lastSeenAt ?? 0) > idleMs) {
      await endSession(req);
      res.clearCookie(SESSION_COOKIE);
      res.redirect(303, '/sesi-tamat');
      return undefined;
    }
    s.lastSeenAt = now;
    const owner = await activation.pendingAccount(accountId);
    if (!owner) {
      await endSession(req);
      res.clearCookie(SESSION_COOKIE);
      res.redirect(303, '/');
      return undefined;
    }
    return owner;
  }

  async function secretChoices() {
    const [questions, images] = await Promise.all([listSecurityQuestions(db), listSecretImages(db)]);
    return { questions, images };
  }

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

  router.get('/pengaktifan', noStore, async (req, res) => {
    const owner = await activationOwner(req, res);
    if (!owner) return;
    const choices = await secretChoices();
    // The default phrase and image come from the generator that makes decoys (issue 11, item 4):
    // a user who keeps them looks exactly like a decoy to anyone without DECOY_SECRET.
    const offered = randomPhrase(choices.images.length);
    const values = { phrase: offered.phrase, image: String(choices.images[offered.imageIndex]?.id ?? '') };
    await publicPage(res, 'auth/activation', { owner, ...choices, values });
  });

  router.post('/pengaktifan', limit(FORM_LIMITS.activation), noStore, async (req, res) => {
    const owner = await activationOwner(req, res);
    if (!owner) return;
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
    const done = await activation.activate(owner, parsed.data, requestContext(req));
    // Activated (or already activated by a second submit): a new session; the user logs in again.
    await startAnonymousSession(req, done ? req.t('auth.activation.done') : undefined);
    res.redirect(303, '/');
  });

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
