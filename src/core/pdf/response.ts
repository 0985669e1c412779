import type { Request, Response } from 'express';

/** The SHA-256 hex digests named by If-None-Match (weak or strong: RFC 9110 compares weakly). */
export function knownPdfHashes(req: Request): string[] {
  const header = req.get('If-None-Match');
  if (!header) return [];
  return [...header.matchAll(/(?:W\/)?"([0-9a-f]{64})"/g)].map((m) => m[1]!);
}

export interface StoredPdfAnswer {
  /** The stored PDF's SHA-256 (hex): the strong ETag. */
  sha256: string;
  /** Null only when the browser holds it already (its hash was in If-None-Match). */
  bytes: Buffer | null;
}

/**
 * Answers with a stored personal PDF (a payslip, a Borang EC), or 304 when the browser holds it
 * already (strong ETag: the SHA-256 of the bytes). Caching (SECURITY.md, "Payslip PDFs"):
 * `private` always (a personal document: no shared cache may keep it) and `Vary: Cookie` (another
 * account on the same browser never gets this copy); one year and `immutable` only when the URL
 * names the current version (`versioned`), whose bytes never change; a bare URL (whose content a
 * correction or the other language changes) is revalidated on every use, which costs a 304.
 */
export function sendStoredPdf(
  req: Request,
  res: Response,
  pdf: StoredPdfAnswer,
  fileName: string,
  versioned: boolean,
): void {
  res.removeHeader('Pragma');
  res.set({
    ETag: `"${pdf.sha256}"`,
    'Cache-Control': versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
    Vary: 'Cookie',
  });
  if (!pdf.bytes || knownPdfHashes(req).includes(pdf.sha256)) {
    res.status(304).end();
    return;
  }
  res
    .status(200)
    .type('application/pdf')
    .set('Content-Disposition', `attachment; filename="${fileName}"`)
    .set('Content-Length', String(pdf.bytes.length))
    .end(pdf.bytes);
}
