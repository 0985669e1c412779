import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import { bulkTransaction } from '../core/db.js';
import {
  ImportRefused,
  parseRow,
  readHeader,
  sameName,
  Utf8Guard,
  type Column,
  type ParsedRow,
} from './import-format.js';
import {
  analyzeStagedRows,
  copyStagedRowsToPayslips,
  countUploadErrors,
  createPayrollImport,
  createUpload,
  deleteReplaceablePayslips,
  deleteUncommittedUploads,
  deleteUpload,
  departmentsByCode,
  employeesByIcInScope,
  findUpload,
  finishUpload,
  insertStagedRows,
  insertUploadErrors,
  lockPayrollMonth,
  markReplacedImports,
  markUploadCommitted,
  payslipCodes,
  publishedConflicts,
  publishMonth,
  runCrossRowChecks,
  stagedRowsOutOfScope,
  type PayrollScope,
  type StagedRow,
  type UploadError,
} from './queries.js';

export { ImportRefused } from './import-format.js';

/** Upload limits: a 50,000-row month is about 5 MB. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;
/** Rows looked up and staged per database round trip: memory stays bounded whatever the file size. */
const BATCH_ROWS = 2000;

export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

export interface ValidateResult {
  uploadId: number;
  valid: boolean;
  rowCount: number;
  errorCount: number;
}

export type CommitResult =
  | { ok: true; year: number; month: number; payslips: number; lines: number; replaced: number }
  | { ok: false; key: string; params?: Record<string, string | number> };

/**
 * The monthly payroll import (DESIGN 1.11): stream-validate an uploaded CSV into staging rows,
 * then commit all of them in one transaction or none, then publish the month.
 */
export interface ImportObserver {
  /** Called as each batch of parsed rows is looked up and staged (tests prove the streaming with it). */
  batch?: (rows: number) => void;
}

export class PayrollImportService {
  constructor(
    private readonly db: Knex,
    private readonly observer: ImportObserver = {},
  ) {}

  /**
   * Streams the file once: each batch of rows is parsed, its employees looked up (limited to the
   * officer's departments), good rows staged and problems recorded. Cross-row rules then run as
   * SQL. A problem with the whole file (encoding, delimiter, columns, size, published month)
   * throws ImportRefused and leaves nothing behind.
   */
  async validate(
    scope: PayrollScope,
    fileName: string,
    source: Readable,
    isTruncated: () => boolean,
    facts: RequestFacts,
  ): Promise<ValidateResult> {
    const db = this.db;
    await deleteUncommittedUploads(db, scope);
    const uploadId = await createUpload(db, scope, fileName);
    try {
      const result = await this.stream(scope, uploadId, source, isTruncated);
      await writeAudit(db, {
        action: 'staff.payroll.import_checked',
        actorAccountId: scope.accountId,
        details: {
          uploadId,
          fileName,
          year: result.year,
          month: result.month,
          rows: result.rowCount,
          errors: result.errorCount,
        },
        ...facts,
      });
      return {
        uploadId,
        valid: result.errorCount === 0,
        rowCount: result.rowCount,
        errorCount: result.errorCount,
      };
    } catch (err) {
      await deleteUpload(db, scope, uploadId);
      const refused = isTruncated()
        ? new ImportRefused('staff.import.err.tooLarge')
        : err instanceof ImportRefused
          ? err
          : null;
      const csv =
        err instanceof CsvError
          ? new ImportRefused('staff.import.err.csvSyntax', { line: lineOf(err) })
          : null;
      const reason = refused ?? csv;
      if (!reason) throw err;
      await writeAudit(db, {
        action: 'staff.payroll.import_refused',
        actorAccountId: scope.accountId,
        details: { fileName, reason: reason.key },
        ...facts,
      });
      throw reason;
    }
  }

  /** Records a file refused before it was read (e.g. announced too large); returns the refusal. */
  async refuse(scope: PayrollScope, key: string, facts: RequestFacts): Promise<ImportRefused> {
    await writeAudit(this.db, {
      action: 'staff.payroll.import_refused',
      actorAccountId: scope.accountId,
      details: { reason: key },
      ...facts,
    });
    return new ImportRefused(key);
  }

