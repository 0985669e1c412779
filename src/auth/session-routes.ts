import type { Router } from 'express';
import type { Config } from '../core/config.js';
import type { Clock } from '../core/deps.js';
import { requireSignedIn } from '../middleware/access.js';
import { saveSession } from '../accounts/index.js';

/** Seconds until the signed-in session ends: the idle timeout, or the absolute one if sooner. */
export function sessionSecondsLeft(
  s: { loginAt?: number; lastSeenAt?: number },
  config: Config,
  now = Date.now(),
): number {
  const idleEnd = (s.lastSeenAt ?? 0) + config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteEnd = (s.loginAt ?? 0) + config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  return Math.max(0, Math.floor((Math.min(idleEnd, absoluteEnd) - now) / 1000));
}

/**
 * "Kekal log masuk" (issue 14 item 3, WCAG 2.2.1): the warning dialog of public/js/session-timeout.js
 * posts here (with the CSRF token) to renew the idle timeout without leaving the page, so what the
 * user typed stays. The answer is how many seconds the session now has.
 */
export function mountSessionRenewal(router: Router, config: Config, clock: Clock): void {
  router.post('/sesi/lanjut', requireSignedIn, async (req, res) => {
    const now = clock.now();
    req.session.lastSeenAt = now;
    await saveSession(req);
    res.set('Cache-Control', 'no-store').json({ seconds: sessionSecondsLeft(req.session, config, now) });
  });
}
