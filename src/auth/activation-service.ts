import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { hashSecret } from '../core/passwords.js';
import { temporaryStamp } from './login-service.js';
import {
  activatedEmail,
  hashAnswers,
  findAccountOwner,
  replaceAnswers,
  type AccountOwner,
  type ChosenAnswer,
  type RequestFacts,
} from '../accounts/index.js';
import { activateAccount, currentTemporaryPassword } from './queries.js';

/** The account an activation session may activate, with the temporary password that opened it. */
export interface PendingActivation {
  owner: AccountOwner;
  temporaryHash: string;
}

export interface ActivationInput {
  newPassword: string;
  answers: ChosenAnswer[];
  imageId: number;
  phrase: string;
}

export class ActivationService {
  constructor(
    private readonly db: Knex,
    private readonly config: Config,
  ) {}

  /**
   * The pending account a temporary-password session may activate; 'expired' when the temporary
   * password that opened the session has expired or was replaced since; undefined when the
   * account is no longer pending.
   */
  async pendingAccount(
    accountId: number,
    stamp: string | undefined,
  ): Promise<PendingActivation | 'expired' | undefined> {
    const owner = await findAccountOwner(this.db, accountId);
    if (owner?.status !== 'pending') return undefined;
    const temporaryHash = await currentTemporaryPassword(this.db, accountId);
    if (!temporaryHash || !stamp || temporaryStamp(temporaryHash) !== stamp) return 'expired';
    return { owner, temporaryHash };
  }

  /**
   * Activates the account: password, answers, image and phrase in one transaction, with the
   * audit row and the confirmation email. False when the account is no longer pending.
   */
  async activate(
    { owner, temporaryHash }: PendingActivation,
    input: ActivationInput,
    facts: RequestFacts,
  ): Promise<boolean> {
    const passwordHash = await hashSecret(input.newPassword);
    const answers = await hashAnswers(input.answers);
    return this.db.transaction(async (trx) => {
      const done = await activateAccount(trx, owner.id, {
        passwordHash,
        phrase: input.phrase,
        imageId: input.imageId,
        temporaryHash,
      });
      if (!done) return false;
      await replaceAnswers(trx, owner.id, answers);
      await writeAudit(trx, {
        action: 'account.activated',
        actorAccountId: owner.id,
        subjectAccountId: owner.id,
        details: { questionIds: input.answers.map((a) => a.questionId), imageId: input.imageId },
        ...facts,
      });
      if (owner.email) {
        await enqueueEmail(trx, {
          accountId: owner.id,
          kind: 'account_activated',
          to: owner.email,
          ...activatedEmail({
            loginId: owner.login_id,
            loginUrl: `${this.config.baseUrl}/`,
            helpdesk: this.config.HELPDESK_EMAIL,
          }),
        });
      }
      return true;
    });
  }
}
