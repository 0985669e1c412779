import PDFDocument from 'pdfkit';
import { LATIN_BOLD, LATIN_REGULAR, cjkFonts, hasCjk, scriptRuns } from './fonts.js';

/**
 * Small drawing helpers for the portal's PDFs (payslip and Borang EC): A4, black on white so
 * that they print well, and accessible: tagged (PDF/UA: a structure tree in reading order,
 * headings, tables of label/value cells, decoration marked as artifacts), with the document
 * language and a title shown in the viewer's title bar, in an embedded Unicode font (DejaVu
 * Sans, from the dejavu-fonts-ttf package) so that names outside Latin-1 print, and Chinese
 * runs in Noto Sans Hans (core/pdf/fonts.ts).
 */
export type Pdf = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export const FONT = 'Body';
export const BOLD = 'Body-Bold';
const CJK_FONT = 'Body-CJK';
const CJK_BOLD = 'Body-CJK-Bold';
const GREY = '#555555';
const LINE = '#999999';

/** The structure root of each document: every helper adds its element here, in reading order. */
const roots = new WeakMap<Pdf, Struct>();

export function root(doc: Pdf): Struct {
  const r = roots.get(doc);
  if (!r) throw new Error('PDF made without createPdf');
  return r;
}

/** Documents that have the Chinese fonts registered (only those that print Chinese load them). */
const withCjk = new WeakSet<Pdf>();

type TextOptions = PDFKit.Mixins.TextOptions;

/**
 * Writes text at (x, y) in the body font, or bold; Chinese runs in the Chinese font, joined as
 * one line of text (pdfkit's `continued`), so the words wrap and extract as one string.
 */
export function write(
  doc: Pdf,
  text: string,
  bold: boolean,
  x: number,
  y: number,
  options: TextOptions,
): Pdf {
  if (!hasCjk(text)) return doc.font(bold ? BOLD : FONT).text(text, x, y, options);
  if (!withCjk.has(doc)) {
    const fonts = cjkFonts();
    // pdfkit takes a parsed fontkit font too (its types list only files and buffers).
    doc.registerFont(CJK_FONT, fonts.regular as PDFKit.Mixins.PDFFontSource);
    doc.registerFont(CJK_BOLD, fonts.bold as PDFKit.Mixins.PDFFontSource);
    withCjk.add(doc);
  }
  const runs = scriptRuns(text);
  runs.forEach((run, i) => {
    doc.font(run.cjk ? (bold ? CJK_BOLD : CJK_FONT) : bold ? BOLD : FONT);
    const continued = i < runs.length - 1;
    if (i === 0) doc.text(run.text, x, y, { ...options, continued });
    else doc.text(run.text, { continued });
  });
  return doc;
}

/** Adds a structure element whose content is what `draw` puts on the page. */
export function tagged(doc: Pdf, type: string, draw: () => void, parent: Struct = root(doc)): void {
  parent.add(doc.struct(type, {}, [draw]));
}

/** Lines, bands and boxes are decoration: screen readers skip them. */
export function artifact(doc: Pdf, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

/**
 * `created` is the document's CreationDate (pdfkit's default is the current time, which also
 * seeds the file ID): a stored payslip passes its publication time, so drawing it again gives
 * the same bytes.
 */
export function createPdf(info: { title: string; subject: string; lang?: string; created?: Date }): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    // The embedded font from the start: the default (Helvetica) would parse its metrics file for
    // every document, only to be replaced on the next line.
    font: LATIN_REGULAR as unknown as string,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    // PDF/UA identification (pdfkit supports it; @types/pdfkit lists only the PDF/A subsets).
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    displayTitle: true,
    lang: info.lang ?? 'ms-MY',
    info: {
      Title: info.title,
      Subject: info.subject,
      Author: 'Portal iSPEKS',
      Creator: 'Portal iSPEKS',
      CreationDate: info.created ?? new Date(),
    },
  });
  doc.registerFont(FONT, LATIN_REGULAR as PDFKit.Mixins.PDFFontSource);
  doc.registerFont(BOLD, LATIN_BOLD as PDFKit.Mixins.PDFFontSource);
  doc.font(FONT);
  const documentRoot = doc.struct('Document');
  doc.addStructure(documentRoot);
  roots.set(doc, documentRoot);
  return doc;
}

