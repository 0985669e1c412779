import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Knex } from 'knex';
import { writeAudit, type RequestFacts } from '../core/audit.js';
import { bulkTransaction } from '../core/db.js';
import { wakePdfRenderer } from '../epayslip/index.js';
import {
  ImportRefused,
  parseRow,
  readHeader,
  Utf8Guard,
  type Column,
  type ParsedRow,
} from './import-format.js';
import {
  committedUploadWithHash,
  copyStagedRowsToPayslips,
  correctedEmployees,
  createPayrollImport,
  deleteReplacedPayslips,
  lockPayrollMonth,
  markReplacedImports,
  markUploadCommitted,
  publishMonth,
  stagedRowsOutOfScope,
  wholeMonthLosers,
} from './import-month-queries.js';
import { RowChecker } from './import-rows.js';
import {
  analyzeStagedRows,
  countUploadErrors,
  createUpload,
  deleteUncommittedUploads,
  deleteUpload,
  departmentsByCode,
  findUpload,
  finishUpload,
  insertStagedRows,
  insertUploadErrors,
  payslipCodes,
  runCrossRowChecks,
} from './import-queries.js';
import { type PayrollScope } from './queries.js';

export { ImportRefused } from './import-format.js';

/** Upload limits: a 50,000-row month is about 5 MB. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;
/** Rows looked up and staged per database round trip: memory stays bounded whatever the file size. */
const BATCH_ROWS = 2000;

export interface ValidateResult {
  uploadId: number;
  valid: boolean;
  rowCount: number;
  errorCount: number;
}

export type CommitResult =
  | {
      ok: true;
      year: number;
      month: number;
      payslips: number;
      lines: number;
      replaced: number;
      corrections: number;
    }
  | { ok: false; key: string; params?: Record<string, string | number>; field?: string };

export interface CommitOptions {
  /** The officer accepted the warnings (changes to the payroll record, corrections) on the preview. */
  acceptWarnings: boolean;
  /** Replace the whole month of the file's departments, confirmed with the number of employees named. */
  wholeMonth: { confirmedCount: number } | null;
}

/**
 * The monthly payroll import (DESIGN 1.11): stream-validate an uploaded CSV into staging rows,
 * then commit all of them in one transaction or none, then publish the month.
 */
export class PayrollImportService {
  constructor(private readonly db: Knex) {}

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
    const checker = new RowChecker(db, scope, departments, codes);
    let header: Map<Column, number> | null = null;
    let rowCount = 0;
    let batch: ParsedRow[] = [];
    const guard = new Utf8Guard();
    // The SHA-256 of the bytes as received: the same file uploaded again is recognised.
    const hash = createHash('sha256');
    const hasher = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });

    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      const { staged, errors } = await checker.check(rows);
      // A batch's staged rows and problems (warnings too, since issue 12) are bulk work of the
      // upload, bounded like the cross-row checks, not by a page request's statement timeout.
      await bulkTransaction(db, async (trx) => {
        await insertStagedRows(trx, uploadId, staged);
        await insertUploadErrors(trx, uploadId, errors);
      });
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
        hasher,
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

    const finalPeriod = checker.foundPeriod;
    const contentHash = hash.digest('hex');
    const earlier = await committedUploadWithHash(db, contentHash);
    if (earlier)
      throw new ImportRefused('staff.import.err.duplicateFile', {
        fileName: earlier.file_name,
        date: earlier.created_at.toISOString().slice(0, 10),
      });
    const corrections = await bulkTransaction(db, async (trx) => {
      await analyzeStagedRows(trx);
      await runCrossRowChecks(trx, uploadId);
      return finalPeriod
        ? (await correctedEmployees(trx, uploadId, finalPeriod.year, finalPeriod.month, 1)).total
        : 0;
    });
    const errorCount = await countUploadErrors(db, uploadId);
    await finishUpload(db, uploadId, {
      status: errorCount === 0 ? 'valid' : 'invalid',
      byteSize: guard.bytes,
      rowCount,
      errorCount,
      warningCount: await countUploadErrors(db, uploadId, 'warning'),
      correctionCount: corrections,
      contentHash,
      year: finalPeriod?.year ?? null,
      month: finalPeriod?.month ?? null,
    });
    return { rowCount, errorCount, year: finalPeriod?.year ?? null, month: finalPeriod?.month ?? null };
  }

  /**
   * Commits a checked upload in ONE transaction: the month is locked, the officer's scope and what
   * the preview announced (corrections, whole-month losers) are checked again, the unpublished
   * payslips of the employees in the file are replaced (and with `wholeMonth`, confirmed with the
   * number of employees it names, those of the file's departments too), and the staged rows are
   * copied with set-based SQL. A payslip of a published month becomes a correction of it.
   */
  async commit(
    scope: PayrollScope,
    uploadId: number,
    options: CommitOptions,
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
      if (upload.warning_count + upload.correction_count > 0 && !options.acceptWarnings)
        return { ok: false, key: 'staff.import.warningsNotAccepted', field: 'terimaAmaran' };
      if ((await stagedRowsOutOfScope(trx, scope, uploadId)) > 0)
        return { ok: false, key: 'staff.import.scopeChanged' };
      if (upload.content_hash && (await committedUploadWithHash(trx, upload.content_hash)))
        return { ok: false, key: 'staff.import.alreadyCommitted' };
      // A month published between the preview and the commit would turn rows into corrections
      // that the officer did not see announced.
      const corrections = await correctedEmployees(trx, uploadId, year, month, 1);
      if (corrections.total !== upload.correction_count)
        return { ok: false, key: 'staff.import.monthChanged' };
      if (options.wholeMonth) {
        const losers = await wholeMonthLosers(trx, uploadId, year, month, 1);
        if (losers.total !== options.wholeMonth.confirmedCount)
          return { ok: false, key: 'staff.import.monthChanged' };
      }
      const replaced = await deleteReplacedPayslips(trx, uploadId, year, month, options.wholeMonth !== null);
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
          corrections: copied.corrections,
          wholeMonth: options.wholeMonth !== null,
          warningsAccepted: upload.warning_count,
          contentHash: upload.content_hash,
        },
        ...facts,
      });
      return {
        ok: true,
        year,
        month,
        payslips: copied.payslips,
        lines: copied.lines,
        replaced,
        corrections: copied.corrections,
      };
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

  /**
   * Publishes the month for the officer's departments: from now on employees see those payslips;
   * a correction supersedes the payslip it amends.
   */
  async publish(
    scope: PayrollScope,
    year: number,
    month: number,
    facts: RequestFacts,
  ): Promise<{ published: number; corrections: number }> {
    const result = await bulkTransaction(this.db, async (trx) => {
      await lockPayrollMonth(trx, year, month);
      const result = await publishMonth(trx, scope, year, month);
      await writeAudit(trx, {
        action: 'staff.payroll.month_published',
        actorAccountId: scope.accountId,
        details: {
          year,
          month,
          payslips: result.published,
          corrections: result.corrections,
          departmentIds: scope.departmentIds,
        },
        ...facts,
      });
      return result;
    });
    // After the commit: this process's PDF renderer draws the new payslips now, not at its next poll.
    wakePdfRenderer();
    return result;
  }
}

function lineOf(err: CsvError): number {
  const e = err as CsvError & { lines?: number };
  return typeof e.lines === 'number' ? e.lines : 0;
}
