import type { Session, SessionData } from 'express-session';
import { LOCK_MINUTES, MAX_FAILURES } from '../accounts/index.js';

/**
 * Which failure message step 2 shows. The account's lock state never decides it: a page that said
 * "locked" for a locked account whatever was typed would tell a stranger that the ID exists. So
 * the lock is told to the browser session that made the failed attempts for this ID itself (from
 * the attempt after the fifth, within a lock window), the same for a real and an unknown ID; the
 * owner of a real account is also emailed at the moment of the lock, with the way out.
 */
export function noteLoginFailure(
  session: Session & Partial<SessionData>,
  loginId: string,
): 'failed' | 'locked' {
  const now = Date.now();
  const previous = session.loginFailures;
  const fresh = !previous || previous.loginId !== loginId || now - previous.lastAt > LOCK_MINUTES * 60_000;
  const count = fresh ? 1 : previous.count + 1;
  session.loginFailures = { loginId, count, lastAt: now };
  return count > MAX_FAILURES ? 'locked' : 'failed';
}