/** Ends the document and collects it into one buffer. */
export function finishPdf(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    roots.get(doc)?.end();
    doc.end();
  });
}

export const left = (doc: Pdf) => doc.page.margins.left;
export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Starts a new page when `height` more points would not fit. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

/** A centred line: `heading` makes it the document's H1 (one per document), else a paragraph. */
export function centred(doc: Pdf, text: string, size: number, bold = true, heading = false): void {
  tagged(doc, heading ? 'H1' : 'P', () =>
    write(doc.fontSize(size).fillColor('#000000'), text, bold, left(doc), doc.y, {
      width: contentWidth(doc),
      align: 'center',
    }),
  );
}

/** A plain paragraph at the left margin. */
export function paragraph(doc: Pdf, text: string, size = 8): void {
  tagged(doc, 'P', () =>
    write(doc.fontSize(size).fillColor('#000000'), text, false, left(doc), doc.y, {
      width: contentWidth(doc),
    }),
  );
}

export function rule(doc: Pdf, gap = 6): void {
  doc.y += gap / 2;
  artifact(doc, () =>
    doc
      .moveTo(left(doc), doc.y)
      .lineTo(left(doc) + contentWidth(doc), doc.y)
      .lineWidth(0.7)
      .strokeColor(LINE)
      .stroke(),
  );
  doc.y += gap / 2;
}

/** A section title in a grey band. */
export function sectionTitle(doc: Pdf, text: string): void {
  ensureSpace(doc, 40);
  doc.y += 6;
  const y = doc.y;
  artifact(doc, () => doc.rect(left(doc), y, contentWidth(doc), 16).fillColor('#e8ecf2').fill());
  tagged(doc, 'H2', () =>
    write(doc.fontSize(9.5).fillColor('#000000'), text, true, left(doc) + 4, y + 4, {
      width: contentWidth(doc) - 8,
    }),
  );
  doc.y = y + 20;
}

/** Label/value pairs in `columns` columns (the employee block). */
export function keyValueGrid(doc: Pdf, pairs: [string, string][], columns = 2): void {
  const width = contentWidth(doc);
  const colWidth = width / columns;
  const labelWidth = Math.round(colWidth * 0.42);
  const valueWidth = colWidth - labelWidth - 8;
  // One row of the table per label/value pair, so a screen reader reads each label with its value.
  const table = doc.struct('Table');
  root(doc).add(table);
  for (let i = 0; i < pairs.length; i += columns) {
    const row = pairs.slice(i, i + columns);
    const height =
      Math.max(
        ...row.map(([label, value]) =>
          Math.max(
            doc
              .font(FONT)
              .fontSize(8)
              .heightOfString(label, { width: labelWidth - 4 }),
            doc
              .font(BOLD)
              .fontSize(8.5)
              .heightOfString(value || '-', { width: valueWidth }),
          ),
        ),
      ) + 4;
    ensureSpace(doc, height);
    const y = doc.y;
    row.forEach(([label, value], c) => {
      const x = left(doc) + c * colWidth;
      const tr = doc.struct('TR');
      table.add(tr);
      tagged(
        doc,
        'TH',
        () => write(doc.fontSize(8).fillColor(GREY), label, false, x, y, { width: labelWidth - 4 }),
        tr,
      );
      tagged(
        doc,
        'TD',
        () =>
          write(doc.fontSize(8.5).fillColor('#000000'), value || '-', true, x + labelWidth, y, {
            width: valueWidth,
          }),
        tr,
      );
      tr.end();
    });
    doc.y = y + height;
  }
  table.end();
  doc.x = left(doc);
}