  private async stream(
    scope: PayrollScope,
    uploadId: number,
    source: Readable,
    isTruncated: () => boolean,
  ): Promise<{ rowCount: number; errorCount: number; year: number | null; month: number | null }> {
    const db = this.db;
    const [departments, codes] = await Promise.all([departmentsByCode(db), payslipCodes(db)]);
    const scopeIds = new Set(scope.departmentIds);
    const departmentCodeById = new Map([...departments.values()].map((d) => [d.id, d.code]));
    let header: Map<Column, number> | null = null;
    let period: { year: number; month: number } | null = null;
    let rowCount = 0;
    let batch: ParsedRow[] = [];
    const guard = new Utf8Guard();

    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      this.observer.batch?.(rows.length);
      const employees = await employeesByIcInScope(db, scope, [
        ...new Set(rows.map((r) => r.ic).filter((ic): ic is string => ic !== null)),
      ]);
      const staged: StagedRow[] = [];
      const errors: UploadError[] = [];
      for (const row of rows) {
        const problems = [...row.problems];
        if (row.year !== null && row.month !== null) {
          period ??= { year: row.year, month: row.month };
          if (row.year !== period.year || row.month !== period.month)
            problems.push({
              field: row.year !== period.year ? 'tahun' : 'bulan',
              key: 'staff.import.err.otherPeriod',
              params: { found: `${row.month}/${row.year}`, expected: `${period.month}/${period.year}` },
            });
        }
        const employee = row.ic ? employees.get(row.ic) : undefined;
        if (row.ic && !employee)
          problems.push({ field: 'no_kp', key: 'staff.import.err.icUnknown', params: { ic: row.ic } });
        const department = row.departmentCode ? departments.get(row.departmentCode) : undefined;
        if (row.departmentCode) {
          if (!department)
            problems.push({
              field: 'kod_jabatan',
              key: 'staff.import.err.departmentUnknown',
              params: { code: row.departmentCode },
            });
          else if (!scopeIds.has(department.id))
            problems.push({
              field: 'kod_jabatan',
              key: 'staff.import.err.departmentScope',
              params: { code: row.departmentCode },
            });
          else if (employee && employee.department_id !== department.id)
            problems.push({
              field: 'kod_jabatan',
              key: 'staff.import.err.departmentMismatch',
              params: {
                expected: departmentCodeById.get(employee.department_id) ?? '?',
                found: row.departmentCode,
              },
            });
        }
        if (row.name && employee && !sameName(row.name, employee.name))
          problems.push({
            field: 'nama',
            key: 'staff.import.err.nameMismatch',
            params: { name: employee.name },
          });
        const code = row.code ? codes.get(row.code) : undefined;
        if (row.code && !code)
          problems.push({ field: 'kod', key: 'staff.import.err.codeUnknown', params: { code: row.code } });

        if (problems.length > 0) {
          for (const p of problems)
            errors.push({ row_no: row.rowNo, field: p.field, message_key: p.key, params: p.params ?? {} });
          continue;
        }
        staged.push({
          row_no: row.rowNo,
          employee_id: employee!.id,
          department_id: department!.id,
          position: row.position!,
          grade: row.grade!,
          pay_date: row.payDate!,
          code: code!.code,
          kind: code!.kind,
          description: row.description ?? code!.description_ms,
          amount_sen: row.amountSen!,
          sort_order: code!.sort_order,
          is_housing_loan: code!.is_housing_loan,
        });
      }
      await insertStagedRows(db, uploadId, staged);
      await insertUploadErrors(db, uploadId, errors);
    };

