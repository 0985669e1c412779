import { Router } from 'express';
import type { AppDeps } from './core/deps.js';

/**
 * The benchmark's ceiling (issue 7, docs/benchmarks.md): a bare route of this same app that runs
 * one small query and renders a tiny EJS page, behind every middleware a portal page has. It
 * exists only when BENCH_CEILING_ROUTE=1 (the benchmark sets it); it shows nothing personal.
 */
export function benchCeilingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BENCH_CEILING_ROUTE === '1';
}

export function benchRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/ceiling', async (_req, res) => {
    const row = await deps.db('departments').orderBy('id').first<{ code: string } | undefined>('code');
    res.render('bench/ceiling', { code: row?.code ?? '-' });
  });
  return router;
}
