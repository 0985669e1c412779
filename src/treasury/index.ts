/** Perbendaharaan (the payment status feed), an area of Pengurusan Pentadbir: the public API. */
export { treasuryMessages } from './messages.js';
export { registerTreasuryRoutes } from './routes.js';
export { StatusFeedService } from './service.js';