    const parser = parse({
      delimiter: ',',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 64 * 1024,
    });
    // An error thrown inside the sink makes pipeline destroy the streams, and pipeline may then
    // reject with the resulting AbortError: the sink's own error is kept and wins.
    let sinkError: unknown;
    try {
      await pipeline(
        source,
        guard,
        parser,
        async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
          try {
            for await (const { record, info } of records) {
              if (!header) {
                header = readHeader(record);
                continue;
              }
              if (record.every((v) => v.trim() === '')) continue;
              rowCount += 1;
              if (rowCount > IMPORT_MAX_ROWS)
                throw new ImportRefused('staff.import.err.tooManyRows', { max: IMPORT_MAX_ROWS });
              batch.push(parseRow(record, header, info.lines));
              if (batch.length >= BATCH_ROWS) await flush();
            }
            await flush();
          } catch (err) {
            sinkError = err;
            throw err;
          }
        },
      );
    } catch (err) {
      throw sinkError ?? err;
    }
    if (isTruncated()) throw new ImportRefused('staff.import.err.tooLarge');
    if (!header) throw new ImportRefused('staff.import.err.empty');
    if (rowCount === 0) throw new ImportRefused('staff.import.err.noRows');

    const finalPeriod = period as { year: number; month: number } | null;
    const published = await bulkTransaction(db, async (trx) => {
      await analyzeStagedRows(trx);
      await runCrossRowChecks(trx, uploadId);
      return finalPeriod ? publishedConflicts(trx, uploadId, finalPeriod.year, finalPeriod.month) : [];
    });
    if (finalPeriod && published.length > 0)
      throw new ImportRefused('staff.import.err.publishedMonth', {
        monthNumber: finalPeriod.month,
        year: finalPeriod.year,
        departments: published.join(', '),
      });
    const errorCount = await countUploadErrors(db, uploadId);
    await finishUpload(db, uploadId, {
      status: errorCount === 0 ? 'valid' : 'invalid',
      byteSize: guard.bytes,
      rowCount,
      errorCount,
      year: finalPeriod?.year ?? null,
      month: finalPeriod?.month ?? null,
    });
    return { rowCount, errorCount, year: finalPeriod?.year ?? null, month: finalPeriod?.month ?? null };
  }

  /**
   * Commits a checked upload in ONE transaction: the month is locked, the officer's scope and the
   * published state are checked again, the month's unpublished payslips for the same departments
   * and employees are replaced, and the staged rows are copied with set-based SQL.
   */
  async commit(
    scope: PayrollScope,
    uploadId: number,
    facts: RequestFacts,
  ): Promise<CommitResult | undefined> {
    return bulkTransaction(this.db, async (trx) => {
      const peek = await findUpload(trx, scope, uploadId);
      if (!peek) return undefined;
      if (peek.status === 'committed') return { ok: false, key: 'staff.import.alreadyCommitted' };
      if (peek.status !== 'valid' || peek.year === null || peek.month === null)
        return { ok: false, key: 'staff.import.notValid' };
      const { year, month } = { year: peek.year, month: peek.month };
      await lockPayrollMonth(trx, year, month);
      const upload = await findUpload(trx, scope, uploadId, { forUpdate: true });
      if (!upload || upload.status !== 'valid') return { ok: false, key: 'staff.import.notValid' };
      if ((await stagedRowsOutOfScope(trx, scope, uploadId)) > 0)
        return { ok: false, key: 'staff.import.scopeChanged' };
      const published = await publishedConflicts(trx, uploadId, year, month);
      if (published.length > 0)
        return {
          ok: false,
          key: 'staff.import.err.publishedMonth',
          params: { monthNumber: month, year, departments: published.join(', ') },
        };
      const replaced = await deleteReplaceablePayslips(trx, uploadId, year, month);
      const importId = await createPayrollImport(trx, {
        year,
        month,
        fileName: upload.file_name,
        rowCount: upload.row_count,
        uploadedBy: scope.accountId,
      });
      const copied = await copyStagedRowsToPayslips(trx, uploadId, importId, year, month);
      await markReplacedImports(trx, year, month, importId);
      await markUploadCommitted(trx, uploadId, importId);
      await writeAudit(trx, {
        action: 'staff.payroll.import_committed',
        actorAccountId: scope.accountId,
        details: {
          uploadId,
          importId,
          year,
          month,
          payslips: copied.payslips,
          lines: copied.lines,
          replaced,
        },
        ...facts,
      });
      return { ok: true, year, month, payslips: copied.payslips, lines: copied.lines, replaced };
    });
  }

  async discard(scope: PayrollScope, uploadId: number, facts: RequestFacts): Promise<boolean> {
    const upload = await findUpload(this.db, scope, uploadId);
    if (!upload) return false;
    if (upload.status === 'committed') return true;
    await deleteUpload(this.db, scope, uploadId);
    await writeAudit(this.db, {
      action: 'staff.payroll.import_discarded',
      actorAccountId: scope.accountId,
      details: { uploadId, fileName: upload.file_name },
      ...facts,
    });
    return true;
  }

  /** Publishes the month for the officer's departments: from now on employees see those payslips. */
  async publish(scope: PayrollScope, year: number, month: number, facts: RequestFacts): Promise<number> {
    return bulkTransaction(this.db, async (trx) => {
      await lockPayrollMonth(trx, year, month);
      const count = await publishMonth(trx, scope, year, month);
      await writeAudit(trx, {
        action: 'staff.payroll.month_published',
        actorAccountId: scope.accountId,
        details: { year, month, payslips: count, departmentIds: scope.departmentIds },
        ...facts,
      });
      return count;
    });
  }
}

function lineOf(err: CsvError): number {
  const e = err as CsvError & { lines?: number };
  return typeof e.lines === 'number' ? e.lines : 0;
}
