import { translate, type Locale } from '../core/i18n/index.js';
import { escapeHtml, twoLanguageEmail, type EmailContent } from '../core/mail/compose.js';

type Params = Record<string, string>;

/** A bilingual email (Malay, then English), plain text and HTML, from message keys. */
function bilingual(
  subjectKey: string,
  paragraphKeys: string[],
  params: Params | ((locale: Locale) => Params),
): EmailContent {
  const paramsIn = (locale: Locale) => (typeof params === 'function' ? params(locale) : params);
  const paragraphs = (locale: Locale) => paragraphKeys.map((k) => translate(locale, k, paramsIn(locale)));
  return twoLanguageEmail(
    { ms: translate('ms', subjectKey), en: translate('en', subjectKey) },
    (locale) => paragraphs(locale).join('\n\n'),
    (locale) =>
      `<div lang="${locale}">${paragraphs(locale)
        .map((x) => `<p>${escapeHtml(x)}</p>`)
        .join('\n')}</div>`,
  );
}

/** Who made a change, as a role (never a name): the employee's Unit Gaji or an administrator. */
export type ChangedBy = 'payroll' | 'admin';

/**
 * "Your account was reset": the login ID and what to do next, nothing else (no name, no salary).
 */
export function accountResetEmail(p: {
  loginId: string;
  loginUrl: string;
  helpdesk: string;
  by?: ChangedBy;
}): { subject: string; text: string; html: string } {
  const body = p.by === 'admin' ? 'staff.email.resetByAdmin.body' : 'staff.email.reset.body';
  return bilingual(
    'staff.email.reset.subject',
    [body, 'staff.email.reset.next', 'staff.email.reset.notYou'],
    { loginId: p.loginId, url: p.loginUrl, helpdesk: p.helpdesk },
  );
}

/**
 * "Your official email was changed" (issue 11, item 1): to the PREVIOUS address (so its owner can
 * object before the new one can be used for first-time login) and to the new one. What changed,
 * when, by whom as a role, until when first-time login is held, and what to do if unexpected.
 */
export function emailChangedEmail(p: {
  to: 'previous' | 'new';
  maskedId: string;
  oldEmail: string;
  newEmail: string;
  when: string;
  heldUntil: string | null;
  by: ChangedBy;
  helpdesk: string;
}): { subject: string; text: string; html: string } {
  const keys = [
    `staff.email.emailChanged.${p.to}`,
    ...(p.heldUntil ? ['staff.email.emailChanged.held'] : []),
    `staff.email.emailChanged.notYou.${p.to}`,
  ];
  const { maskedId, oldEmail, newEmail, when, helpdesk } = p;
  return bilingual('staff.email.emailChanged.subject', keys, (locale) => ({
    maskedId,
    oldEmail,
    newEmail,
    when,
    helpdesk,
    heldUntil: p.heldUntil ?? '',
    // The role, written in each language.
    by: translate(locale, `staff.email.emailChanged.by.${p.by}`),
  }));
}
