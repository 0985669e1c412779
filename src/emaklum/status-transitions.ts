import type { PaymentMethod, PaymentStatus } from './catalog.js';

/**
 * The one table of allowed payment status changes (DESIGN 1.8; docs/emaklum-status-feed.md shows
 * it to the treasury). A change not listed here is refused by the status feed.
 *
 * - Dihantar ke bank → Diterima oleh bank, Gagal Diproses bank, Dikeluarkan (cheque, bank draft,
 *   TT only: an instrument is issued, not credited), Dibatalkan.
 * - Gagal Diproses bank → Dihantar ke bank (sent again after the account is corrected), Dibatalkan.
 * - Diterima oleh bank → Gagal Diproses bank (the receiving bank returned the credit).
 * - Dikeluarkan and Dibatalkan are final: nothing goes back from them.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  SENT_TO_BANK: ['RECEIVED_BY_BANK', 'BANK_FAILED', 'ISSUED', 'CANCELLED'],
  BANK_FAILED: ['SENT_TO_BANK', 'CANCELLED'],
  RECEIVED_BY_BANK: ['BANK_FAILED'],
  ISSUED: [],
  CANCELLED: [],
};

/** "Dikeluarkan" is for instruments (cheque, bank draft, TT); an EFT is credited, never issued. */
export const ISSUED_METHODS: readonly PaymentMethod[] = ['CHEQUE', 'BANK_DRAFT', 'TT'];

export type TransitionCheck =
  { ok: true; unchanged: boolean } | { ok: false; key: 'final' | 'notAllowed' | 'issuedEft' };

/** Whether a payment in `from` (paid by `method`) may move to `to`; the same status is "unchanged". */
export function checkTransition(
  from: PaymentStatus,
  to: PaymentStatus,
  method: PaymentMethod,
): TransitionCheck {
  if (from === to) return { ok: true, unchanged: true };
  if (ALLOWED_TRANSITIONS[from].length === 0) return { ok: false, key: 'final' };
  if (!ALLOWED_TRANSITIONS[from].includes(to)) return { ok: false, key: 'notAllowed' };
  if (to === 'ISSUED' && !ISSUED_METHODS.includes(method)) return { ok: false, key: 'issuedEft' };
  return { ok: true, unchanged: false };
}
