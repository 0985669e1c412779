import { Transform, type TransformCallback } from 'node:stream';

/**
 * The payroll import file (docs/payroll-import.md): UTF-8 CSV, comma-separated, a header row,
 * then one row per payslip line. Row-level parsing lives here; the checks that need the
 * database or several rows are in import-service.ts and queries.ts.
 */
export const REQUIRED_COLUMNS = [
  'tahun',
  'bulan',
  'tarikh_bayar',
  'no_kp',
  'kod_jabatan',
  'jawatan',
  'gred',
  'kod',
  'amaun',
] as const;
export const OPTIONAL_COLUMNS = ['nama', 'keterangan', 'no_gaji', 'no_akaun'] as const;
export const ALL_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export const MAX_AMOUNT_INTEGER_DIGITS = 7; // 9,999,999.99 at most: sums stay far inside bigint
export const TEXT_LIMITS: Partial<Record<Column, number>> = {
  jawatan: 150,
  gred: 10,
  nama: 150,
  keterangan: 100,
  kod: 10,
  kod_jabatan: 10,
  no_gaji: 20,
  no_akaun: 30,
};

export type Params = Record<string, string | number>;

/** A problem with the whole file: the upload is refused with this message. */
export class ImportRefused extends Error {
  constructor(
    readonly key: string,
    readonly params: Params = {},
  ) {
    super(key);
  }
}

export interface FieldProblem {
  field: Column | null;
  key: string;
  params?: Params;
}

/**
 * Passes the bytes through unchanged while proving they are UTF-8: a UTF-16 byte-order mark, a
 * NUL byte or an invalid UTF-8 sequence stops the stream with an ImportRefused.
 */
export class Utf8Guard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private first = true;
  bytes = 0;

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (
        chunk.length >= 2 &&
        ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
      )
        return callback(new ImportRefused('staff.import.err.utf16'));
    }
    if (chunk.includes(0)) return callback(new ImportRefused('staff.import.err.encoding'));
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      return callback(new ImportRefused('staff.import.err.encoding'));
    }
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.decode();
    } catch {
      return callback(new ImportRefused('staff.import.err.encoding'));
    }
    callback();
  }
}

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');

/** Reads the header row: the column positions, or a refusal (delimiter, missing/unknown columns). */
export function readHeader(record: string[]): Map<Column, number> {
  const names = record.map(normaliseHeader);
  if (names.length === 0 || (names.length === 1 && names[0] === ''))
    throw new ImportRefused('staff.import.err.empty');
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    const raw = record.join(',');
    const delimiter = raw.includes(';') ? 'semicolon' : raw.includes('\t') ? 'tab' : null;
    if (delimiter) throw new ImportRefused('staff.import.err.delimiter', { delimiterKey: delimiter });
    throw new ImportRefused('staff.import.err.missingColumns', { columns: missing.join(', ') });
  }
  const unknown = names.filter((n) => !ALL_COLUMNS.includes(n));
  if (unknown.length > 0)
    throw new ImportRefused('staff.import.err.unknownColumns', {
      columns: unknown.map((u) => u || '""').join(', '),
      allowed: ALL_COLUMNS.join(', '),
    });
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0)
    throw new ImportRefused('staff.import.err.duplicateColumns', {
      columns: [...new Set(repeated)].join(', '),
    });
  return new Map(names.map((n, i) => [n as Column, i]));
}

/** A data row with every field parsed (before the database lookups). */
export interface ParsedRow {
  rowNo: number;
  year: number | null;
  month: number | null;
  payDate: string | null;
  ic: string | null;
  name: string | null;
  departmentCode: string | null;
  position: string | null;
  grade: string | null;
  code: string | null;
  description: string | null;
  amountSen: number | null;
  /** Optional columns checked against the payroll record (src/staff/payroll-rules.ts). */
  payrollNo: string | null;
  bankAccount: string | null;
  problems: FieldProblem[];
}

