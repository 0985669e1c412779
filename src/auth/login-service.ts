import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { dummySecretHash, verifySecret } from '../core/passwords.js';
import { decoyFor } from './decoy.js';
import {
  announceLock,
  claimPasswordAttempt,
  listSecretImages,
  normalisePassword,
  type RequestFacts,
  type SecretImage,
} from '../accounts/index.js';
import { findLoginAccount, recordSuccessfulLogin } from './queries.js';

/** What step 2 shows: the same shape for a real account and a decoy. */
export interface LoginChallenge {
  loginId: string;
  phrase: string | null;
  image: SecretImage | null;
  /** An account still waiting for activation: no phrase, and a hint to use the temporary password. */
  pending: boolean;
}

export type LoginResult =
  | {
      ok: true;
      accountId: number;
      mustActivate: boolean;
      firstLogin: boolean;
      /** For a temporary-password login: which temporary password opened the activation. */
      temporaryStamp?: string;
    }
  | { ok: false; reason: LoginRefusal };

/**
 * Why a login was refused. 'temporaryExpired' and 'temporaryReplaced' are told only to whoever
 * typed that very temporary password right, so they tell a stranger nothing (issue 14 item 1).
 */
export type LoginRefusal = 'invalid' | 'temporaryExpired' | 'temporaryReplaced';

/** A short fingerprint of a temporary password's hash, kept in the activation session. */
export function temporaryStamp(hash: string): string {
  return createHash('sha256').update(hash).digest('hex').slice(0, 32);
}

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
   * Checks the password: exactly one argon2 verification whatever the ID (two for a wrong
   * password of a pending account whose temporary password was re-issued), so neither the answer
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
    if (!matches || !hash) {
      if (usingTemporary && (await this.replacedTemporary(account.previous_temp_password_hash, password))) {
        await fail('temporary_replaced');
        return { ok: false, reason: 'temporaryReplaced' };
      }
      return fail(usingTemporary && !hash ? 'temporary_used_or_missing' : 'password');
    }
    if (expired) {
      await fail('temporary_expired');
      return { ok: false, reason: 'temporaryExpired' };
    }
    // The temporary password stays valid until activation completes or it expires: an interrupted
    // activation is resumed by logging in with it again (activateAccount is what uses it up).
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
      temporaryStamp: usingTemporary ? temporaryStamp(hash) : undefined,
    };
  }

  /**
   * Whether a wrong password for a pending account is the temporary password a newer one
   * replaced. A second argon2 verification only when there is a replaced one: the time then
   * tells only that a pending account (which step 2 shows as pending to anyone) was re-issued.
   */
  private async replacedTemporary(previousHash: string | null, password: string): Promise<boolean> {
    return previousHash !== null && (await verifySecret(previousHash, password));
  }
}
