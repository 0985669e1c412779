import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import { klParts } from '../core/format.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { checkTransition } from '../emaklum/index.js';
import { statusChangeEmail } from './emails.js';
import { parseFeed, type FeedProblem, type FeedRow } from './feed-format.js';
import {
  applyChanges,
  findCommittedByHash,
  findUpload,
  insertUpload,
  notifyTargets,
  paymentsByVoucher,
  setUploadStatus,
  type PaymentState,
  type StagedChange,
} from './queries.js';

export interface Facts {
  ip: string | null;
  userAgent: string | null;
}

export type CommitResult =
  | { ok: true; changed: number; emails: number }
  | { ok: false; key: string; params?: Record<string, string | number> };

export function klToday(now: Date): string {
  const p = klParts(now);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * Checks the parsed rows against the payments as they are now: the voucher exists, the change is
 * allowed (src/emaklum/status-transitions.ts), the date is not before the voucher or the current
 * status. Used by the preview and again, on locked rows, by the commit.
 */
export function checkRows(
  rows: FeedRow[],
  payments: PaymentState[],
): { changes: StagedChange[]; problems: FeedProblem[] } {
  const byVoucher = new Map(payments.map((p) => [p.voucher_no, p]));
  const changes: StagedChange[] = [];
  const problems: FeedProblem[] = [];
  for (const r of rows) {
    const p = byVoucher.get(r.voucherNo);
    if (!p) {
      problems.push({
        row: r.row,
        field: 'no_baucar',
        key: 'treasury.err.voucherUnknown',
        params: { voucher: r.voucherNo },
      });
      continue;
    }
    const check = checkTransition(p.status, r.status, p.method);
    if (!check.ok) {
      problems.push({
        row: r.row,
        field: 'status_baru',
        key: `treasury.err.transition.${check.key}`,
        params: { voucher: r.voucherNo, from: p.status, to: r.status },
      });
      continue;
    }
    if (!check.unchanged && (r.statusDate < p.voucher_date || r.statusDate < p.status_date)) {
      problems.push({
        row: r.row,
        field: 'tarikh_status',
        key: 'treasury.err.dateBefore',
        params: {
          voucher: r.voucherNo,
          date: r.statusDate < p.voucher_date ? p.voucher_date : p.status_date,
        },
      });
      continue;
    }
    changes.push({
      row: r.row,
      voucherNo: r.voucherNo,
      paymentId: p.id,
      payeeName: p.payee_name,
      from: p.status,
      to: r.status,
      statusDate: r.statusDate,
      bankReference: r.bankReference,
      failureReason: r.failureReason,
      unchanged: check.unchanged,
    });
  }
  return { changes, problems };
}

/** eMaklum's status feed: upload (validate and keep for the preview), commit, discard. */
export class StatusFeedService {
  constructor(
    private readonly db: Knex,
    private readonly loginUrl: string,
  ) {}

  async validate(
    actorAccountId: number,
    fileName: string,
    bytes: Buffer,
    facts: Facts,
    now = new Date(),
  ): Promise<number> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const parsed = parseFeed(bytes, klToday(now));
    const payments = await paymentsByVoucher(this.db, [...new Set(parsed.rows.map((r) => r.voucherNo))]);
    const checked = checkRows(parsed.rows, payments);
    const problems = [...parsed.problems, ...checked.problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const rowCount =
      parsed.rows.length + new Set(parsed.problems.map((p) => p.row).filter((r) => r !== null)).size;
    return this.db.transaction(async (trx) => {
      const id = await insertUpload(trx, {
        uploadedBy: actorAccountId,
        fileName,
        sha256,
        rowCount,
        valid: problems.length === 0,
        problems,
        rows: problems.length === 0 ? checked.changes : [],
      });
      await writeAudit(trx, {
        action: 'treasury.status_feed.uploaded',
        actorAccountId,
        subjectAccountId: null,
        details: { uploadId: id, fileName, sha256, rows: rowCount, problems: problems.length },
        ...facts,
      });
      return id;
    });
  }

  /**
   * All or nothing: the rows are checked again against the payments locked FOR UPDATE (the state
   * may have moved since the preview); one bad row and nothing is stored. Rows that change nothing
   * (the same file twice) are skipped, so a second commit changes and sends nothing. Each opted-in
   * payee gets ONE email for all their changes, in the same transaction.
   */
  async commit(actorAccountId: number, uploadId: number, facts: Facts): Promise<CommitResult | undefined> {
    return this.db.transaction(async (trx) => {
      const upload = await findUpload(trx, uploadId, true);
      if (!upload) return undefined;
      if (upload.status === 'committed') return { ok: false, key: 'treasury.err.alreadyCommitted' };
      if (upload.status !== 'valid') return { ok: false, key: 'treasury.err.notValid' };
      const staged = upload.rows;
      const payments = await paymentsByVoucher(
        trx,
        staged.map((r) => r.voucherNo),
        true,
      );
      const rows: FeedRow[] = staged.map((r) => ({
        row: r.row,
        voucherNo: r.voucherNo,
        status: r.to,
        statusDate: r.statusDate,
        bankReference: r.bankReference,
        failureReason: r.failureReason,
      }));
      const checked = checkRows(rows, payments);
      if (checked.problems.length) {
        const first = checked.problems[0]!;
        return {
          ok: false,
          key: 'treasury.err.changedSincePreview',
          params: { row: first.row ?? 0, voucher: String(first.params?.voucher ?? '') },
        };
      }
      const changes = checked.changes.filter((c) => !c.unchanged);
      await applyChanges(trx, uploadId, actorAccountId, changes);

      const paymentById = new Map(payments.map((p) => [p.id, p]));
      const byPayee = new Map<
        string,
        { kind: 'employee' | 'company'; idNo: string; changes: (StagedChange & { referenceNo: string })[] }
      >();
      for (const c of changes) {
        const p = paymentById.get(c.paymentId)!;
        const key = `${p.payee_kind}:${p.payee_id_no}`;
        const entry = byPayee.get(key) ?? { kind: p.payee_kind, idNo: p.payee_id_no, changes: [] };
        entry.changes.push({ ...c, referenceNo: p.reference_no });
        byPayee.set(key, entry);
      }
      const targets = await notifyTargets(trx, [...byPayee.values()]);
      for (const target of targets) {
        const entry = byPayee.get(`${target.payee_kind}:${target.payee_id_no}`)!;
        const email = statusChangeEmail(target.notify_locale, entry.changes, this.loginUrl);
        await enqueueEmail(trx, {
          accountId: target.account_id,
          kind: 'payment_status',
          to: target.email,
          ...email,
        });
      }
      const previous = await findCommittedByHash(trx, upload.content_sha256);
      await setUploadStatus(trx, uploadId, 'committed', { changed: changes.length, emails: targets.length });
      await writeAudit(trx, {
        action: 'treasury.status_feed.committed',
        actorAccountId,
        subjectAccountId: null,
        details: {
          uploadId,
          changed: changes.length,
          unchanged: checked.changes.length - changes.length,
          emails: targets.length,
          ...(previous ? { sameFileAs: previous.id } : {}),
        },
        ...facts,
      });
      return { ok: true, changed: changes.length, emails: targets.length };
    });
  }

  async discard(actorAccountId: number, uploadId: number, facts: Facts): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const upload = await findUpload(trx, uploadId, true);
      if (!upload) return false;
      if (upload.status === 'committed') return true;
      await setUploadStatus(trx, uploadId, 'discarded');
      await writeAudit(trx, {
        action: 'treasury.status_feed.discarded',
        actorAccountId,
        subjectAccountId: null,
        details: { uploadId },
        ...facts,
      });
      return true;
    });
  }
}
