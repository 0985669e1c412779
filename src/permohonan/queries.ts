import type { Knex } from 'knex';
import type { ApplicationStatus, Module } from './catalog.js';

export interface ApplicationFilter {
  module?: Module;
  status?: ApplicationStatus;
}

export interface ApplicationRow {
  id: number;
  module: Module;
  reference_no: string;
  title: string;
  amount_sen: number | null;
  status: ApplicationStatus;
  submitted_at: Date;
  updated_at: Date;
}

export interface HistoryRow {
  status: ApplicationStatus;
  note: string;
  changed_at: Date;
  changed_by: string;
}

/** The signed-in employee's applications, filtered: the employee ID is part of every query. */
function owned(db: Knex | Knex.Transaction, employeeId: number, filter: ApplicationFilter) {
  const q = db('applications').where('employee_id', employeeId);
  if (filter.module) q.andWhere('module', filter.module);
  if (filter.status) q.andWhere('status', filter.status);
  return q;
}

export async function countApplications(
  db: Knex | Knex.Transaction,
  employeeId: number,
  filter: ApplicationFilter,
): Promise<number> {
  const row = await owned(db, employeeId, filter).count<{ count: number }[]>({ count: '*' }).first();
  return Number(row?.count ?? 0);
}

export async function listApplications(
  db: Knex | Knex.Transaction,
  employeeId: number,
  filter: ApplicationFilter,
  limit: number,
  offset: number,
): Promise<ApplicationRow[]> {
  return owned(db, employeeId, filter)
    .select('id', 'module', 'reference_no', 'title', 'amount_sen', 'status', 'submitted_at', 'updated_at')
    .orderBy([
      { column: 'submitted_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)
    .offset(offset);
}

/** One application of the employee with its status history (one query); undefined if not theirs. */
export async function findApplication(
  db: Knex | Knex.Transaction,
  employeeId: number,
  id: number,
): Promise<(ApplicationRow & { history: HistoryRow[] }) | undefined> {
  const row = await db('applications as a')
    .where({ 'a.id': id, 'a.employee_id': employeeId })
    .first<
      (ApplicationRow & { history: (Omit<HistoryRow, 'changed_at'> & { changed_at: string })[] }) | undefined
    >(
      'a.id',
      'a.module',
      'a.reference_no',
      'a.title',
      'a.amount_sen',
      'a.status',
      'a.submitted_at',
      'a.updated_at',
      db.raw(
        `coalesce((select json_agg(json_build_object('status', h.status, 'note', h.note,
           'changed_at', h.changed_at, 'changed_by', h.changed_by) order by h.changed_at, h.id)
         from application_status_history h where h.application_id = a.id), '[]'::json) as history`,
      ),
    );
  if (!row) return undefined;
  return { ...row, history: row.history.map((h) => ({ ...h, changed_at: new Date(h.changed_at) })) };
}
