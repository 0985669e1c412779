/** Laman Utama (the signed-in home page): the public API. */
export { dashboardMessages } from './messages.js';
export { dashboardRouter } from './routes.js';
