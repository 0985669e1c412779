import { formatDate } from '../core/format.js';
import { translate, type Locale } from '../core/i18n/index.js';
import { escapeHtml } from '../core/mail/compose.js';
import type { StagedChange } from './queries.js';

/**
 * The ONE email a payee gets for one status feed: every payment of theirs that changed, in the
 * language they chose when they opted in. It names the voucher, the new status and its date (and
 * the bank's reason for a failure), not the amount or the account number.
 */
export function statusChangeEmail(
  locale: Locale,
  changes: (StagedChange & { referenceNo: string })[],
  loginUrl: string,
): { subject: string; text: string; html: string } {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const lines = changes.map((c) => {
    const status = t(`emaklum.status.${c.to}`);
    let line = t('treasury.email.line', {
      voucher: c.voucherNo,
      reference: c.referenceNo,
      status,
      date: formatDate(c.statusDate),
    });
    if (c.failureReason) line += ` ${t('treasury.email.reason', { reason: c.failureReason })}`;
    if (c.bankReference) line += ` ${t('treasury.email.bankRef', { ref: c.bankReference })}`;
    return line;
  });
  const intro = t('treasury.email.intro', { count: changes.length });
  const outro = t('treasury.email.outro', { url: loginUrl });
  const optOut = t('treasury.email.optOut');
  const subject = t('treasury.email.subject');
  const text = `${intro}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n\n${outro}\n\n${optOut}\n`;
  const html =
    `<!DOCTYPE html><html lang="${locale}"><body>\n<p>${escapeHtml(intro)}</p>\n<ul>\n` +
    lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n') +
    `\n</ul>\n<p>${escapeHtml(outro)}</p>\n<p>${escapeHtml(optOut)}</p>\n</body></html>\n`;
  return { subject, text, html };
}
