import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import type { CurrentUser } from '../core/current-user.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { dummySecretHash, hashSecret, verifySecret } from '../core/passwords.js';
import {
  countFailure,
  endOtherSessions,
  findAccountOwner,
  hashAnswers,
  normalisePassword,
  replaceAnswers,
  securityChangeEmail,
  setPassword,
  setSecret,
  type AccountOwner,
  type ChosenAnswer,
  type RequestFacts,
  type SecurityChange,
} from '../accounts/index.js';

export type CurrentCheck = 'ok' | 'wrong' | 'locked';

/**
 * The signed-in user's own security settings (DESIGN 1.10). Every change needs the current
 * password, is written with its audit row and the confirmation email in one transaction.
 */
export class ProfileService {
  constructor(
    private readonly db: Knex,
    private readonly config: Config,
  ) {}

  owner(user: CurrentUser): Promise<AccountOwner | undefined> {
    return findAccountOwner(this.db, user.accountId);
  }

  /** One argon2 verification; a wrong password counts toward the lockout like a wrong login. */
  async checkCurrentPassword(
    user: CurrentUser,
    password: string,
    facts: RequestFacts,
  ): Promise<CurrentCheck> {
    const owner = await this.owner(user);
    const ok = await verifySecret(
      owner?.password_hash ?? (await dummySecretHash()),
      normalisePassword(password),
    );
    if (ok && owner?.password_hash) return 'ok';
    await writeAudit(this.db, {
      action: 'profile.password_check_failed',
      actorAccountId: user.accountId,
      subjectAccountId: user.accountId,
      ...facts,
    });
    const outcome = await countFailure(this.db, this.config, user.accountId, facts);
    if (outcome.justLocked) {
      // Locked: every session of the account ends, this one too.
      await endOtherSessions(this.db, user.accountId);
      return 'locked';
    }
    return 'wrong';
  }

  private async confirm(
    trx: Knex.Transaction,
    user: CurrentUser,
    change: SecurityChange,
    action: string,
    facts: RequestFacts,
    details: Record<string, unknown> = {},
  ) {
    await writeAudit(trx, {
      action,
      actorAccountId: user.accountId,
      subjectAccountId: user.accountId,
      details: { via: 'profile', ...details },
      ...facts,
    });
    if (user.email) {
      await enqueueEmail(trx, {
        accountId: user.accountId,
        kind: `${change}_changed`,
        to: user.email,
        ...securityChangeEmail({
          change,
          loginUrl: `${this.config.baseUrl}/`,
          helpdesk: this.config.HELPDESK_EMAIL,
        }),
      });
    }
  }

  /** New password; the account's other sessions end (this one is kept, under a new ID by the caller). */
  async changePassword(
    user: CurrentUser,
    newPassword: string,
    keepSid: string,
    facts: RequestFacts,
  ): Promise<void> {
    const hash = await hashSecret(newPassword);
    await this.db.transaction(async (trx) => {
      await setPassword(trx, user.accountId, hash, false);
      const ended = await endOtherSessions(trx, user.accountId, keepSid);
      await this.confirm(trx, user, 'password', 'password.changed', facts, { otherSessionsEnded: ended });
    });
  }

  async changeQuestions(user: CurrentUser, answers: ChosenAnswer[], facts: RequestFacts): Promise<void> {
    const hashed = await hashAnswers(answers);
    await this.db.transaction(async (trx) => {
      await replaceAnswers(trx, user.accountId, hashed);
      await this.confirm(trx, user, 'questions', 'questions.changed', facts, {
        questionIds: answers.map((a) => a.questionId),
      });
    });
  }

  async changeSecret(user: CurrentUser, imageId: number, phrase: string, facts: RequestFacts): Promise<void> {
    await this.db.transaction(async (trx) => {
      await setSecret(trx, user.accountId, phrase, imageId);
      await this.confirm(trx, user, 'secret', 'phrase.changed', facts, { imageId });
    });
  }
}
