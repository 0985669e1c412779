import type { Knex } from 'knex';
import { prepared } from '../core/db.js';
import type { Locale } from '../core/i18n/index.js';

type Db = Knex | Knex.Transaction;

export interface StoredEcPdfRow {
  sha256: string;
  /** Null when it is the one the browser already holds (`knownSha`). */
  bytes: Buffer | null;
}

/**
 * The employee's stored EC PDF of the year drawn from exactly these inputs, or undefined. Always
 * filtered by the employee (the signed-in account's, from the caller): the input hash alone
 * would find the PDF, but no other account's row may ever be read here. The bytes are left out
 * when their hash is `knownSha` (a conditional request answered with 304).
 */
export async function findStoredEcPdf(
  db: Db,
  key: { employeeId: number; year: number; lang: Locale; inputSha256: string },
  knownSha: string,
): Promise<StoredEcPdfRow | undefined> {
  const result = await db
    .raw<{ rows: StoredEcPdfRow[] }>(
      `SELECT sha256, CASE WHEN sha256 = ? THEN NULL ELSE bytes END AS bytes
         FROM ec_pdfs
        WHERE employee_id = ? AND year = ? AND lang = ? AND input_sha256 = ?`,
      [knownSha, key.employeeId, key.year, key.lang, key.inputSha256],
    )
    .options(prepared('eec-stored-pdf'));
  return result.rows[0];
}

/**
 * Stores a drawn EC PDF unless one is already stored for these inputs: the first INSERT wins and
 * is never replaced (the app role may not UPDATE this table). Returns whether this one was stored.
 */
export async function insertEcPdf(
  db: Db,
  pdf: {
    employeeId: number;
    year: number;
    lang: Locale;
    inputSha256: string;
    bytes: Buffer;
    sha256: string;
    rendererVersion: number;
  },
): Promise<boolean> {
  const result = await db.raw<{ rowCount: number }>(
    `INSERT INTO ec_pdfs (employee_id, year, lang, input_sha256, bytes, sha256, byte_size, renderer_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (employee_id, year, lang, input_sha256) DO NOTHING`,
    [
      pdf.employeeId,
      pdf.year,
      pdf.lang,
      pdf.inputSha256,
      pdf.bytes,
      pdf.sha256,
      pdf.bytes.length,
      pdf.rendererVersion,
    ],
  );
  return result.rowCount === 1;
}
