import {
  BOLD,
  FONT,
  artifact,
  centred,
  contentWidth,
  createPdf,
  ensureSpace,
  finishPdf,
  left,
  root,
  sectionTitle,
  tagged,
  write,
  type Pdf,
} from '../../core/pdf/layout.js';
import { withBoxes, type Block, type DocumentSource } from './markdown.js';

/**
 * A Muat Turun document as a tagged PDF (PDF/UA): the title in the title bar, the language, H1 to
 * H3 headings, lists (L, LI, Lbl, LBody), tables with header cells, and form fields whose writing
 * lines are artifacts, all in the order of the source, which is the reading order.
 */
const SIZE = 10;
const LINE = '#777777';

function heading3(doc: Pdf, text: string): void {
  ensureSpace(doc, 40);
  doc.y += 6;
  tagged(doc, 'H3', () =>
    write(doc.fontSize(10.5).fillColor('#000000'), withBoxes(text), true, left(doc), doc.y, {
      width: contentWidth(doc),
    }),
  );
  doc.y += 3;
}

function para(doc: Pdf, text: string, gap = 5): void {
  ensureSpace(doc, 24);
  tagged(doc, 'P', () =>
    write(doc.fontSize(SIZE).fillColor('#000000'), withBoxes(text), false, left(doc), doc.y, {
      width: contentWidth(doc),
    }),
  );
  doc.y += gap;
}

/** A note in a box with a bar on its left, as the manual's "nota" panels. */
function note(doc: Pdf, text: string): void {
  const width = contentWidth(doc) - 16;
  doc.fontSize(SIZE).font(FONT);
  const height = doc.heightOfString(text, { width }) + 10;
  ensureSpace(doc, height + 6);
  const y = doc.y;
  artifact(doc, () => {
    doc.rect(left(doc), y, contentWidth(doc), height).fillColor('#eef2f8').fill();
    doc.rect(left(doc), y, 4, height).fillColor('#0b3d91').fill();
  });
  tagged(doc, 'P', () =>
    write(doc.fontSize(SIZE).fillColor('#000000'), text, false, left(doc) + 12, y + 5, { width }),
  );
  doc.y = y + height + 6;
}

function list(doc: Pdf, items: { marker: string; text: string }[]): void {
  const l = doc.struct('L');
  root(doc).add(l);
  const indent = Math.max(16, ...items.map((i) => doc.fontSize(SIZE).widthOfString(i.marker) + 8));
  for (const item of items) {
    const width = contentWidth(doc) - indent;
    ensureSpace(doc, doc.heightOfString(item.text, { width }) + 3);
    const y = doc.y;
    const li = doc.struct('LI');
    l.add(li);
    tagged(
      doc,
      'Lbl',
      () => write(doc.fontSize(SIZE).fillColor('#000000'), item.marker, false, left(doc), y, {}),
      li,
    );
    tagged(
      doc,
      'LBody',
      () =>
        write(doc.fontSize(SIZE).fillColor('#000000'), withBoxes(item.text), false, left(doc) + indent, y, {
          width,
        }),
      li,
    );
    li.end();
    doc.y += 3;
  }
  l.end();
  doc.y += 3;
  doc.x = left(doc);
}

/**
 * Column widths after the longest text of each column, each wide enough for its longest word
 * (so "Subsistem" is not broken) and none under a tenth of the width.
 */
function columnWidths(doc: Pdf, header: string[], rows: string[][]): number[] {
  const all = [header, ...rows];
  const longest = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length), 6));
  doc.fontSize(9).font(BOLD);
  const floor = header.map((_, c) =>
    Math.max(
      contentWidth(doc) / 10,
      ...all.flatMap((r) => (r[c] ?? '').split(/\s+/).map((w) => doc.widthOfString(w) + 10)),
    ),
  );
  const total = longest.reduce((a, b) => a + b, 0);
  const raw = longest.map((n, c) => Math.max(floor[c]!, (contentWidth(doc) * n) / total));
  const scale = contentWidth(doc) / raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w * scale);
}

/** A table with its header row as TH cells; empty rows are space to write in. */
function table(doc: Pdf, header: string[], rows: string[][]): void {
  const widths = columnWidths(doc, header, rows);
  const t = doc.struct('Table');
  root(doc).add(t);
  const drawRow = (cells: string[], head: boolean) => {
    doc.fontSize(9).font(head ? BOLD : FONT);
    const height =
      Math.max(18, ...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 8 }))) + 6;
    ensureSpace(doc, height);
    const y = doc.y;
    const tr = doc.struct('TR');
    t.add(tr);
    let x = left(doc);
    cells.forEach((cell, i) => {
      const cx = x;
      const w = widths[i]!;
      artifact(doc, () => {
        if (head) doc.rect(cx, y, w, height).fillColor('#e8ecf2').fill();
        doc.rect(cx, y, w, height).lineWidth(0.6).strokeColor(LINE).stroke();
      });
      if (cell)
        tagged(
          doc,
          head ? 'TH' : 'TD',
          () => write(doc.fontSize(9).fillColor('#000000'), cell, head, cx + 4, y + 4, { width: w - 8 }),
          tr,
        );
      else tr.add(doc.struct(head ? 'TH' : 'TD'));
      x += w;
    });
    tr.end();
    doc.y = y + height;
  };
  drawRow(header, true);
  for (const row of rows)
    drawRow(
      header.map((_, i) => row[i] ?? ''),
      false,
    );
  t.end();
  doc.y += 8;
  doc.x = left(doc);
}

/** A form field: its label, then a line to write on (an artifact) or a printed template. */
function field(doc: Pdf, label: string, template?: string): void {
  const labelWidth = contentWidth(doc) * 0.42;
  doc.fontSize(SIZE).font(FONT);
  const height = Math.max(doc.heightOfString(label, { width: labelWidth - 8 }), 12) + 10;
  ensureSpace(doc, height);
  const y = doc.y;
  const x = left(doc) + labelWidth;
  tagged(doc, 'P', () => {
    write(doc.fontSize(SIZE).fillColor('#000000'), `${label}:`, false, left(doc), y + 4, {
      width: labelWidth - 8,
    });
    if (template) write(doc, withBoxes(template), false, x, y + 4, { width: contentWidth(doc) - labelWidth });
  });
  if (!template)
    artifact(doc, () =>
      doc
        .moveTo(x, y + height - 4)
        .lineTo(left(doc) + contentWidth(doc), y + height - 4)
        .lineWidth(0.6)
        .strokeColor(LINE)
        .stroke(),
    );
  doc.y = y + height;
  doc.x = left(doc);
}

function block(doc: Pdf, b: Block): void {
  switch (b.kind) {
    case 'h1':
      doc.y += 4;
      centred(doc, b.text, 16, true, true);
      doc.y += 6;
      return;
    case 'h2':
      sectionTitle(doc, b.text);
      return;
    case 'h3':
      return heading3(doc, b.text);
    case 'p':
      return para(doc, b.text);
    case 'note':
      return note(doc, b.text);
    case 'list':
      return list(doc, b.items);
    case 'table':
      return table(doc, b.header, b.rows);
    case 'field':
      return field(doc, b.label, b.template);
  }
}

/** The PDF of a document source; the same source always gives the same bytes. */
export function renderDocument(source: DocumentSource): Promise<Buffer> {
  const doc = createPdf({
    title: source.meta.title,
    subject: source.meta.subject,
    lang: source.meta.lang,
    created: source.meta.date,
  });
  for (const b of source.blocks) block(doc, b);
  return finishPdf(doc);
}
