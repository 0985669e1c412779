import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { requestContext, writeAudit } from '../core/audit.js';
import type { CurrentUser, StaffRole } from '../core/current-user.js';
import { formatMoney, monthName } from '../core/format.js';
import type { Translate } from '../core/i18n/index.js';
import { renderPage, type RenderOptions } from '../core/render.js';
import { type PayrollScope } from './queries.js';
import { type UploadError } from './import-queries.js';

/** What the staff pages share: the signed-in officer's scope, flash notices, the sub-menu. */

export function payrollScope(req: Request): PayrollScope {
  const user = req.currentUser!;
  return { accountId: user.accountId, departmentIds: user.payrollDepartmentIds };
}

/** A positive integer route parameter, or undefined (the route then answers 404). */
export function idParam(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= 2_147_483_647 ? n : undefined;
}

export interface NavItem {
  href: string;
  key: string;
  section: string;
}

/** The staff sub-menu, by the roles the officer holds. */
export function staffNav(user: CurrentUser): NavItem[] {
  const items: NavItem[] = [];
  const has = (r: StaffRole) => user.roles.includes(r);
  if (has('payroll')) {
    items.push({ href: '/pentadbir/unit-gaji', key: 'staff.nav.payrollSearch', section: 'payroll-search' });
    items.push({
      href: '/pentadbir/unit-gaji/statistik',
      key: 'staff.nav.payrollStats',
      section: 'payroll-stats',
    });
    items.push({
      href: '/pentadbir/unit-gaji/import',
      key: 'staff.nav.payrollImport',
      section: 'payroll-import',
    });
  }
  if (has('helpdesk')) {
    items.push({ href: '/pentadbir/helpdesk', key: 'staff.nav.helpdesk', section: 'helpdesk' });
    items.push({
      href: '/pentadbir/helpdesk/tahanan-emel',
      key: 'staff.nav.holds',
      section: 'helpdesk-holds',
    });
  }
  if (has('treasury'))
    items.push({ href: '/pentadbir/perbendaharaan', key: 'staff.nav.treasury', section: 'treasury' });
  if (has('admin')) {
    items.push({ href: '/pentadbir/admin/peranan', key: 'staff.nav.roles', section: 'roles' });
    items.push({ href: '/pentadbir/admin/audit', key: 'staff.nav.audit', section: 'audit' });
  }
  return items;
}

/** Renders a staff page with the sub-menu and the pending flash notice. */
export async function renderStaff(
  req: Request,
  res: Response,
  view: string,
  section: string,
  locals: Record<string, unknown>,
  options: RenderOptions = {},
): Promise<void> {
  // The flash middleware (middleware/flash.ts) has moved a pending notice to res.locals.flash.
  const flash = locals.flash ?? res.locals.flash;
  await renderPage(
    res,
    view,
    { staffNavItems: staffNav(req.currentUser!), staffSection: section, ...locals, flash },
    options,
  );
}

const MONEY_PARAMS = new Set(['earnings', 'deductions', 'from', 'to', 'increment']);

/** The text of one import problem in the reader's language (money and month names formatted). */
export function describeImportProblem(
  t: Translate,
  locale: 'ms' | 'en',
  key: string,
  params: Record<string, string | number>,
): string {
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    p[k] = MONEY_PARAMS.has(k) && typeof v === 'number' ? formatMoney(v) : v;
  }
  if (typeof params?.delimiterKey === 'string')
    p.delimiter = t(`staff.import.err.delimiter.${params.delimiterKey}`);
  if (typeof params?.monthNumber === 'number') p.month = monthName(params.monthNumber, locale);
  return t(key, p);
}

export function describeUploadError(t: Translate, locale: 'ms' | 'en', e: UploadError): string {
  return describeImportProblem(t, locale, e.message_key, e.params);
}

export function wantsSearch(q: string): boolean {
  return q.replace(/\s+/g, '').length >= 3;
}

/**
 * A staff member looked at personal data (a search, a record): the view is audited too, so the
 * log answers "who looked at whom". Actions end in `.viewed`; the helpdesk's list of an account's
 * security events leaves them out.
 */
export async function auditView(
  db: Knex,
  req: Request,
  action: string,
  subjectAccountId: number | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await writeAudit(db, {
    action,
    actorAccountId: req.currentUser!.accountId,
    subjectAccountId,
    details,
    ...requestContext(req),
  });
}
