import type { Request } from 'express';
import type { Knex } from 'knex';
import { writeAudit, type RequestFacts } from '../core/audit.js';
import type { CurrentUser } from '../core/current-user.js';
import { z } from 'zod';
import { perLocale, type Locale } from '../core/i18n/index.js';
import { DEFAULT_SORT, PAYMENT_STATUSES, SORT_KEYS, type PaymentStatus, type SortKey } from './catalog.js';
import { setNotifyPreference, type PaymentFilter } from './queries.js';

export const PAGE_SIZE = 20;

/** 'YYYY-MM-DD' (a date field) or 'DD/MM/YYYY' (typed by hand) to 'YYYY-MM-DD', if a real date. */
export function parseDateInput(raw: string): string | undefined {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (!match) return undefined;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 2000 || y > 2100) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
}

/** The search form's fields as typed (strings only; a repeated field counts as invalid). */
export interface SearchValues {
  dari: string;
  hingga: string;
  rujukan: string;
  status: string;
  susun: string;
}

export function searchValues(query: Request['query']): SearchValues {
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  return {
    dari: str(query.dari, 20),
    hingga: str(query.hingga, 20),
    rujukan: str(query.rujukan, 60),
    status: str(query.status, 20),
    susun: str(query.susun, 20),
  };
}

const optionalText = z.union([z.string(), z.undefined()]);

/** Validates the search; the sort falls back to the default (it is only a presentation choice). */
export const searchSchema = perLocale((t) => {
  const date = (message: string) =>
    optionalText.transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const parsed = parseDateInput(v);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return parsed;
    });
  return z
    .object({
      dari: date(t('emaklum.errors.from')),
      hingga: date(t('emaklum.errors.to')),
      rujukan: optionalText
        .transform((v) => (v ?? '').trim())
        .pipe(
          z
            .string()
            .max(40, t('emaklum.errors.reference'))
            // eslint-disable-next-line no-control-regex
            .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), t('emaklum.errors.reference')),
        ),
      status: z
        .unknown()
        .refine(
          (v) =>
            v === undefined ||
            v === '' ||
            (typeof v === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(v)),
          t('emaklum.errors.status'),
        )
        .transform((v) => (v ? (v as PaymentStatus) : undefined)),
      susun: z
        .unknown()
        .transform((v): SortKey => (SORT_KEYS.includes(v as SortKey) ? (v as SortKey) : DEFAULT_SORT)),
    })
    .superRefine((v, ctx) => {
      if (v.dari && v.hingga && v.dari > v.hingga)
        ctx.addIssue({ code: 'custom', path: ['hingga'], message: t('emaklum.errors.range') });
    })
    .transform((v) => ({
      filter: {
        from: v.dari,
        to: v.hingga,
        reference: v.rujukan || undefined,
        status: v.status,
      } satisfies PaymentFilter,
      sort: v.susun,
    }));
});

/**
 * The payee's choice of an email on each change of a payment's status, in the language of the page
 * they chose it on (the status feed writes in it). The one way to change it: the eMaklum page and
 * the profile page both come here, with one audit action.
 */
export class PaymentNotifyService {
  constructor(private readonly db: Knex) {}

  async setNotifyPaymentStatus(
    user: CurrentUser,
    notify: boolean,
    locale: Locale,
    via: 'emaklum' | 'profile',
    facts: RequestFacts,
  ): Promise<void> {
    await this.db.transaction(async (trx) => {
      await setNotifyPreference(trx, user.accountId, notify, locale);
      await writeAudit(trx, {
        action: 'preferences.changed',
        actorAccountId: user.accountId,
        subjectAccountId: user.accountId,
        details: { notifyPaymentStatus: notify, via },
        ...facts,
      });
    });
  }
}
