import type { Translate } from '../core/i18n/index.js';
import { formatDate, formatDateTime, formatMoney } from '../core/format.js';
import {
  amountRows,
  centred,
  createPdf,
  finishPdf,
  keyValueGrid,
  note,
  paragraph,
  rule,
  sectionTitle,
  type AmountRow,
} from '../core/pdf/layout.js';
import { ecBlocks, ecTitle, type EcForm } from './service.js';

/** Borang EC as a PDF with the same sections as the page. */
export function ecPdf(form: EcForm, t: Translate, monthName: (m: number) => string): Promise<Buffer> {
  const doc = createPdf({ title: ecTitle(form, t), subject: form.header.name, lang: t('pdf.lang') });
  const blocks = ecBlocks(form, t, monthName, formatDate);
  paragraph(doc, t('eec.formCode'));
  if (form.status.kind === 'interim') centred(doc, t('eec.interimTitle'), 16, true, true);
  else centred(doc, t('eec.formLetter'), 20, true, true);
  centred(doc, t('eec.formTitle'), 11);
  centred(doc, t('eec.formSubtitle', { year: form.year }), 9.5);
  centred(doc, t('eec.formNote'), 7.5, false);
  rule(doc, 10);
  keyValueGrid(doc, blocks.header, 2);
  for (const n of blocks.notices) note(doc, n);

  sectionTitle(doc, t('eec.section.A'));
  keyValueGrid(doc, blocks.partA, 2);

  for (const section of form.sections) {
    sectionTitle(doc, t(`eec.section.${section.id}`));
    const rows: AmountRow[] = [];
    for (const line of section.lines) {
      rows.push({ label: t(`eec.line.${line.id}`), amount: formatMoney(line.amountSen) });
      for (const item of line.items)
        rows.push({ label: item.description, amount: formatMoney(item.amountSen), sub: true });
    }
    rows.push({ label: t('eec.sectionTotal'), amount: formatMoney(section.totalSen), bold: true });
    amountRows(doc, rows);
  }

  sectionTitle(doc, t('eec.section.G'));
  keyValueGrid(doc, blocks.employer, 2);
  doc.moveDown(0.5);
  note(doc, t('eec.computerGenerated'));
  note(doc, t('eec.generatedAt', { when: formatDateTime(new Date()) }));
  return finishPdf(doc);
}
