import type { Knex } from 'knex';
import type { Request } from 'express';

export interface AuditEntry {
  action: string;
  actorAccountId?: number | null;
  subjectAccountId?: number | null;
  details?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

/** An audit entry as the audit_log row's columns (for a query that writes it with other work). */
export function auditRow(entry: AuditEntry) {
  return {
    action: entry.action,
    actor_account_id: entry.actorAccountId ?? null,
    subject_account_id: entry.subjectAccountId ?? null,
    details: JSON.stringify(entry.details ?? {}),
    ip: entry.ip?.slice(0, 64) ?? null,
    user_agent: entry.userAgent?.slice(0, 400) ?? null,
  };
}

/** Appends one row to the audit log (the table refuses UPDATE, DELETE and TRUNCATE). */
export async function writeAudit(db: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert(auditRow(entry));
}

/** The request facts every audit row carries (and services take from their routes). */
export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

export function requestContext(req: Request): RequestFacts {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}
