/** ePayslip: the public API. */
export { epayslipMessages } from './messages.js';
export { epayslipRouter } from './routes.js';
export { PdfRenderer, prerenderPublishedPdfs, wakePdfRenderer } from './pdf-store.js';
