import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import type { Locale } from '../core/i18n/index.js';
import { payslipPdfDownload } from './pdf-store.js';
import { pdfFileName } from './service.js';

/**
 * The version of a payslip PDF named in its link: the payslip row (a correction is another row)
 * and the language. A URL carrying the current version names bytes that never change.
 */
const versionOf = (payslipId: number, locale: Locale) => `${payslipId}-${locale}`;

/** The link to a payslip's PDF, with its version (see sendStoredPdf's caching). */
export function pdfHref(year: number, month: number, payslipId: number, locale: Locale): string {
  return `/epayslip/${year}/${String(month).padStart(2, '0')}.pdf?v=${versionOf(payslipId, locale)}`;
}

/** The SHA-256 hex digests named by If-None-Match (weak or strong: RFC 9110 compares weakly). */
function knownHashes(header: string | undefined): string[] {
  if (!header) return [];
  return [...header.matchAll(/(?:W\/)?"([0-9a-f]{64})"/g)].map((m) => m[1]!);
}

/**
 * Answers with the stored PDF of the signed-in employee's payslip, or 304 when the browser holds
 * it already (strong ETag: the SHA-256 of the bytes). Caching (SECURITY.md, "Payslip PDFs"):
 * `private` always (a personal document: no shared cache may keep it) and `Vary: Cookie` (another
 * account on the same browser never gets this copy); one year and `immutable` only on a URL that
 * names the current version, whose bytes never change; the bare URL (a correction or the other
 * language changes what it shows) is revalidated on every use, which costs a 304. Returns false
 * when the month has no published payslip for this employee.
 */
export async function sendStoredPdf(
  db: Knex,
  req: Request,
  res: Response,
  employeeId: number,
  year: number,
  month: number,
): Promise<boolean> {
  const known = knownHashes(req.get('If-None-Match'));
  const pdf = await payslipPdfDownload(db, employeeId, year, month, req.locale, known[0] ?? '');
  if (!pdf) return false;
  const versioned = req.query.v === versionOf(pdf.payslipId, req.locale);
  res.removeHeader('Pragma');
  res.set({
    ETag: `"${pdf.sha256}"`,
    'Cache-Control': versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
    Vary: 'Cookie',
  });
  if (known.includes(pdf.sha256)) {
    res.status(304).end();
    return true;
  }
  // The bytes were left out only for known[0], which is this hash: handled above.
  const bytes = pdf.bytes!;
  res
    .status(200)
    .type('application/pdf')
    .set('Content-Disposition', `attachment; filename="${pdfFileName(year, month)}"`)
    .set('Content-Length', String(bytes.length))
    .end(bytes);
  return true;
}
