import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { dummySecretHash, verifySecret } from '../core/passwords.js';
import { decoyFor } from './decoy.js';
import { announceLock, claimPasswordAttempt, type RequestFacts } from './lockout.js';
import { normalisePassword } from './password-policy.js';
import {
  consumeTemporaryPassword,
  findLoginAccount,
  listSecretImages,
  recordSuccessfulLogin,
  type SecretImage,
} from './queries.js';

export type { RequestFacts } from './lockout.js';

/** What step 2 shows: the same shape for a real account and a decoy. */
export interface LoginChallenge {
  loginId: string;
  phrase: string | null;
  image: SecretImage | null;
  /** An account still waiting for activation: no phrase, and a hint to use the temporary password. */
  pending: boolean;
}

export type LoginResult =
  | { ok: true; accountId: number; mustActivate: boolean; firstLogin: boolean }
  | { ok: false; reason: 'invalid' };

/** IC numbers lose their dashes and spaces; company IDs are upper case. */
export function normaliseLoginId(raw: string): string {
  const trimmed = raw.trim().toUpperCase();
  const digitsOnly = trimmed.replace(/[-\s]/g, '');
  return /^\d{12}$/.test(digitsOnly) ? digitsOnly : trimmed.replace(/\s/g, '');
}

export class LoginService {
  constructor(
    private readonly db: Knex,
    private readonly config: Config,
  ) {}

  async challenge(loginId: string): Promise<LoginChallenge> {
    const [account, images] = await Promise.all([
      findLoginAccount(this.db, loginId),
      listSecretImages(this.db),
    ]);
    if (account && account.status === 'pending') return { loginId, phrase: null, image: null, pending: true };
    if (account && account.secret_phrase && account.image_slug) {
      const image = images.find((i) => i.slug === account.image_slug) ?? null;
      return { loginId, phrase: account.secret_phrase, image, pending: false };
    }
    const decoy = decoyFor(loginId, this.config.decoySecret, images.length);
    return { loginId, phrase: decoy.phrase, image: images[decoy.imageIndex] ?? null, pending: false };
  }

  /**
   * Checks the password: exactly one argon2 verification whatever the ID, so neither the answer
   * nor the time tells whether an account exists. The attempt is claimed in the database before
   * the verification (claimPasswordAttempt): a locked account, or one whose allowance concurrent
   * requests have spent, is not verified at all (a dummy verification keeps the time) and gets
   * the same answer as a wrong password, so the lock is no oracle for the password.
   */
  async verify(loginId: string, rawPassword: string, facts: RequestFacts): Promise<LoginResult> {
    const password = normalisePassword(rawPassword);
    const account = await findLoginAccount(this.db, loginId);
    if (!account || account.status === 'disabled') {
      await verifySecret(await dummySecretHash(), password);
      await writeAudit(this.db, {
        action: 'login.failed',
        subjectAccountId: account?.id ?? null,
        details: { loginId, reason: account ? 'disabled' : 'unknown' },
        ...facts,
      });
      return { ok: false, reason: 'invalid' };
    }
    const usingTemporary = account.status === 'pending';
    const claim = await claimPasswordAttempt(this.db, account.id);
    if (!claim.counted) {
      await verifySecret(await dummySecretHash(), password);
      await writeAudit(this.db, {
        action: 'login.failed',
        subjectAccountId: account.id,
        details: { reason: 'locked', verified: false, temporary: usingTemporary },
        ...facts,
      });
      return { ok: false, reason: 'invalid' };
    }
    const hash = usingTemporary ? account.temp_password_hash : account.password_hash;
    const expired =
      usingTemporary && (!account.temp_password_expires_at || account.temp_password_expires_at <= new Date());
    const matches = await verifySecret(hash ?? (await dummySecretHash()), password);

    // The claim already counted this attempt; a failure only records why (and announces the lock
    // when this claim was the one that set it).
    const fail = async (reason: string): Promise<LoginResult> => {
      await this.db.transaction(async (trx) => {
        await writeAudit(trx, {
          action: 'login.failed',
          subjectAccountId: account.id,
          details: { reason, verified: true, temporary: usingTemporary },
          ...facts,
        });
        if (claim.justLocked) await announceLock(trx, this.config, account.id, claim, facts);
      });
      return { ok: false, reason: 'invalid' };
    };
    if (!matches || !hash) return fail(usingTemporary && !hash ? 'temporary_used_or_missing' : 'password');
    if (expired) return fail('temporary_expired');
    // A temporary password is single use: only the request that clears it may go on.
    if (usingTemporary && !(await consumeTemporaryPassword(this.db, account.id, hash))) {
      return fail('temporary_used_or_missing');
    }
    await recordSuccessfulLogin(this.db, account.id, {
      action: 'login.ok',
      actorAccountId: account.id,
      subjectAccountId: account.id,
      details: { temporary: usingTemporary },
      ...facts,
    });
    return {
      ok: true,
      accountId: account.id,
      mustActivate: usingTemporary,
      firstLogin: account.show_welcome,
    };
  }
}
