import type { Knex } from 'knex';
import { fetchPage } from '../core/pagination.js';
import {
  countApplications,
  findApplication,
  listApplications,
  type ApplicationFilter,
  type ApplicationRow,
} from './queries.js';

export const PAGE_SIZE = 20;

/** The employee's own applications (DESIGN: Permohonan), read-only: a list by page and one record. */
export class ApplicationService {
  constructor(private readonly db: Knex) {}

  /** The requested page of the list; a page past the end shows the last one. */
  list(
    employeeId: number,
    filter: ApplicationFilter,
    requestedPage: number,
  ): Promise<{ page: number; result: { total: number; rows: ApplicationRow[] } }> {
    return fetchPage(requestedPage, PAGE_SIZE, async ({ limit, offset }) => {
      const total = await countApplications(this.db, employeeId, filter);
      const rows = total ? await listApplications(this.db, employeeId, filter, limit, offset) : [];
      return { total, rows };
    });
  }

  find(employeeId: number, id: number) {
    return findApplication(this.db, employeeId, id);
  }
}
