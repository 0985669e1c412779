import type { Knex } from 'knex';
import { prepared } from '../core/db.js';
import type { Locale } from '../core/i18n/index.js';
import { PAYSLIP_SELECT, PUBLISHED, type PayslipRow } from './queries.js';

type Db = Knex | Knex.Transaction;

export interface StoredPdfRow {
  payslip_id: number;
  /** Null while no PDF is stored for this payslip and language. */
  sha256: string | null;
  /** Null when there is none, or when it is the one the browser already holds (`knownSha`). */
  bytes: Buffer | null;
}

/**
 * The employee's current published payslip of the month and its stored PDF, in one read; the
 * bytes are left out when their hash is `knownSha` (a conditional request answered with 304).
 * Undefined when the month has no published payslip for this employee.
 */
export async function findStoredPdf(
  db: Db,
  employeeId: number,
  year: number,
  month: number,
  lang: Locale,
  knownSha: string,
): Promise<StoredPdfRow | undefined> {
  const result = await db
    .raw<{ rows: StoredPdfRow[] }>(
      `SELECT p.id AS payslip_id, f.sha256, CASE WHEN f.sha256 = ? THEN NULL ELSE f.bytes END AS bytes
       FROM payslips p
       LEFT JOIN payslip_pdfs f ON f.payslip_id = p.id AND f.lang = ?
      WHERE p.employee_id = ? AND p.year = ? AND p.month = ? AND ${PUBLISHED}`,
      [knownSha, lang, employeeId, year, month],
    )
    .options(prepared('epayslip-stored-pdf'));
  return result.rows[0];
}

/** The stored PDF of a payslip in a language (the one that won, whoever inserted it). */
export async function readStoredPdf(
  db: Db,
  payslipId: number,
  lang: Locale,
): Promise<{ sha256: string; bytes: Buffer } | undefined> {
  const result = await db.raw<{ rows: { sha256: string; bytes: Buffer }[] }>(
    'SELECT sha256, bytes FROM payslip_pdfs WHERE payslip_id = ? AND lang = ?',
    [payslipId, lang],
  );
  return result.rows[0];
}

/**
 * Stores a drawn PDF unless one is already stored: the first INSERT wins and is never replaced
 * (the app role may not UPDATE this table). Returns whether this one was stored.
 */
export async function insertPdf(
  db: Db,
  pdf: { payslipId: number; lang: Locale; bytes: Buffer; sha256: string; rendererVersion: number },
): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `INSERT INTO payslip_pdfs (payslip_id, lang, bytes, sha256, byte_size, renderer_version)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (payslip_id, lang) DO NOTHING`,
    [pdf.payslipId, pdf.lang, pdf.bytes, pdf.sha256, pdf.bytes.length, pdf.rendererVersion],
  );
  return result.rowCount === 1;
}

/**
 * Current published payslips with no stored PDF in `lang`, oldest id first; with `sinceSeconds`
 * only those published in that many seconds before now (the background renderer's window).
 */
export async function unrenderedPayslips(
  db: Db,
  lang: Locale,
  limit: number,
  sinceSeconds: number | null,
): Promise<PayslipRow[]> {
  const result = await db.raw<{ rows: PayslipRow[] }>(
    `${PAYSLIP_SELECT}
      WHERE ${PUBLISHED}
        AND (?::float8 IS NULL OR p.published_at > now() - make_interval(secs => ?::float8))
        AND NOT EXISTS (SELECT 1 FROM payslip_pdfs f WHERE f.payslip_id = p.id AND f.lang = ?)
      ORDER BY p.id
      LIMIT ?`,
    [sinceSeconds, sinceSeconds, lang, limit],
  );
  return result.rows;
}

/**
 * One renderer at a time across processes (cluster workers, the bench): the others skip a turn
 * instead of drawing the same batch again. Held until the caller's transaction ends.
 */
export async function tryRendererLock(trx: Knex.Transaction): Promise<boolean> {
  const result = await trx.raw<{ rows: { got: boolean }[] }>(
    "SELECT pg_try_advisory_xact_lock(hashtext('payslip_pdfs')) AS got",
  );
  return result.rows[0]?.got === true;
}
