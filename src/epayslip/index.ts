/** ePayslip: the public API. */
export { epayslipMessages } from './messages.js';
export { epayslipRouter } from './routes.js';
export { PdfRenderer, wakePdfRenderer } from './pdf-store.js';
