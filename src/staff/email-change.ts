import { z } from 'zod';
import { isGovernmentEmail } from '../auth/index.js';
import { formatDateTime } from '../core/format.js';
import type { Translate } from '../core/i18n/index.js';

/**
 * What the two pages that correct an employee's official email share (Unit Gaji's employee page
 * and the administrator's account page): the field's rules and the note after the change.
 */

/** The official email as typed by the officer: required, an email, in a government domain. */
export function officialEmailSchema(t: Translate, govDomains: string[]) {
  return z.object({
    email: z
      .string({ error: t('staff.payroll.email.required') })
      .trim()
      .toLowerCase()
      .min(1, t('staff.payroll.email.required'))
      .max(254, t('staff.payroll.email.invalid'))
      .pipe(z.email({ error: t('staff.payroll.email.invalid') }))
      .refine(
        (v) => isGovernmentEmail(v, govDomains),
        t('staff.payroll.email.notGov', { domains: govDomains.join(', ') }),
      ),
  });
}

/** The typed email, kept in the field when the form is shown again. */
export function typedEmail(body: unknown): string {
  return String((body as Record<string, unknown> | undefined)?.email ?? '').slice(0, 254);
}

/** After a change: until when first-time login is held, or that the owner was told. */
export function emailChangeNote(t: Translate, heldUntil: Date | null | undefined): string {
  return heldUntil
    ? t('staff.recovery.heldNote', { until: formatDateTime(heldUntil) })
    : t('staff.recovery.notifiedNote');
}
