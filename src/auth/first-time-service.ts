import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { hashSecret } from '../core/passwords.js';
import { temporaryPasswordEmail, type RequestFacts } from '../accounts/index.js';
import {
  createPendingAccount,
  findEmployeeMatch,
  findSupplierMatch,
  lockAccountFor,
  setTemporaryPassword,
  type PayrollMatch,
} from './queries.js';

/** No 0/O, 1/l/I: a temporary password is read from an email and typed by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** 16 random characters in four groups ("Abcd-Efgh-..."): 19 characters, about 92 bits. */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** An email is official when its domain ends with one of the configured government domains. */
export function isGovernmentEmail(email: string, domains: string[]): boolean {
  const host = email.toLowerCase().split('@')[1] ?? '';
  return domains.some((d) => (d.startsWith('.') ? host.endsWith(d) : host === d || host.endsWith(`.${d}`)));
}

export type FirstTimeOutcome = 'sent' | 'mismatch' | 'active' | 'held';

export interface FirstTimeRequest {
  ic: string | null;
  companyId: string | null;
  email: string;
}

export class FirstTimeService {
  constructor(
    private readonly db: Knex,
    private readonly config: Config,
  ) {}

  private async match(req: FirstTimeRequest): Promise<PayrollMatch | undefined> {
    if (req.ic && isGovernmentEmail(req.email, this.config.GOV_EMAIL_DOMAINS)) {
      const employee = await findEmployeeMatch(this.db, req.ic, req.email);
      if (employee) return employee;
    }
    if (req.companyId) return findSupplierMatch(this.db, req.companyId, req.email);
    return undefined;
  }

  /** When first-time login for this IC and email is held after an email change, until when. */
  async heldUntil(ic: string, email: string): Promise<Date | undefined> {
    return (await findEmployeeMatch(this.db, ic, email))?.emailHoldUntil ?? undefined;
  }

  /**
   * Checks the ID and email against the payroll table or the supplier register; on a match
   * creates (or re-issues for) a pending account with a new temporary password, and writes the
   * email to the outbox in the same transaction. A new temporary password voids the old one.
   */
  async request(req: FirstTimeRequest, facts: RequestFacts): Promise<FirstTimeOutcome> {
    const match = await this.match(req);
    if (!match) {
      await writeAudit(this.db, {
        action: 'first_time.failed',
        details: { kind: req.ic ? 'employee' : 'company', reason: 'no_match' },
        ...facts,
      });
      return 'mismatch';
    }
    if (match.emailHoldUntil) {
      // Cooling-off (issue 11): the official email changed a short while ago; the previous
      // address was told and may still object. Nothing is sent to the new one until then.
      await writeAudit(this.db, {
        action: 'first_time.held',
        details: {
          kind: match.kind,
          employeeId: match.employeeId,
          heldUntil: match.emailHoldUntil.toISOString(),
        },
        ...facts,
      });
      return 'held';
    }
    const temporaryPassword = generateTemporaryPassword();
    const hash = await hashSecret(temporaryPassword);
    return this.db.transaction(async (trx) => {
      const existing = await lockAccountFor(trx, match);
      if (existing?.status === 'active') return 'active';
      if (existing?.status === 'disabled') {
        await writeAudit(trx, {
          action: 'first_time.failed',
          subjectAccountId: existing.id,
          details: { kind: match.kind, reason: 'disabled' },
          ...facts,
        });
        return 'mismatch';
      }
      const accountId = existing?.id ?? (await createPendingAccount(trx, match));
      const hours = this.config.TEMP_PASSWORD_HOURS;
      const outboxId = await enqueueEmail(trx, {
        accountId,
        kind: 'temporary_password',
        to: match.email,
        ...temporaryPasswordEmail({
          loginId: match.loginId,
          temporaryPassword,
          hours,
          loginUrl: `${this.config.baseUrl}/`,
          helpdesk: this.config.HELPDESK_EMAIL,
        }),
      });
      await setTemporaryPassword(trx, accountId, { hash, hours, outboxId });
      await writeAudit(trx, {
        action: 'temp_password.sent',
        subjectAccountId: accountId,
        details: { kind: match.kind, reissued: Boolean(existing), expiresInHours: hours, outboxId },
        ...facts,
      });
      return 'sent';
    });
  }
}
