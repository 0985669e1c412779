import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { requestContext } from '../core/audit.js';
import type { AppDeps } from '../core/deps.js';
import { fieldErrors, renderPage } from '../core/render.js';
import { LoginService, normaliseLoginId } from './login-service.js';
import { endSession, startSignedInSession } from './session-control.js';

const loginIdSchema = (t: Request['t']) =>
  z.object({
    loginId: z
      .string({ error: t('auth.login.errors.idRequired') })
      .trim()
      .min(1, t('auth.login.errors.idRequired'))
      .max(30, t('auth.login.errors.idInvalid'))
      .transform(normaliseLoginId)
      .refine((v) => /^\d{12}$/.test(v) || /^[0-9A-Z-]{4,20}$/.test(v), t('auth.login.errors.idInvalid')),
  });

const passwordSchema = (t: Request['t']) =>
  z.object({
    password: z
      .string({ error: t('auth.login.errors.passwordRequired') })
      .min(1, t('auth.login.errors.passwordRequired'))
      .max(128, t('auth.login.errors.failed')),
  });

export function authRouter(deps: AppDeps): Router {
  const router = Router();
  const login = new LoginService(deps.db, deps.config.decoySecret);

  const showStep1 = (res: Response, locals: Record<string, unknown> = {}, status = 200) =>
    renderPage(res, 'auth/login', locals, { status, layout: 'public' });

  router.get('/', async (req, res) => {
    if (req.currentUser) return res.redirect(303, '/laman-utama');
    await showStep1(res);
  });

  // Step 1: the ID → the account's secret phrase and image (or a decoy of the same shape).
  router.post('/log-masuk', async (req, res) => {
    const parsed = loginIdSchema(req.t).safeParse(req.body);
    if (!parsed.success) {
      return showStep1(
        res,
        {
          errors: fieldErrors(parsed.error.issues),
          values: { loginId: String(req.body?.loginId ?? '').slice(0, 30) },
        },
        400,
      );
    }
    const challenge = await login.challenge(parsed.data.loginId);
    req.session.loginId = parsed.data.loginId;
    await renderPage(res, 'auth/login-password', { challenge }, { layout: 'public' });
  });

  // Step 2: the password.
  router.post('/log-masuk/kata-laluan', async (req, res) => {
    const loginId = req.session.loginId;
    if (!loginId) return res.redirect(303, '/');
    const parsed = passwordSchema(req.t).safeParse(req.body);
    const challenge = await login.challenge(loginId);
    if (!parsed.success) {
      return renderPage(
        res,
        'auth/login-password',
        { challenge, errors: fieldErrors(parsed.error.issues) },
        { status: 400, layout: 'public' },
      );
    }
    const result = await login.verify(loginId, parsed.data.password, requestContext(req));
    if (!result.ok) {
      const message =
        result.reason === 'locked' ? req.t('auth.login.errors.locked') : req.t('auth.login.errors.failed');
      return renderPage(
        res,
        'auth/login-password',
        { challenge, errors: [{ text: message, href: '#password' }] },
        { status: 401, layout: 'public' },
      );
    }
    if (result.mustActivate) {
      await startSignedInSession(req, result.accountId);
      // The account is pending: the session may only reach the activation page.
      delete req.session.accountId;
      (req.session as unknown as Record<string, unknown>).activationAccountId = result.accountId;
      return res.redirect(303, '/pengaktifan');
    }
    await startSignedInSession(req, result.accountId);
    res.redirect(303, '/laman-utama');
  });

  router.post('/log-keluar', async (req, res) => {
    await endSession(req);
    res.clearCookie('ispeks.sid');
    res.redirect(303, '/');
  });

  router.get('/sesi-tamat', async (_req, res) => {
    await renderPage(res, 'auth/session-ended', {}, { layout: 'public' });
  });

  return router;
}
