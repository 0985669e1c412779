import { formatDateTime, monthName } from '../core/format.js';
import { hasMessage, type Locale, type Translate } from '../core/i18n/index.js';

/**
 * The audit log in words: each action code has a name in both languages (`staff.action.<code>`),
 * some a sentence built from their details (`staff.actionSentence.<code>`), and the details are
 * shown as labelled fields (`staff.audit.field.<key>`). The codes themselves stay in the database
 * and in the CSV export, where tools read them.
 */

/** The actions an administrator can filter by, grouped as the list shows them. */
export const AUDIT_ACTION_GROUPS: { group: string; actions: string[] }[] = [
  {
    group: 'login',
    actions: [
      'login.ok',
      'login.failed',
      'logout',
      'first_time.held',
      'account.locked',
      'first_time.failed',
      'temp_password.sent',
      'account.activated',
      'password_reset.requested',
      'password_reset.answers_failed',
      'password_reset.answers_ok',
      'password_reset.completed',
      'email.failed',
    ],
  },
  {
    group: 'profile',
    actions: [
      'password.changed',
      'questions.changed',
      'phrase.changed',
      'profile.password_check_failed',
      'preferences.changed',
      // Before issue 16 the eMaklum page wrote its own action; kept so older rows have words.
      'emaklum.notify_changed',
    ],
  },
  {
    group: 'payroll',
    actions: [
      'staff.payroll.email_corrected',
      'staff.payroll.account_reset',
      'staff.payroll.import_checked',
      'staff.payroll.import_refused',
      'staff.payroll.import_discarded',
      'staff.payroll.import_committed',
      'staff.payroll.month_published',
      'staff.payroll.search.viewed',
      'staff.payroll.employee.viewed',
    ],
  },
  {
    group: 'helpdesk',
    actions: [
      'staff.helpdesk.unlock',
      'staff.helpdesk.resend_first_time',
      'staff.helpdesk.reveal_ic',
      'staff.helpdesk.search.viewed',
      'staff.helpdesk.account.viewed',
      'staff.helpdesk.holds.viewed',
      'staff.helpdesk.email_hold_released',
    ],
  },
  {
    group: 'treasury',
    actions: [
      'treasury.status_feed.uploaded',
      'treasury.status_feed.committed',
      'treasury.status_feed.discarded',
    ],
  },
  {
    group: 'admin',
    actions: [
      'staff.admin.role_granted',
      'staff.admin.role_removed',
      'staff.admin.department_added',
      'staff.admin.department_removed',
      'staff.admin.email_corrected',
      'staff.admin.account_reset',
      'staff.admin.roles_dropped',
      'staff.admin.audit.viewed',
      'staff.admin.audit_exported',
    ],
  },
];

export const KNOWN_AUDIT_ACTIONS: ReadonlySet<string> = new Set(
  AUDIT_ACTION_GROUPS.flatMap((g) => g.actions),
);

/** A filter value: one action, or a whole group (`group:<name>`). */
export function actionFilter(value: string): { action?: string; actions?: string[] } | null {
  if (!value) return {};
  if (value.startsWith('group:')) {
    const group = AUDIT_ACTION_GROUPS.find((g) => `group:${g.group}` === value);
    return group ? { actions: group.actions } : null;
  }
  return KNOWN_AUDIT_ACTIONS.has(value) ? { action: value } : null;
}

/** The action's name in words; an action this list does not know yet shows its code. */
export function actionName(t: Translate, locale: Locale, action: string): string {
  const key = `staff.action.${action}`;
  return hasMessage(locale, key) ? t(key) : action;
}

type Details = Record<string, unknown>;

/** Detail fields whose values are codes with words of their own (e.g. role "payroll" → "Unit Gaji"). */
const VALUE_WORDS: Record<string, string> = { role: 'staff.role.' };

function valueInWords(t: Translate, locale: Locale, field: string, v: unknown): unknown {
  const prefix = VALUE_WORDS[field];
  return prefix && typeof v === 'string' && hasMessage(locale, prefix + v) ? t(prefix + v) : v;
}

function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** Parameters for the sentences: the month as words, counts as they are. */
function sentenceParams(t: Translate, details: Details, locale: Locale): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [k, raw] of Object.entries(details)) {
    const v = valueInWords(t, locale, k, raw);
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  }
  const year = Number(details.year);
  const month = Number(details.month);
  if (Number.isInteger(year) && Number.isInteger(month) && month >= 1 && month <= 12)
    params.period = `${monthName(month, locale)} ${year}`;
  return params;
}

/** One line that says what happened, e.g. "Import gaji disahkan: Disember 2026, 3 slip gaji". */
export function auditSentence(t: Translate, locale: Locale, action: string, details: Details): string {
  const key = `staff.actionSentence.${action}`;
  if (!hasMessage(locale, key)) return actionName(t, locale, action);
  const text = t(key, sentenceParams(t, details, locale));
  // A sentence whose details are missing (an older row) falls back to the plain name.
  return /\{\w+\}/.test(text) ? actionName(t, locale, action) : text;
}

function fieldValue(t: Translate, v: unknown): string {
  if (v === null || v === undefined || v === '') return '-';
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (Array.isArray(v)) return v.map((x) => fieldValue(t, x)).join(', ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : formatDateTime(d);
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return str(v);
}

/** The details as labelled fields, in the user's language where a label is known. */
export function auditFields(t: Translate, locale: Locale, details: Details): [string, string][] {
  return Object.entries(details ?? {}).map(([k, v]) => {
    const key = `staff.audit.field.${k}`;
    return [hasMessage(locale, key) ? t(key) : k, fieldValue(t, valueInWords(t, locale, k, v))];
  });
}