export type AmountResult = { ok: true; sen: number } | { ok: false; key: string; params?: Params };

/** "1234", "1234.5", "1234.56" → integer sen; negative, non-numeric or 3+ decimals refused. */
export function parseAmount(raw: string): AmountResult {
  const s = raw.trim();
  if (s === '') return { ok: false, key: 'staff.import.err.required' };
  if (/^-\s*\d+(\.\d*)?$/.test(s)) return { ok: false, key: 'staff.import.err.amountNegative' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, key: 'staff.import.err.amountNotNumber', params: { value: s.slice(0, 30) } };
  const [, whole = '', frac = ''] = m;
  if (frac.length > 2) return { ok: false, key: 'staff.import.err.amountDecimals' };
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_AMOUNT_INTEGER_DIGITS) return { ok: false, key: 'staff.import.err.amountTooLarge' };
  return { ok: true, sen: Number(digits) * 100 + Number(frac.padEnd(2, '0')) };
}

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Parses one data row's fields; every problem is collected (a row may have several). */
export function parseRow(record: string[], header: Map<Column, number>, rowNo: number): ParsedRow {
  const problems: FieldProblem[] = [];
  const row: ParsedRow = {
    rowNo,
    year: null,
    month: null,
    payDate: null,
    ic: null,
    name: null,
    departmentCode: null,
    position: null,
    grade: null,
    code: null,
    description: null,
    amountSen: null,
    payrollNo: null,
    bankAccount: null,
    problems,
  };
  if (record.length !== header.size) {
    problems.push({
      field: null,
      key: 'staff.import.err.columnCount',
      params: { found: record.length, expected: header.size },
    });
    return row;
  }
  const get = (c: Column): string => {
    const i = header.get(c);
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const text = (c: Column, required: boolean): string | null => {
    const v = get(c);
    if (v === '') {
      if (required) problems.push({ field: c, key: 'staff.import.err.required' });
      return null;
    }
    const max = TEXT_LIMITS[c];
    if (max !== undefined && v.length > max) {
      problems.push({ field: c, key: 'staff.import.err.tooLong', params: { max } });
      return null;
    }
    return v;
  };

  const year = get('tahun');
  if (/^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100) row.year = Number(year);
  else problems.push({ field: 'tahun', key: year ? 'staff.import.err.year' : 'staff.import.err.required' });

  const month = get('bulan');
  if (/^\d{1,2}$/.test(month) && Number(month) >= 1 && Number(month) <= 12) row.month = Number(month);
  else problems.push({ field: 'bulan', key: month ? 'staff.import.err.month' : 'staff.import.err.required' });

  const payDate = get('tarikh_bayar');
  if (isRealDate(payDate)) row.payDate = payDate;
  else
    problems.push({
      field: 'tarikh_bayar',
      key: payDate ? 'staff.import.err.date' : 'staff.import.err.required',
    });

  const ic = get('no_kp').replace(/[-\s]/g, '');
  if (/^\d{12}$/.test(ic)) row.ic = ic;
  else problems.push({ field: 'no_kp', key: ic ? 'staff.import.err.icFormat' : 'staff.import.err.required' });

  row.name = text('nama', false);
  const dept = text('kod_jabatan', true);
  row.departmentCode = dept ? dept.toUpperCase() : null;
  row.position = text('jawatan', true);
  row.grade = text('gred', true);
  const code = text('kod', true);
  row.code = code ? code.toUpperCase() : null;
  row.description = text('keterangan', false);
  row.payrollNo = text('no_gaji', false);
  row.bankAccount = text('no_akaun', false);

  const amount = parseAmount(get('amaun'));
  if (amount.ok) row.amountSen = amount.sen;
  else problems.push({ field: 'amaun', key: amount.key, params: amount.params });
  return row;
}

/** Names compare without case, extra spaces or punctuation differences in "bin"/"a/l". */
export function sameName(a: string, b: string): boolean {
  const n = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return n(a) === n(b);
}
