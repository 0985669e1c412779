import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import { dummySecretHash, verifySecret } from '../core/passwords.js';
import { decoyFor } from './decoy.js';
import { findLoginAccount, listSecretImages, recordSuccessfulLogin, type SecretImage } from './queries.js';

export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

/** What step 2 shows: the same shape for a real account and a decoy. */
export interface LoginChallenge {
  loginId: string;
  phrase: string | null;
  image: SecretImage | null;
  /** An account still waiting for activation: no phrase, and a hint to use the temporary password. */
  pending: boolean;
}

export type LoginResult =
  | { ok: true; accountId: number; mustActivate: boolean }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

/** IC numbers lose their dashes and spaces; company IDs are upper case. */
export function normaliseLoginId(raw: string): string {
  const trimmed = raw.trim().toUpperCase();
  const digitsOnly = trimmed.replace(/[-\s]/g, '');
  return /^\d{12}$/.test(digitsOnly) ? digitsOnly : trimmed.replace(/\s/g, '');
}

export class LoginService {
  constructor(
    private readonly db: Knex,
    private readonly decoySecret: string,
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
    const decoy = decoyFor(loginId, this.decoySecret, images.length);
    return { loginId, phrase: decoy.phrase, image: images[decoy.imageIndex] ?? null, pending: false };
  }

  /** Checks the password: exactly one argon2 verification whatever the ID. */
  async verify(loginId: string, password: string, facts: RequestFacts): Promise<LoginResult> {
    const account = await findLoginAccount(this.db, loginId);
    if (!account || account.status === 'disabled') {
      await verifySecret(await dummySecretHash(), password);
      await writeAudit(this.db, {
        action: 'login.failed',
        details: { loginId, reason: 'unknown' },
        ...facts,
      });
      return { ok: false, reason: 'invalid' };
    }
    const usingTemporary = account.status === 'pending';
    const hash = usingTemporary ? account.temp_password_hash : account.password_hash;
    const expired =
      usingTemporary && (!account.temp_password_expires_at || account.temp_password_expires_at < new Date());
    const matches = await verifySecret(hash ?? (await dummySecretHash()), password);
    if (!matches || !hash || expired) {
      await writeAudit(this.db, {
        action: 'login.failed',
        subjectAccountId: account.id,
        details: { reason: expired ? 'temporary_expired' : 'password' },
        ...facts,
      });
      return { ok: false, reason: 'invalid' };
    }
    await recordSuccessfulLogin(this.db, account.id);
    await writeAudit(this.db, {
      action: 'login.ok',
      actorAccountId: account.id,
      subjectAccountId: account.id,
      details: { temporary: usingTemporary },
      ...facts,
    });
    return { ok: true, accountId: account.id, mustActivate: usingTemporary };
  }
}
