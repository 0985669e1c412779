import type { Knex } from 'knex';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { writeAudit } from '../audit.js';
import { REDACTED, revealSecrets, SECRET_PATTERN_SQL } from './secrets.js';

export interface OutboxSenderOptions {
  db: Knex;
  smtpUrl: string;
  from: string;
  logger: Logger;
  pollMs?: number;
  maxAttempts?: number;
  /** Seconds before the first retry; doubles on each attempt. */
  baseBackoffSeconds?: number;
}

interface OutboxRow {
  id: number;
  account_id: number | null;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

/** The part after the last '@' (nothing of an address without one). */
function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/** Permanent SMTP failures (5xx replies): retrying cannot help. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Delivers the email outbox over SMTP. Each row is leased inside a transaction with
 * FOR UPDATE SKIP LOCKED, so several app processes never send the same email twice.
 */
export class OutboxSender {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly baseBackoff: number;
  /** Emails delivered whose "sent" mark did not reach the database (it was down): marked first, next time. */
  private readonly sentUnrecorded = new Set<number>();

  constructor(private readonly opts: OutboxSenderOptions) {
    const url = new URL(opts.smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // Local catchers offer no TLS; a real relay given as smtp:// still upgrades with STARTTLS when offered.
      ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
    this.pollMs = opts.pollMs ?? 1_000;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.baseBackoff = opts.baseBackoffSeconds ?? 5;
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .then(() => undefined)
        .catch((err: unknown) => this.opts.logger.warn({ err }, 'outbox drain failed'))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 10);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.recordSent().catch(() => undefined);
    this.transport.close();
  }

  /** Sends every due email; returns how many were attempted. */
  async drain(): Promise<number> {
    await this.recordSent();
    let attempted = 0;
    for (;;) {
      const row = await this.lease();
      if (!row) return attempted;
      attempted += 1;
      await this.deliver(row);
    }
  }

  private async lease(): Promise<OutboxRow | undefined> {
    return this.opts.db.transaction(async (trx) => {
      const row = await trx('email_outbox')
        .select<OutboxRow[]>(
          'id',
          'account_id',
          'kind',
          'to_address',
          'subject',
          'text_body',
          'html_body',
          'attempts',
        )
        .where('status', 'pending')
        .andWhere('next_attempt_at', '<=', trx.fn.now())
        .orderBy('next_attempt_at')
        .forUpdate()
        .skipLocked()
        .first();
      if (!row) return undefined;
      // The lease: nobody else picks it for two minutes, even if this process dies mid-send.
      await trx('email_outbox')
        .where('id', row.id)
        .update({ attempts: row.attempts + 1, next_attempt_at: trx.raw("now() + interval '2 minutes'") });
      return { ...row, attempts: row.attempts + 1 };
    });
  }

  private async recordSent(): Promise<void> {
    for (const id of [...this.sentUnrecorded]) {
      await this.markSent(id);
      this.sentUnrecorded.delete(id);
    }
  }

  private async markSent(id: number): Promise<void> {
    await this.opts
      .db('email_outbox')
      .where('id', id)
      .update({ status: 'sent', sent_at: this.opts.db.fn.now(), last_error: null, ...this.redacted() });
  }

  /**
   * The bodies with their secret parts (temporary password, reset link) replaced, in the same
   * UPDATE that marks the email delivered or given up: nothing secret stays at rest after that.
   */
  private redacted() {
    const { db } = this.opts;
    const redact = (column: string) =>
      db.raw(`regexp_replace(??, ?, ?, 'g')`, [column, SECRET_PATTERN_SQL, REDACTED]);
    return { text_body: redact('text_body'), html_body: redact('html_body') };
  }

  private async deliver(row: OutboxRow): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.opts.from,
        to: row.to_address,
        subject: row.subject,
        text: revealSecrets(row.text_body),
        html: revealSecrets(row.html_body),
      });
    } catch (err) {
      await this.recordFailure(row, err);
      return;
    }
    try {
      await this.markSent(row.id);
    } catch (err) {
      // Delivered, but the database did not hear of it: it must not count as a failed send (and
      // go out again); remember it and mark it before anything else once the database is back.
      this.sentUnrecorded.add(row.id);
      throw err;
    }
  }

  private async recordFailure(row: OutboxRow, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const permanent = isPermanent(err);
    const failed = permanent || row.attempts >= this.maxAttempts;
    const backoff = this.baseBackoff * 2 ** (row.attempts - 1);
    this.opts.logger.warn(
      { outboxId: row.id, attempts: row.attempts, failed, err: message },
      'email not sent',
    );
    const update = {
      status: failed ? 'failed' : 'pending',
      last_error: message.slice(0, 500),
      next_attempt_at: this.opts.db.raw(`now() + make_interval(secs => ?)`, [backoff]),
    };
    if (!failed) {
      await this.opts.db('email_outbox').where('id', row.id).update(update);
      return;
    }
    // Given up for good: the row and its audit entry together. Only a row still pending turns
    // failed, so the entry is written once even if this runs twice for the same email.
    await this.opts.db.transaction(async (trx) => {
      const changed = await trx('email_outbox')
        .where({ id: row.id, status: 'pending' })
        .update({ ...update, ...this.redacted() });
      if (changed === 0) return;
      const smtpCode = (err as { responseCode?: unknown } | null)?.responseCode;
      await writeAudit(trx, {
        action: 'email.failed',
        subjectAccountId: row.account_id,
        // No body (a temporary password or a reset link may be in it), no subject, and of the
        // address only its domain (which relay refused it), as other audit rows keep no address.
        details: {
          outboxId: row.id,
          kind: row.kind,
          attempts: row.attempts,
          reason: permanent ? 'refused' : 'max_attempts',
          ...(typeof smtpCode === 'number' ? { smtpCode } : {}),
          toDomain: domainOf(row.to_address),
        },
      });
    });
  }
}
