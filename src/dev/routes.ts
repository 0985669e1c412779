import { Router } from 'express';
import type { AppDeps } from '../core/deps.js';
import { renderPage } from '../core/render.js';

/** Development only (never mounted in production): the caught-mail inbox of the local SMTP catcher. */
export function devRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/mailbox', async (_req, res) => {
    const messages = [...(deps.devMailbox?.messages ?? [])].reverse();
    await renderPage(res, 'dev/mailbox', { messages, title: 'Mailbox' }, { layout: 'bare' });
  });
  return router;
}
