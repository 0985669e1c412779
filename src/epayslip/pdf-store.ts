/**
 * Payslip PDFs drawn once per published payslip and language, and stored (issue 15 item 3): a
 * published payslip never changes in place (a correction is a new payslip), so a download costs
 * one read, and the same payslip is never drawn twice. They are drawn in the background after a
 * month is published (PdfRenderer, started by src/serve.ts) and, for any not drawn yet, by the
 * first download; whoever inserts first wins and every reader gets that stored copy.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { monthName } from '../core/format.js';
import { translator, type Locale } from '../core/i18n/index.js';
import { payslipPdf } from './pdf.js';
import {
  findStoredPdf,
  insertPdf,
  readStoredPdf,
  tryRendererLock,
  unrenderedPayslips,
} from './pdf-queries.js';
import { findPublishedPayslip, type PayslipRow } from './queries.js';
import { buildPayslipView } from './service.js';

/** Bumped when the drawing changes; stored PDFs keep the version they were drawn with. */
export const RENDERER_VERSION = 1;

let renders = 0;
/** How many payslip PDFs this process has drawn (tests check that a download draws nothing). */
export function pdfRenderCount(): number {
  return renders;
}

async function draw(row: PayslipRow, locale: Locale): Promise<Buffer> {
  renders += 1;
  const period = `${monthName(row.month, locale)} ${row.year}`;
  return payslipPdf(buildPayslipView(row, locale), translator(locale), period);
}

/** Draws and stores one payslip's PDF unless stored already; true when this one was stored. */
async function drawAndStore(db: Knex | Knex.Transaction, row: PayslipRow, locale: Locale): Promise<boolean> {
  const bytes = await draw(row, locale);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return insertPdf(db, { payslipId: row.id, lang: locale, bytes, sha256, rendererVersion: RENDERER_VERSION });
}

export interface PdfDownload {
  /** The stored PDF's SHA-256 (hex): the strong ETag. */
  sha256: string;
  /** Null when it is `knownSha` (answer 304). */
  bytes: Buffer | null;
  payslipId: number;
}

/**
 * The employee's published payslip of the month as its stored PDF, drawn and stored first if it
 * is not yet. Undefined when the month has no published payslip for this employee.
 */
export async function payslipPdfDownload(
  db: Knex,
  employeeId: number,
  year: number,
  month: number,
  locale: Locale,
  knownSha = '',
): Promise<PdfDownload | undefined> {
  const found = await findStoredPdf(db, employeeId, year, month, locale, knownSha);
  if (!found) return undefined;
  if (found.sha256) return { sha256: found.sha256, bytes: found.bytes, payslipId: found.payslip_id };

  // Not stored yet: draw it and offer it. Concurrent first downloads (here or in another
  // process) may each draw it; the first INSERT wins and every one of them sends that copy.
  const row = await findPublishedPayslip(db, employeeId, year, month);
  // Superseded by a correction in between: the caller finds the new one on its next look.
  if (row?.id === found.payslip_id) await drawAndStore(db, row, locale);
  const stored = await readStoredPdf(db, found.payslip_id, locale);
  if (!stored) return undefined;
  return {
    sha256: stored.sha256,
    bytes: stored.sha256 === knownSha ? null : stored.bytes,
    payslipId: found.payslip_id,
  };
}

export interface PrerenderOptions {
  /** Payslips drawn per transaction (the cross-process lock is held that long). */
  batchSize?: number;
  /** Languages to draw (default Malay, the portal's default; English is drawn on first download). */
  locales?: readonly Locale[];
  /** Only payslips published within this many seconds (the background renderer's window). */
  sinceSeconds?: number | null;
  /** Ends the work between two batches (a serving process shutting down). */
  signal?: AbortSignal;
}

/**
 * Draws and stores the PDF of every current published payslip that has none yet; returns how
 * many it stored. Runs beside other renderers (another process's PdfRenderer): one batch at a
 * time across processes, so a payslip is drawn once.
 */
export async function prerenderPublishedPdfs(db: Knex, options: PrerenderOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 50;
  const locales = options.locales ?? ['ms'];
  let stored = 0;
  for (const locale of locales) {
    while (!options.signal?.aborted) {
      const batch = await db.transaction(async (trx) => {
        if (!(await tryRendererLock(trx))) return { busy: true, rows: 0 };
        const rows = await unrenderedPayslips(trx, locale, batchSize, options.sinceSeconds ?? null);
        for (const row of rows) if (await drawAndStore(trx, row, locale)) stored += 1;
        return { busy: false, rows: rows.length };
      });
      if (batch.busy) await new Promise((r) => setTimeout(r, 100));
      else if (batch.rows === 0) break;
    }
  }
  return stored;
}

const RECENT_SECONDS = 3_600;
const FIRST_PASS_SECONDS = 7 * 24 * 3_600;

const renderers = new Set<PdfRenderer>();

/** Asks this process's renderer to look now (called after a month is published and committed). */
export function wakePdfRenderer(): void {
  for (const r of renderers) r.wake();
}

/**
 * The background renderer of a serving process: every `pollMs`, and at once when woken, stores
 * the PDFs of payslips published recently (the last hour; the first pass after start, the last
 * week). Older payslips without one are drawn by their first download.
 */
export class PdfRenderer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private again = false;
  private window = FIRST_PASS_SECONDS;
  private readonly abort = new AbortController();
  private readonly pollMs: number;

  constructor(private readonly opts: { db: Knex; logger: Logger; pollMs?: number; batchSize?: number }) {
    this.pollMs = opts.pollMs ?? 5_000;
  }

  start(): void {
    this.stopped = false;
    renderers.add(this);
    this.schedule(10);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    renderers.delete(this);
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = prerenderPublishedPdfs(this.opts.db, {
      batchSize: this.opts.batchSize ?? 20,
      sinceSeconds: this.window,
      signal: this.abort.signal,
    })
      .then((n) => {
        this.window = RECENT_SECONDS;
        if (n > 0) this.opts.logger.info({ stored: n }, 'payslip PDFs stored');
      })
      .catch((err: unknown) => this.opts.logger.warn({ err }, 'payslip PDF rendering failed'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const soon = this.again;
        this.again = false;
        this.schedule(soon ? 0 : this.pollMs);
      });
  }
}
