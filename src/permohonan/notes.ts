import type { Translate } from '../core/i18n/index.js';

/**
 * Status-history notes are written by the source systems in Malay (issue 14 item 13). The ones
 * those systems generate are known texts: each maps to a message key, so English mode shows
 * them in English. A note typed by an officer is shown as written, marked as Malay.
 */
const KNOWN: Record<string, string> = {
  'Permohonan disimpan sebagai draf.': 'permohonan.note.draft',
  'Permohonan dihantar untuk semakan.': 'permohonan.note.submitted',
  'Permohonan diluluskan.': 'permohonan.note.approved',
  'Permohonan dibatalkan oleh pemohon.': 'permohonan.note.cancelled',
  'Ditolak: dokumen sokongan tidak lengkap.': 'permohonan.note.rejectedDocuments',
  'Ditolak: peruntukan tidak mencukupi.': 'permohonan.note.rejectedBudget',
  'Ditolak: permohonan tidak memenuhi syarat pekeliling.': 'permohonan.note.rejectedCircular',
  'Ditolak: permohonan bertindih dengan permohonan terdahulu.': 'permohonan.note.rejectedOverlap',
};

const UNITS: Record<string, string> = {
  'Unit Kewangan': 'permohonan.unit.finance',
  'Unit Aset dan Stor': 'permohonan.unit.assets',
  'Unit Pinjaman Kakitangan': 'permohonan.unit.loans',
};

const IN_REVIEW = /^Permohonan sedang disemak oleh (.+)\.$/;

export interface ShownNote {
  text: string;
  /** Set when the text is not in the page's language (an officer's own words). */
  lang?: 'ms';
}

export function showNote(note: string | null, t: Translate, locale: 'ms' | 'en'): ShownNote {
  const raw = (note ?? '').trim();
  if (!raw) return { text: '' };
  const key = KNOWN[raw];
  if (key) return { text: t(key) };
  const review = IN_REVIEW.exec(raw);
  if (review) {
    const unitKey = UNITS[review[1]!];
    return { text: t('permohonan.note.inReview', { unit: unitKey ? t(unitKey) : review[1]! }) };
  }
  return locale === 'en' ? { text: raw, lang: 'ms' } : { text: raw };
}
