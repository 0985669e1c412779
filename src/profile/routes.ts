import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { requestContext, type RequestFacts } from '../core/audit.js';
import type { CurrentUser } from '../core/current-user.js';
import type { Locale } from '../core/i18n/index.js';
import type { AppDeps } from '../core/deps.js';
import { renderPage, type FieldError } from '../core/render.js';
import { requireSignedIn } from '../middleware/access.js';

import { isGeneratedPhrase, randomPhrase } from '../auth/index.js';
import {
  ANSWER_MAX,
  combine,
  keptValues,
  listSecretImages,
  listSecurityQuestions,
  normalisePassword,
  parseNewPassword,
  parseQuestions,
  parseSecret,
  PASSWORD_MAX,
  PASSWORD_MIN,
  PHRASE_MAX,
  rotateSession,
  startAnonymousSession,
  type Parsed,
} from '../accounts/index.js';
import { setFlash } from '../middleware/flash.js';
import type { ProfileService } from './service.js';

const policy = { min: PASSWORD_MIN, max: PASSWORD_MAX, phraseMax: PHRASE_MAX, answerMax: ANSWER_MAX };

/** The "Kata Laluan Semasa" field every security change carries. */
function parseCurrent(t: Request['t'], body: unknown): Parsed<{ currentPassword: string }> {
  const parsed = z
    .object({
      currentPassword: z
        .string({ error: t('profile.errors.currentRequired') })
        .min(1, t('profile.errors.currentRequired'))
        .max(PASSWORD_MAX * 4, t('profile.errors.currentWrong')),
    })
    .safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: [{ text: parsed.error.issues[0]!.message, href: '#currentPassword' }] };
}

/** The services the profile pages write through (built once, in src/services.ts). */
export interface ProfileServices {
  profile: ProfileService;
  /** The eMaklum email preference: the one implementation, shared with the eMaklum page. */
  notifications: {
    setNotifyPaymentStatus(
      user: CurrentUser,
      notify: boolean,
      locale: Locale,
      via: 'profile',
      facts: RequestFacts,
    ): Promise<void>;
  };
}

export function profileRouter(deps: AppDeps, { profile, notifications }: ProfileServices): Router {
  const { db } = deps;
  const router = Router();
  router.use(requireSignedIn);

  const page = (res: Response, view: string, locals: Record<string, unknown> = {}, status = 200) =>
    renderPage(res, view, { policy, ...locals }, { status });

  /** Checks the current password; on a wrong one shows the form again, on a lock ends the session. */
  async function current(req: Request, res: Response, rerender: (errors: FieldError[]) => Promise<void>) {
    const parsed = parseCurrent(req.t, req.body);
    if (!parsed.ok) return false;
    const check = await profile.checkCurrentPassword(
      req.currentUser!,
      parsed.data.currentPassword,
      requestContext(req),
    );
    if (check === 'ok') return true;
    if (check === 'locked') {
      // Every session of the account has ended; this browser gets a new, anonymous one.
      await startAnonymousSession(req, req.t('profile.locked'));
      res.redirect(303, '/');
      return false;
    }
    await rerender([{ text: req.t('profile.errors.currentWrong'), href: '#currentPassword' }]);
    return false;
  }

  router.get('/', async (req, res) => {
    const owner = await profile.owner(req.currentUser!);
    await page(res, 'profile/index', { owner, title: req.t('profile.title') });
  });

  router.post('/notifikasi', async (req, res) => {
    const notify = (req.body as Record<string, unknown> | undefined)?.notifyPaymentStatus === '1';
    await notifications.setNotifyPaymentStatus(
      req.currentUser!,
      notify,
      req.locale,
      'profile',
      requestContext(req),
    );
    setFlash(req, req.t('profile.done.notify'));
    res.redirect(303, '/profil');
  });

  // ------------------------------------------------------------ password

  router.get('/kata-laluan', async (req, res) => {
    await page(res, 'profile/password', { title: req.t('profile.changePassword') });
  });

  router.post('/kata-laluan', async (req, res) => {
    const user = req.currentUser!;
    const show = (errors: FieldError[]) =>
      page(res, 'profile/password', { title: req.t('profile.changePassword'), errors }, 400);
    const owner = await profile.owner(user);
    const parsed = combine(
      parseCurrent(req.t, req.body),
      parseNewPassword(req.t, req.body, {
        loginId: user.loginId,
        ic: owner?.ic_no,
        name: user.name,
        email: user.email,
      }),
    );
    if (!parsed.ok) return show(parsed.errors);
    if (!(await current(req, res, show))) return;
    if (normalisePassword(parsed.data.currentPassword) === parsed.data.newPassword) {
      return show([{ text: req.t('profile.errors.samePassword'), href: '#newPassword' }]);
    }
    await profile.changePassword(user, parsed.data.newPassword, req.sessionID, requestContext(req));
    await rotateSession(req, req.t('profile.done.password'));
    res.redirect(303, '/profil');
  });

  // ------------------------------------------------------------ security questions

  router.get('/soalan', async (req, res) => {
    const questions = await listSecurityQuestions(db);
    await page(res, 'profile/questions', { title: req.t('profile.changeQuestions'), questions });
  });

  router.post('/soalan', async (req, res) => {
    const user = req.currentUser!;
    const questions = await listSecurityQuestions(db);
    const values = keptValues(req.body, [
      'question1',
      'answer1',
      'question2',
      'answer2',
      'question3',
      'answer3',
    ]);
    const show = (errors: FieldError[]) =>
      page(
        res,
        'profile/questions',
        { title: req.t('profile.changeQuestions'), questions, errors, values },
        400,
      );
    const parsed = combine(
      parseCurrent(req.t, req.body),
      parseQuestions(
        req.t,
        req.body,
        questions.map((q) => q.id),
      ),
    );
    if (!parsed.ok) return show(parsed.errors);
    if (!(await current(req, res, show))) return;
    await profile.changeQuestions(user, parsed.data.answers, requestContext(req));
    setFlash(req, req.t('profile.done.questions'));
    res.redirect(303, '/profil');
  });

  // ------------------------------------------------------------ phrase and image

  router.get('/frasa', async (req, res) => {
    const [owner, images] = await Promise.all([profile.owner(req.currentUser!), listSecretImages(db)]);
    // A phrase the user typed themselves is replaced by a generated one as the default: generated
    // phrases cannot be told from decoys (issue 11, item 4); the user may still type their own.
    const current = owner?.secret_phrase ?? '';
    const phrase = isGeneratedPhrase(current) ? current : randomPhrase(images.length).phrase;
    const values = { phrase, image: String(owner?.secret_image_id ?? '') };
    await page(res, 'profile/secret', { title: req.t('profile.changeSecret'), images, values });
  });

  router.post('/frasa', async (req, res) => {
    const user = req.currentUser!;
    const images = await listSecretImages(db);
    const values = keptValues(req.body, ['image', 'phrase']);
    const show = (errors: FieldError[]) =>
      page(res, 'profile/secret', { title: req.t('profile.changeSecret'), images, errors, values }, 400);
    const parsed = combine(
      parseCurrent(req.t, req.body),
      parseSecret(
        req.t,
        req.body,
        images.map((i) => i.id),
      ),
    );
    if (!parsed.ok) return show(parsed.errors);
    if (!(await current(req, res, show))) return;
    await profile.changeSecret(user, parsed.data.imageId, parsed.data.phrase, requestContext(req));
    setFlash(req, req.t('profile.done.secret'));
    res.redirect(303, '/profil');
  });

  return router;
}
