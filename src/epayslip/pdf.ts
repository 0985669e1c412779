import type { Translate } from '../core/i18n/index.js';
import { formatDate, formatDateTime, formatMoney, maskAccount } from '../core/format.js';
import {
  amountColumn,
  centred,
  contentWidth,
  createPdf,
  finishPdf,
  keyValueGrid,
  left,
  note,
  rule,
  totalBox,
} from '../core/pdf/layout.js';
import { employeeBlock, type PayslipView } from './service.js';

/** The note of a "Slip Gaji Pindaan": it replaces an earlier version, and when. */
export function amendmentNote(view: PayslipView, t: Translate): string {
  if (!view.amendment) return '';
  return t('epayslip.amended', {
    date: formatDate(view.amendment.publishedAt),
    earlier: formatDate(view.amendment.replacesPublishedAt),
  });
}

/**
 * The payslip as a PDF with the same blocks as the page (pdfkit, drawn on the server). Nothing in
 * it depends on when it is drawn (its dates are the publication's), so the stored copy
 * (pdf-store.ts) and a fresh drawing of the same published payslip are the same bytes.
 */
export function payslipPdf(view: PayslipView, t: Translate, period: string): Promise<Buffer> {
  const doc = createPdf({
    title: t('epayslip.slipTitle', { period }),
    subject: view.employee.name,
    lang: t('pdf.lang'),
    created: view.publishedAt,
  });
  centred(doc, t('epayslip.org'), 11);
  centred(doc, t('epayslip.slipHeading'), 14, true, true);
  centred(doc, t('epayslip.slipTitle', { period }), 10, false);
  if (view.amendment) centred(doc, amendmentNote(view, t), 9, false);
  rule(doc, 10);
  keyValueGrid(doc, employeeBlock(view, t, period, maskAccount, formatDate), 2);
  rule(doc, 10);

  const gap = 12;
  const colWidth = (contentWidth(doc) - gap) / 2;
  const top = doc.y;
  const endEarnings = amountColumn(
    doc,
    left(doc),
    top,
    colWidth,
    t('epayslip.earnings'),
    view.earnings.map((l) => ({ label: l.description, amount: formatMoney(l.amountSen) })),
    { label: t('epayslip.totalEarnings'), amount: formatMoney(view.totalEarningsSen) },
  );
  const endDeductions = amountColumn(
    doc,
    left(doc) + colWidth + gap,
    top,
    colWidth,
    t('epayslip.deductions'),
    view.deductions.map((l) => ({ label: l.description, amount: formatMoney(l.amountSen) })),
    { label: t('epayslip.totalDeductions'), amount: formatMoney(view.totalDeductionsSen) },
  );
  doc.y = Math.max(endEarnings, endDeductions) + 8;
  doc.x = left(doc);
  totalBox(doc, t('epayslip.net'), formatMoney(view.netSen));
  note(doc, t('epayslip.computerGenerated'));
  note(doc, t('epayslip.publishedAt', { when: formatDateTime(view.publishedAt) }));
  return finishPdf(doc);
}
