import type { Knex } from 'knex';

/**
 * What the SQL of Pengurusan Pentadbir shares: the scope, search terms, departments. Each role's
 * queries are in payroll-queries.ts, helpdesk-queries.ts, admin-queries.ts (and the payroll
 * import's in import-queries.ts). A payroll officer's queries take a PayrollScope and filter by
 * its departments INSIDE the query, so no route can forget the limit: an employee of another
 * department is simply not found (the route answers 404).
 */
export interface PayrollScope {
  /** The officer's account (uploads belong to it). */
  accountId: number;
  departmentIds: number[];
}

export type Db = Knex | Knex.Transaction;

export type RegistrationStatus = 'none' | 'pending' | 'active' | 'locked' | 'disabled';

/** The registration status of an employee or supplier row joined to its account as `a`. */
export const REGISTRATION_SQL = `CASE WHEN a.id IS NULL THEN 'none'
  WHEN a.status = 'disabled' THEN 'disabled'
  WHEN a.locked_until IS NOT NULL AND a.locked_until > now() THEN 'locked'
  ELSE a.status END`;

/** Escapes LIKE wildcards in user input. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The parts of a search text: IC digits (if it looks like one), and the text for name/email. */
export function searchTerms(q: string): { digits: string | null; text: string } {
  const compact = q.replace(/[-\s]/g, '');
  return { digits: /^\d{3,12}$/.test(compact) ? compact : null, text: q.trim().toLowerCase() };
}

// ------------------------------------------------------------------ departments

export interface DepartmentRow {
  id: number;
  code: string;
  name: string;
}

export async function listDepartments(db: Db): Promise<DepartmentRow[]> {
  return db('departments').select<DepartmentRow[]>('id', 'code', 'name').orderBy('code');
}

export async function departmentsInScope(db: Db, scope: PayrollScope): Promise<DepartmentRow[]> {
  return db('departments')
    .whereIn('id', scope.departmentIds)
    .select<DepartmentRow[]>('id', 'code', 'name')
    .orderBy('code');
}
