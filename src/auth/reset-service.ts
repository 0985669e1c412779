import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { hashSecret, verifySecret } from '../core/passwords.js';
import { hitRateLimit } from '../core/rate-limit-counter.js';
import {
  accountAnswers,
  countFailure,
  endOtherSessions,
  findAccountOwner,
  findAccountOwnerByLoginId,
  isLocked,
  MAX_FAILURES,
  resetLinkEmail,
  securityChangeEmail,
  setPassword,
  voidResetTokens,
  type AccountOwner,
  type RequestFacts,
  type StoredAnswer,
} from '../accounts/index.js';
import { createResetToken, findUsableResetToken, useResetToken } from './reset-queries.js';

export const RESET_TOKEN_MINUTES = 60;
/** Reset emails one account may receive per hour (stops a stranger flooding a mailbox). */
const RESET_EMAILS_PER_HOUR = 5;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export type AnswerCheck = 'ok' | 'wrong' | 'voided';

/**
 * Lupa Kata Laluan (DESIGN 1.4): ID + registered email → an emailed single-use link (random,
 * stored as a SHA-256 hash, one hour) → the three security questions → a new password.
 */
export class ResetService {
  constructor(
    private readonly db: Knex,
    private readonly config: Config,
    private readonly logger?: Logger,
  ) {}

  /**
   * Runs `request` after the caller has answered: every branch then answers in the same time
   * (the link goes out through the outbox as before). A failure is logged; the user, who was told
   * "if it matches, a link was sent", simply asks again, as for a lost email.
   */
  requestInBackground(loginId: string, email: string, facts: RequestFacts): void {
    this.request(loginId, email, facts).catch((err: unknown) =>
      this.logger?.error({ err }, 'password reset request failed'),
    );
  }

  /** Always the same outcome for the caller; an email goes out only on a full match. */
  async request(loginId: string, email: string, facts: RequestFacts): Promise<void> {
    const owner = await findAccountOwnerByLoginId(this.db, loginId);
    const matched =
      owner?.status === 'active' && !!owner.email && owner.email.toLowerCase() === email.toLowerCase();
    if (!owner || !matched) {
      await writeAudit(this.db, {
        action: 'password_reset.requested',
        subjectAccountId: owner?.id ?? null,
        details: { matched: false, ...(owner ? {} : { loginId }) },
        ...facts,
      });
      return;
    }
    const { count } = await hitRateLimit(this.db, `reset-email:account:${owner.id}`, 3600);
    if (count > RESET_EMAILS_PER_HOUR) {
      await writeAudit(this.db, {
        action: 'password_reset.requested',
        subjectAccountId: owner.id,
        details: { matched: true, sent: false, reason: 'too_many' },
        ...facts,
      });
      return;
    }
    const token = randomBytes(32).toString('base64url');
    // In the query string: the request log keeps only the path, so the token is never logged.
    const link = `${this.config.baseUrl}/lupa-kata-laluan/pautan?token=${token}`;
    await this.db.transaction(async (trx) => {
      await createResetToken(trx, owner.id, hashToken(token), RESET_TOKEN_MINUTES);
      await enqueueEmail(trx, {
        accountId: owner.id,
        kind: 'password_reset_link',
        to: owner.email!,
        ...resetLinkEmail({ link, helpdesk: this.config.HELPDESK_EMAIL }),
      });
      await writeAudit(trx, {
        action: 'password_reset.requested',
        subjectAccountId: owner.id,
        details: { matched: true, sent: true },
        ...facts,
      });
    });
  }

  /** The token's row ID when the link is still good. */
  async openLink(token: string): Promise<number | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    return (await findUsableResetToken(this.db, { tokenHash: hashToken(token) }))?.id;
  }

  /** The token's row ID when it is still unused and unexpired. */
  async stillUsable(tokenId: number): Promise<number | undefined> {
    return (await findUsableResetToken(this.db, { id: tokenId }))?.id;
  }

  /** The account and its three questions for a still-usable token. */
  async questionsFor(
    tokenId: number,
  ): Promise<{ owner: AccountOwner; questions: StoredAnswer[] } | undefined> {
    const token = await findUsableResetToken(this.db, { id: tokenId });
    if (!token) return undefined;
    const owner = await findAccountOwner(this.db, token.account_id);
    const questions = await accountAnswers(this.db, token.account_id);
    if (!owner || questions.length !== 3) return undefined;
    return { owner, questions };
  }

  /**
   * Checks all three answers (always all three, so the work is the same whichever is wrong).
   * A wrong set counts toward the lockout; when the account is (or becomes) locked, the link is
   * voided and a new one must be asked for. The answer never says which one was wrong.
   */
  async checkAnswers(
    tokenId: number,
    owner: AccountOwner,
    questions: StoredAnswer[],
    given: string[],
    facts: RequestFacts,
  ): Promise<AnswerCheck> {
    // Each link allows MAX_FAILURES answer sets, claimed atomically before any verification, so
    // a burst of concurrent posts on one link cannot have more checked than a series could.
    const claim = await hitRateLimit(this.db, `reset-answers:token:${tokenId}`, RESET_TOKEN_MINUTES * 60);
    if (claim.count > MAX_FAILURES) {
      await writeAudit(this.db, {
        action: 'password_reset.answers_failed',
        subjectAccountId: owner.id,
        details: { tokenId, verified: false },
        ...facts,
      });
      await voidResetTokens(this.db, owner.id);
      return 'voided';
    }
    let allRight = true;
    for (let i = 0; i < questions.length; i++) {
      const ok = await verifySecret(questions[i]!.answer_hash, given[i] ?? '');
      allRight &&= ok;
    }
    if (allRight) {
      await writeAudit(this.db, {
        action: 'password_reset.answers_ok',
        subjectAccountId: owner.id,
        details: { tokenId },
        ...facts,
      });
      return 'ok';
    }
    await writeAudit(this.db, {
      action: 'password_reset.answers_failed',
      subjectAccountId: owner.id,
      details: { tokenId, verified: true },
      ...facts,
    });
    const wasLocked = isLocked(owner.locked_until);
    const outcome = wasLocked ? undefined : await countFailure(this.db, this.config, owner.id, facts);
    if (wasLocked || outcome?.justLocked) {
      await voidResetTokens(this.db, owner.id);
      return 'voided';
    }
    return 'wrong';
  }

  /**
   * Sets the new password, uses up the token, clears any lock, ends every session of the
   * account and emails the owner: all in one transaction. False when the token is no longer good.
   */
  async complete(
    tokenId: number,
    owner: AccountOwner,
    newPassword: string,
    facts: RequestFacts,
  ): Promise<boolean> {
    const hash = await hashSecret(newPassword);
    return this.db.transaction(async (trx) => {
      if (!(await useResetToken(trx, tokenId))) return false;
      await setPassword(trx, owner.id, hash, true);
      const ended = await endOtherSessions(trx, owner.id);
      await writeAudit(trx, {
        action: 'password_reset.completed',
        actorAccountId: owner.id,
        subjectAccountId: owner.id,
        details: { tokenId, sessionsEnded: ended },
        ...facts,
      });
      if (owner.email) {
        await enqueueEmail(trx, {
          accountId: owner.id,
          kind: 'password_reset_done',
          to: owner.email,
          ...securityChangeEmail({
            change: 'passwordReset',
            loginUrl: `${this.config.baseUrl}/`,
            helpdesk: this.config.HELPDESK_EMAIL,
          }),
        });
      }
      return true;
    });
  }
}
