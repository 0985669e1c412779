import PDFDocument from 'pdfkit';

/**
 * Small drawing helpers for the portal's PDFs (payslip and Borang EC): A4, the standard
 * Helvetica fonts (no font files), black on white so that they print well.
 */
export type Pdf = PDFKit.PDFDocument;

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GREY = '#555555';
const LINE = '#999999';

export function createPdf(info: { title: string; subject: string }): Pdf {
  return new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: { Title: info.title, Subject: info.subject, Author: 'Portal iSPEKS', Creator: 'Portal iSPEKS' },
  });
}

/** Ends the document and collects it into one buffer. */
export function finishPdf(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
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

export function centred(doc: Pdf, text: string, size: number, bold = true): void {
  doc
    .font(bold ? BOLD : FONT)
    .fontSize(size)
    .fillColor('#000000')
    .text(text, left(doc), doc.y, { width: contentWidth(doc), align: 'center' });
}

export function rule(doc: Pdf, gap = 6): void {
  doc.y += gap / 2;
  doc
    .moveTo(left(doc), doc.y)
    .lineTo(left(doc) + contentWidth(doc), doc.y)
    .lineWidth(0.7)
    .strokeColor(LINE)
    .stroke();
  doc.y += gap / 2;
}

/** A section title in a grey band. */
export function sectionTitle(doc: Pdf, text: string): void {
  ensureSpace(doc, 40);
  doc.y += 6;
  const y = doc.y;
  doc.rect(left(doc), y, contentWidth(doc), 16).fillColor('#e8ecf2').fill();
  doc
    .font(BOLD)
    .fontSize(9.5)
    .fillColor('#000000')
    .text(text, left(doc) + 4, y + 4, { width: contentWidth(doc) - 8 });
  doc.y = y + 20;
}

/** Label/value pairs in `columns` columns (the employee block). */
export function keyValueGrid(doc: Pdf, pairs: [string, string][], columns = 2): void {
  const width = contentWidth(doc);
  const colWidth = width / columns;
  const labelWidth = Math.round(colWidth * 0.42);
  const valueWidth = colWidth - labelWidth - 8;
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
      doc
        .font(FONT)
        .fontSize(8)
        .fillColor(GREY)
        .text(label, x, y, { width: labelWidth - 4 });
      doc
        .font(BOLD)
        .fontSize(8.5)
        .fillColor('#000000')
        .text(value || '-', x + labelWidth, y, { width: valueWidth });
    });
    doc.y = y + height;
  }
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
  doc.rect(x, y, width, 16).fillColor('#e8ecf2').fill();
  doc
    .font(BOLD)
    .fontSize(9.5)
    .fillColor('#000000')
    .text(title, x + 4, y + 4, { width: width - 8 });
  let cy = y + 20;
  for (const row of rows) cy = amountLine(doc, x, cy, width, amountWidth, row);
  doc
    .moveTo(x, cy + 1)
    .lineTo(x + width, cy + 1)
    .lineWidth(0.7)
    .strokeColor(LINE)
    .stroke();
  cy = amountLine(doc, x, cy + 4, width, amountWidth, { ...total, bold: true });
  return cy;
}

function amountLine(
  doc: Pdf,
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
  doc.fillColor(row.sub ? GREY : '#000000').text(row.label, x + 2 + indent, y, { width: labelWidth });
  doc
    .fillColor('#000000')
    .text(row.amount, x + width - amountWidth - 2, y, { width: amountWidth, align: 'right' });
  return y + height;
}

/** Full-width label / amount rows that break across pages (the Borang EC sections). */
export function amountRows(doc: Pdf, rows: AmountRow[]): void {
  const width = contentWidth(doc);
  for (const row of rows) {
    ensureSpace(doc, 14);
    doc.y = amountLine(doc, left(doc), doc.y, width, 110, row);
  }
  doc.x = left(doc);
}

/** A highlighted final figure (Gaji Bersih). */
export function totalBox(doc: Pdf, label: string, amount: string): void {
  ensureSpace(doc, 30);
  const y = doc.y + 4;
  const width = contentWidth(doc);
  doc.rect(left(doc), y, width, 22).lineWidth(1).strokeColor('#000000').stroke();
  doc
    .font(BOLD)
    .fontSize(11)
    .fillColor('#000000')
    .text(label, left(doc) + 6, y + 6, { width: width / 2 });
  doc.text(amount, left(doc) + width / 2, y + 6, { width: width / 2 - 6, align: 'right' });
  doc.y = y + 30;
}

export function note(doc: Pdf, text: string): void {
  ensureSpace(doc, 20);
  doc
    .font(FONT)
    .fontSize(7.5)
    .fillColor(GREY)
    .text(text, left(doc), doc.y, { width: contentWidth(doc) });
  doc.fillColor('#000000');
}