export interface AmountRow {
  label: string;
  amount: string;
  /** Indented, smaller: a breakdown under the row above. */
  sub?: boolean;
  bold?: boolean;
}

/**
 * A column of label / amount rows with a heading and a total, at (x, y) with the given width;
 * returns the y below it. Used side by side for earnings and deductions.
 */
export function amountColumn(
  doc: Pdf,
  x: number,
  y: number,
  width: number,
  title: string,
  rows: AmountRow[],
  total: AmountRow,
): number {
  const amountWidth = 88;
  artifact(doc, () => doc.rect(x, y, width, 16).fillColor('#e8ecf2').fill());
  tagged(doc, 'H2', () =>
    write(doc.fontSize(9.5).fillColor('#000000'), title, true, x + 4, y + 4, { width: width - 8 }),
  );
  // The column is its own table in the structure tree: read whole, before the column beside it.
  const table = doc.struct('Table');
  root(doc).add(table);
  let cy = y + 20;
  for (const row of rows) cy = amountLine(doc, table, x, cy, width, amountWidth, row);
  artifact(doc, () =>
    doc
      .moveTo(x, cy + 1)
      .lineTo(x + width, cy + 1)
      .lineWidth(0.7)
      .strokeColor(LINE)
      .stroke(),
  );
  cy = amountLine(doc, table, x, cy + 4, width, amountWidth, { ...total, bold: true });
  table.end();
  return cy;
}

function amountLine(
  doc: Pdf,
  table: Struct,
  x: number,
  y: number,
  width: number,
  amountWidth: number,
  row: AmountRow,
): number {
  const indent = row.sub ? 12 : 0;
  const size = row.sub ? 8 : 8.5;
  const labelWidth = width - amountWidth - 8 - indent;
  doc.font(row.bold ? BOLD : FONT).fontSize(size);
  const height = Math.max(doc.heightOfString(row.label, { width: labelWidth }), 10) + 3;
  const tr = doc.struct('TR');
  table.add(tr);
  tagged(
    doc,
    'TD',
    () =>
      write(doc.fillColor(row.sub ? GREY : '#000000'), row.label, !!row.bold, x + 2 + indent, y, {
        width: labelWidth,
      }),
    tr,
  );
  tagged(
    doc,
    'TD',
    () =>
      write(doc.fillColor('#000000'), row.amount, !!row.bold, x + width - amountWidth - 2, y, {
        width: amountWidth,
        align: 'right',
      }),
    tr,
  );
  tr.end();
  return y + height;
}

/** Full-width label / amount rows that break across pages (the Borang EC sections). */
export function amountRows(doc: Pdf, rows: AmountRow[]): void {
  const width = contentWidth(doc);
  const table = doc.struct('Table');
  root(doc).add(table);
  for (const row of rows) {
    ensureSpace(doc, 14);
    doc.y = amountLine(doc, table, left(doc), doc.y, width, 110, row);
  }
  table.end();
  doc.x = left(doc);
}

/** A highlighted final figure (Gaji Bersih). */
export function totalBox(doc: Pdf, label: string, amount: string): void {
  ensureSpace(doc, 30);
  const y = doc.y + 4;
  const width = contentWidth(doc);
  artifact(doc, () => doc.rect(left(doc), y, width, 22).lineWidth(1).strokeColor('#000000').stroke());
  tagged(doc, 'P', () => {
    write(doc.fontSize(11).fillColor('#000000'), label, true, left(doc) + 6, y + 6, { width: width / 2 });
    write(doc, amount, true, left(doc) + width / 2, y + 6, { width: width / 2 - 6, align: 'right' });
  });
  doc.y = y + 30;
}

export function note(doc: Pdf, text: string): void {
  ensureSpace(doc, 20);
  tagged(doc, 'P', () =>
    write(doc.fontSize(7.5).fillColor(GREY), text, false, left(doc), doc.y, { width: contentWidth(doc) }),
  );
  doc.fillColor('#000000');
}
