/** Muat Turun (downloads): the public API. */
export { muatTurunMessages } from './messages.js';
export { muatTurunRouter, publicManualRouter } from './routes.js';
export { warmDocuments } from './documents/index.js';
