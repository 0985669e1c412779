import { Router } from 'express';
import type { AppDeps } from '../core/deps.js';
import { requireSignedIn } from '../middleware/access.js';

export function dashboardRouter(_deps: AppDeps): Router {
  const router = Router();
  router.use(requireSignedIn);
  return router;
}
