/**
 * Borang EC PDFs drawn once and stored (as payslip PDFs, issue 15 item 3). An EC has no row of
 * its own: it is derived from the year's current published payslips, and it changes when they do
 * (a correction, December's publication, a leaver's year ending). So a stored PDF is keyed on the
 * SHA-256 of everything it is drawn from: the form (figures, header, status, serial number), the
 * language, the texts and the drawing's version. New inputs are a new key, drawn on their first
 * download; a PDF of older inputs is never served for new figures ("a wrong figure is worse than
 * none"). Whoever inserts first wins and every reader gets that stored copy.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { monthName } from '../core/format.js';
import { translator, type Locale } from '../core/i18n/index.js';
import type { StoredPdfAnswer } from '../core/pdf/response.js';
import { eecMessages } from './messages.js';
import { ecPdf } from './pdf.js';
import { findStoredEcPdf, insertEcPdf } from './pdf-queries.js';
import type { EcForm } from './service.js';

/** Bumped when the drawing changes (code, not texts: those are in the key); stored PDFs keep theirs. */
const RENDERER_VERSION = 1;

let renders = 0;
/** How many EC PDFs this process has drawn (tests check that a download draws nothing). */
export function ecPdfRenderCount(): number {
  return renders;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const textsHash = new Map<Locale, string>();
/** The EC's texts in a language, hashed once: a changed wording draws the PDFs anew. */
function textsOf(locale: Locale): string {
  let h = textsHash.get(locale);
  if (!h) {
    h = sha256(JSON.stringify(eecMessages[locale]));
    textsHash.set(locale, h);
  }
  return h;
}

/** The SHA-256 (hex) of all a PDF of this form in this language is drawn from: its key. */
export function ecInputHash(form: EcForm, locale: Locale): string {
  return sha256(JSON.stringify({ renderer: RENDERER_VERSION, locale, texts: textsOf(locale), form }));
}

/** The version named in the PDF's link: a URL naming the current inputs names bytes that never change. */
export const ecPdfVersion = (inputSha256: string) => inputSha256.slice(0, 16);

/**
 * The employee's EC PDF of the form's year, as stored for these inputs, drawn and stored first if
 * it is not yet. `employeeId` is the signed-in account's (the stored row is looked up by it).
 */
export async function ecPdfDownload(
  db: Knex,
  employeeId: number,
  form: EcForm,
  locale: Locale,
  knownSha = '',
): Promise<StoredPdfAnswer & { inputSha256: string }> {
  const key = { employeeId, year: form.year, lang: locale, inputSha256: ecInputHash(form, locale) };
  const found = await findStoredEcPdf(db, key, knownSha);
  if (found) return { ...found, inputSha256: key.inputSha256 };

  // Not stored yet: draw it and offer it. Concurrent first downloads (here or in another
  // process) may each draw it; the first INSERT wins and every one of them sends that copy
  // (the copies differ in their "generated on" time).
  renders += 1;
  const bytes = await ecPdf(form, translator(locale), (m) => monthName(m, locale));
  const hash = sha256(bytes);
  if (await insertEcPdf(db, { ...key, bytes, sha256: hash, rendererVersion: RENDERER_VERSION }))
    return { sha256: hash, bytes: hash === knownSha ? null : bytes, inputSha256: key.inputSha256 };
  const winner = await findStoredEcPdf(db, key, knownSha);
  if (!winner) throw new Error('stored EC PDF not found after a conflicting insert');
  return { ...winner, inputSha256: key.inputSha256 };
}
