import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import type { Locale } from '../core/i18n/index.js';
import { knownPdfHashes, sendStoredPdf as sendPdf } from '../core/pdf/response.js';
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

/**
 * Answers with the stored PDF of the signed-in employee's payslip, or 304 when the browser holds
 * it already; caching as src/core/pdf/response.ts says, `immutable` on a link that names the
 * current payslip row and language. Returns false when the month has no published payslip for
 * this employee.
 */
export async function sendStoredPdf(
  db: Knex,
  req: Request,
  res: Response,
  employeeId: number,
  year: number,
  month: number,
): Promise<boolean> {
  const known = knownPdfHashes(req);
  const pdf = await payslipPdfDownload(db, employeeId, year, month, req.locale, known[0] ?? '');
  if (!pdf) return false;
  const versioned = req.query.v === versionOf(pdf.payslipId, req.locale);
  sendPdf(req, res, pdf, pdfFileName(year, month), versioned);
  return true;
}
