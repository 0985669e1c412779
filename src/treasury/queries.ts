import type { Knex } from 'knex';
import { type PaymentMethod, type PaymentStatus } from '../emaklum/index.js';
import type { FeedProblem } from './feed-format.js';

type Db = Knex | Knex.Transaction;

/** A row of an upload as the preview shows it and the commit applies it. */
export interface StagedChange {
  row: number;
  voucherNo: string;
  paymentId: number;
  payeeName: string;
  from: PaymentStatus;
  to: PaymentStatus;
  statusDate: string;
  bankReference: string | null;
  failureReason: string | null;
  /** The payment already has this status: the row changes nothing. */
  unchanged: boolean;
}

export interface UploadRow {
  id: number;
  uploaded_by: number;
  uploader_name: string | null;
  file_name: string;
  content_sha256: string;
  row_count: number;
  status: 'invalid' | 'valid' | 'committed' | 'discarded';
  problems: FeedProblem[];
  rows: StagedChange[];
  changed_count: number | null;
  email_count: number | null;
  created_at: Date;
  committed_at: Date | null;
}

export interface PaymentState {
  id: number;
  voucher_no: string;
  reference_no: string;
  payee_kind: 'employee' | 'company';
  payee_id_no: string;
  payee_name: string;
  method: PaymentMethod;
  status: PaymentStatus;
  status_date: string;
  voucher_date: string;
}

export async function insertUpload(
  db: Db,
  u: {
    uploadedBy: number;
    fileName: string;
    sha256: string;
    rowCount: number;
    valid: boolean;
    problems: FeedProblem[];
    rows: StagedChange[];
  },
): Promise<number> {
  const [row] = await db('payment_status_uploads')
    .insert({
      uploaded_by: u.uploadedBy,
      file_name: u.fileName,
      content_sha256: u.sha256,
      row_count: u.rowCount,
      status: u.valid ? 'valid' : 'invalid',
      problems: JSON.stringify(u.problems),
      rows: JSON.stringify(u.rows),
    })
    .returning<{ id: number }[]>('id');
  return Number(row!.id);
}

/** One upload (any treasury officer may see the treasury's uploads); FOR UPDATE in a commit. */
export async function findUpload(db: Db, id: number, forUpdate = false): Promise<UploadRow | undefined> {
  const q = db('payment_status_uploads as u')
    .leftJoin('accounts as a', 'a.id', 'u.uploaded_by')
    .leftJoin('employees as e', 'e.id', 'a.employee_id')
    .where('u.id', id)
    .first<UploadRow | undefined>('u.*', 'e.name as uploader_name');
  if (forUpdate) q.forUpdate('u');
  return q;
}

export async function listUploads(db: Db, limit: number): Promise<UploadRow[]> {
  return db('payment_status_uploads as u')
    .leftJoin('accounts as a', 'a.id', 'u.uploaded_by')
    .leftJoin('employees as e', 'e.id', 'a.employee_id')
    .whereNot('u.status', 'discarded')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .select<UploadRow[]>('u.*', 'e.name as uploader_name');
}

/** When the same file (same bytes) was committed before, and by which upload. */
export async function findCommittedByHash(
  db: Db,
  sha256: string,
): Promise<{ id: number; committed_at: Date } | undefined> {
  return db('payment_status_uploads')
    .where({ content_sha256: sha256, status: 'committed' })
    .orderBy('id')
    .first('id', 'committed_at');
}

export async function setUploadStatus(
  db: Db,
  id: number,
  status: 'committed' | 'discarded',
  counts: { changed: number; emails: number } | null = null,
): Promise<void> {
  await db('payment_status_uploads')
    .where('id', id)
    .update({
      status,
      ...(counts
        ? { changed_count: counts.changed, email_count: counts.emails, committed_at: db.fn.now() }
        : {}),
    });
}

/** The payments named in a file, by voucher number (locked FOR UPDATE inside a commit). */
export async function paymentsByVoucher(
  db: Db,
  vouchers: string[],
  forUpdate = false,
): Promise<PaymentState[]> {
  if (!vouchers.length) return [];
  const q = db('payments')
    .whereIn('voucher_no', vouchers)
    .orderBy('id')
    .select<PaymentState[]>(
      'id',
      'voucher_no',
      'reference_no',
      'payee_kind',
      'payee_id_no',
      'payee_name',
      'method',
      'status',
      db.raw(`to_char(status_date, 'YYYY-MM-DD') AS status_date`),
      db.raw(`to_char(voucher_date, 'YYYY-MM-DD') AS voucher_date`),
    );
  if (forUpdate) q.forUpdate();
  return q;
}

/** Applies the changes: the payments' status and the history rows, set-based. */
export async function applyChanges(
  trx: Knex.Transaction,
  uploadId: number,
  actorAccountId: number,
  changes: StagedChange[],
): Promise<void> {
  if (!changes.length) return;
  await trx.raw(
    `UPDATE payments p SET status = c.to_status, status_date = c.status_date::date, updated_at = now(),
            payment_date = CASE WHEN c.to_status IN ('RECEIVED_BY_BANK', 'ISSUED') AND p.payment_date IS NULL
                                THEN c.status_date::date ELSE p.payment_date END
       FROM jsonb_to_recordset(?::jsonb) AS c(payment_id int, to_status text, status_date text)
      WHERE p.id = c.payment_id`,
    [
      JSON.stringify(
        changes.map((c) => ({ payment_id: c.paymentId, to_status: c.to, status_date: c.statusDate })),
      ),
    ],
  );
  await trx('payment_status_history').insert(
    changes.map((c) => ({
      payment_id: c.paymentId,
      from_status: c.from,
      to_status: c.to,
      status_date: c.statusDate,
      bank_reference: c.bankReference,
      failure_reason: c.failureReason,
      upload_id: uploadId,
      recorded_by: actorAccountId,
    })),
  );
}

export interface NotifyTarget {
  account_id: number;
  payee_kind: 'employee' | 'company';
  payee_id_no: string;
  email: string;
  notify_locale: 'ms' | 'en';
}

/** The active, opted-in accounts of these payees that have an email address. */
export async function notifyTargets(
  db: Db,
  payees: { kind: 'employee' | 'company'; idNo: string }[],
): Promise<NotifyTarget[]> {
  if (!payees.length) return [];
  const result = await db.raw<{ rows: NotifyTarget[] }>(
    `SELECT a.id AS account_id, x.kind AS payee_kind, x.id_no AS payee_id_no,
            coalesce(e.email, s.email) AS email, a.notify_locale
       FROM jsonb_to_recordset(?::jsonb) AS x(kind text, id_no text)
       JOIN accounts a ON a.kind = x.kind AND a.status = 'active' AND a.notify_payment_status
       LEFT JOIN employees e ON e.id = a.employee_id
       LEFT JOIN suppliers s ON s.id = a.supplier_id
      WHERE (x.kind = 'employee' AND e.ic_no = x.id_no OR x.kind = 'company' AND s.company_id = x.id_no)
        AND coalesce(e.email, s.email) IS NOT NULL`,
    [JSON.stringify(payees.map((p) => ({ kind: p.kind, id_no: p.idNo })))],
  );
  return result.rows;
}
