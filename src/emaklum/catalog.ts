import type { CurrentUser } from '../core/current-user.js';

/** The five statuses of ANM's eMaklum (the CHECK constraint of the payments table). */
export const PAYMENT_STATUSES = [
  'SENT_TO_BANK',
  'RECEIVED_BY_BANK',
  'BANK_FAILED',
  'ISSUED',
  'CANCELLED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_METHODS = ['EFT', 'CHEQUE', 'BANK_DRAFT', 'TT'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUS_BADGE: Record<PaymentStatus, string> = {
  SENT_TO_BANK: 'badge--info',
  RECEIVED_BY_BANK: 'badge--ok',
  BANK_FAILED: 'badge--bad',
  ISSUED: 'badge--ok',
  CANCELLED: 'badge--muted',
};

/** The sort orders a user may pick: a whitelist, never a column name from the URL. */
export const SORTS = {
  tarikh_desc: [
    { column: 'p.voucher_date', order: 'desc' },
    { column: 'p.id', order: 'desc' },
  ],
  tarikh_asc: [
    { column: 'p.voucher_date', order: 'asc' },
    { column: 'p.id', order: 'asc' },
  ],
  amaun_desc: [
    { column: 'p.amount_sen', order: 'desc' },
    { column: 'p.id', order: 'desc' },
  ],
  amaun_asc: [
    { column: 'p.amount_sen', order: 'asc' },
    { column: 'p.id', order: 'asc' },
  ],
} as const satisfies Record<string, { column: string; order: 'asc' | 'desc' }[]>;
export type SortKey = keyof typeof SORTS;
export const SORT_KEYS = Object.keys(SORTS) as SortKey[];
export const DEFAULT_SORT: SortKey = 'tarikh_desc';

/** Whose payments a signed-in account sees: an employee by IC, a company by company ID. */
export type Payee = { kind: 'employee'; employeeId: number } | { kind: 'company'; supplierId: number };

export function payeeOf(user: CurrentUser): Payee | undefined {
  if (user.kind === 'employee' && user.employeeId) return { kind: 'employee', employeeId: user.employeeId };
  if (user.kind === 'company' && user.supplierId) return { kind: 'company', supplierId: user.supplierId };
  return undefined;
}
