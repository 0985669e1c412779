import { translate } from '../core/i18n/index.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * "Your account was reset": bilingual (Malay, then English), plain text and HTML. It carries the
 * login ID and what to do next, nothing else (no name, no salary).
 */
export function accountResetEmail(p: { loginId: string; loginUrl: string; helpdesk: string }): {
  subject: string;
  text: string;
  html: string;
} {
  const params = { loginId: p.loginId, url: p.loginUrl, helpdesk: p.helpdesk };
  const paragraphs = (locale: 'ms' | 'en') => [
    translate(locale, 'staff.email.reset.body', params),
    translate(locale, 'staff.email.reset.next', params),
    translate(locale, 'staff.email.reset.notYou', params),
  ];
  const subject = `Portal iSPEKS: ${translate('ms', 'staff.email.reset.subject')} / ${translate('en', 'staff.email.reset.subject')}`;
  const text = `${paragraphs('ms').join('\n\n')}\n\n----------------------------------------\n(English)\n\n${paragraphs('en').join('\n\n')}\n`;
  const htmlPart = (locale: 'ms' | 'en') =>
    `<div lang="${locale}">${paragraphs(locale)
      .map((x) => `<p>${escapeHtml(x)}</p>`)
      .join('\n')}</div>`;
  const html = `<!DOCTYPE html><html><body>\n${htmlPart('ms')}\n<hr>\n${htmlPart('en')}\n</body></html>\n`;
  return { subject, text, html };
}
