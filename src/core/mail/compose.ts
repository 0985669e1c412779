import type { Locale } from '../i18n/index.js';

/** What every email is: a subject, a plain-text part and an HTML part. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Text made safe inside HTML (element content and quoted attribute values). */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/**
 * The frame of a two-language email: Malay, then English, in the subject, the text part (under a
 * rule and "(English)") and the HTML part (under an <hr>). The caller writes each language's part.
 */
export function twoLanguageEmail(
  subject: Record<Locale, string>,
  textPart: (locale: Locale) => string,
  htmlPart: (locale: Locale) => string,
): EmailContent {
  return {
    subject: `Portal iSPEKS: ${subject.ms} / ${subject.en}`,
    text: `${textPart('ms')}\n\n----------------------------------------\n(English)\n\n${textPart('en')}\n`,
    html: `<!DOCTYPE html><html><body>\n${htmlPart('ms')}\n<hr>\n${htmlPart('en')}\n</body></html>\n`,
  };
}
