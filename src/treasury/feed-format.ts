import { parse } from 'csv-parse/sync';
import { parseDateInput, PAYMENT_STATUSES, type PaymentStatus } from '../emaklum/index.js';

/**
 * The treasury's payment status file (docs/emaklum-status-feed.md): UTF-8 CSV, comma-separated,
 * a header row, then one row per voucher. Parsing and the checks of one row live here (no
 * database); the checks against the payments table are in service.ts.
 */
export const FEED_COLUMNS = [
  'no_baucar',
  'status_baru',
  'tarikh_status',
  'rujukan_bank',
  'sebab_gagal',
] as const;
export const FEED_REQUIRED = ['no_baucar', 'status_baru', 'tarikh_status'] as const;
export const FEED_MAX_BYTES = 1024 * 1024;
export const FEED_MAX_ROWS = 5000;

export type Params = Record<string, string | number>;

/** One problem: a row number (the header is row 1) and field, or null for the whole file. */
export interface FeedProblem {
  row: number | null;
  field: string | null;
  key: string;
  params?: Params;
}

export interface FeedRow {
  row: number;
  voucherNo: string;
  status: PaymentStatus;
  statusDate: string;
  bankReference: string | null;
  failureReason: string | null;
}

/** Status as the treasury writes it: the code, or the Malay label eMaklum shows (any case). */
const STATUS_WORDS: Record<string, PaymentStatus> = {
  'dihantar ke bank': 'SENT_TO_BANK',
  'diterima oleh bank': 'RECEIVED_BY_BANK',
  'gagal diproses bank': 'BANK_FAILED',
  dikeluarkan: 'ISSUED',
  dibatalkan: 'CANCELLED',
};

export function parseStatus(raw: string): PaymentStatus | undefined {
  const s = raw.trim();
  if ((PAYMENT_STATUSES as readonly string[]).includes(s.toUpperCase()))
    return s.toUpperCase() as PaymentStatus;
  return STATUS_WORDS[s.toLowerCase().replace(/\s+/g, ' ')];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Parses the file. `today` (YYYY-MM-DD, Asia/Kuala_Lumpur) bounds the status dates. Returns the
 * rows that passed the row checks and every problem found; a file-level problem stops early.
 */
export function parseFeed(bytes: Buffer, today: string): { rows: FeedRow[]; problems: FeedProblem[] } {
  const problems: FeedProblem[] = [];
  const fileProblem = (key: string, params?: Params) => ({
    rows: [],
    problems: [{ row: null, field: null, key, params }],
  });
  if (bytes.length === 0) return fileProblem('treasury.err.empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileProblem('treasury.err.encoding');
  }
  if (text.includes('\u0000')) return fileProblem('treasury.err.encoding');
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
    });
  } catch {
    return fileProblem('treasury.err.csv');
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = FEED_REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) return fileProblem('treasury.err.header', { columns: missing.join(', ') });
  const unknown = header.filter((h) => !(FEED_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return fileProblem('treasury.err.unknownColumn', { columns: unknown.join(', ') });
  if (records.length - 1 > FEED_MAX_ROWS)
    return fileProblem('treasury.err.tooManyRows', { max: FEED_MAX_ROWS });
  if (records.length <= 1) return fileProblem('treasury.err.noRows');

  const col = (r: string[], name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? '' : (r[i] ?? '').trim();
  };
  const rows: FeedRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((r, i) => {
    const row = i + 2;
    const before = problems.length;
    const add = (field: string | null, key: string, params?: Params) =>
      problems.push({ row, field, key, params });
    if (r.length !== header.length)
      add(null, 'treasury.err.columns', { found: r.length, expected: header.length });
    if (r.some((v) => CONTROL.test(v))) add(null, 'treasury.err.control');
    const voucherNo = col(r, 'no_baucar').toUpperCase();
    if (!voucherNo) add('no_baucar', 'treasury.err.voucherMissing');
    else if (voucherNo.length > 30) add('no_baucar', 'treasury.err.voucherLong');
    else if (seen.has(voucherNo)) add('no_baucar', 'treasury.err.duplicate', { first: seen.get(voucherNo)! });
    else seen.set(voucherNo, row);
    const rawStatus = col(r, 'status_baru');
    const status = parseStatus(rawStatus);
    if (!status)
      add('status_baru', rawStatus ? 'treasury.err.status' : 'treasury.err.statusMissing', {
        value: rawStatus.slice(0, 40),
      });
    const rawDate = col(r, 'tarikh_status');
    const statusDate = rawDate ? parseDateInput(rawDate) : undefined;
    if (!statusDate) add('tarikh_status', 'treasury.err.date', { value: rawDate.slice(0, 20) });
    else if (statusDate > today) add('tarikh_status', 'treasury.err.dateFuture');
    const bankReference = col(r, 'rujukan_bank') || null;
    if (bankReference && bankReference.length > 40) add('rujukan_bank', 'treasury.err.referenceLong');
    const failureReason = col(r, 'sebab_gagal') || null;
    if (failureReason && failureReason.length > 200) add('sebab_gagal', 'treasury.err.reasonLong');
    if (status === 'BANK_FAILED' && !failureReason) add('sebab_gagal', 'treasury.err.reasonMissing');
    if (problems.length === before && status && statusDate)
      rows.push({ row, voucherNo, status, statusDate, bankReference, failureReason });
  });
  return { rows, problems };
}
