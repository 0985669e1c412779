import type { Locale, Translate } from '../core/i18n/index.js';
import type { CurrentUser } from '../core/current-user.js';

declare module 'express-session' {
  interface SessionData {
    accountId?: number;
    /** Epoch ms of the login, for the absolute timeout. */
    loginAt?: number;
    /** Epoch ms of the last request, for the idle timeout (written at most once a minute). */
    lastSeenAt?: number;
    /** ID typed at login step 1, carried to step 2. */
    loginId?: string;
    /** One-shot notice shown on the next page. */
    flash?: string;
    /** Set after activation so that the first dashboard says "Pendaftaran telah berjaya". */
    passwordResetAccountId?: number;
    /** A temporary-password login: this session may reach the activation page only (no accountId). */
    activationAccountId?: number;
    /** Which temporary password opened the activation (a fingerprint of its hash). */
    activationStamp?: string;
    /** A same-site path asked for before login, where the user goes after it. */
    returnTo?: string;
    /** Forgot password: the reset token opened from the emailed link (its row ID, never the token). */
    resetTokenId?: number;
    /** Forgot password: the token whose security questions were answered right. */
    resetVerifiedTokenId?: number;
    /** Log Masuk: this browser's own failed attempts for one ID (decides when to say "locked"). */
    loginFailures?: { loginId: string; count: number; lastAt: number };
    /** A reset link opened while signed in: its token row ID, waiting for the user to confirm. */
    pendingResetTokenId?: number;
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    currentUser?: CurrentUser;
    locale: Locale;
    t: Translate;
  }
}

export {};
