/** eMaklum (payment status): the public API; the payment catalogue and status rules are shared with the dashboard and the treasury. */
export { PAYMENT_STATUSES, PAYMENT_STATUS_BADGE, type PaymentMethod, type PaymentStatus } from './catalog.js';
export { emaklumMessages } from './messages.js';
export { emaklumRouter } from './routes.js';
export { parseDateInput, PaymentNotifyService } from './service.js';
export { ALLOWED_TRANSITIONS, checkTransition } from './status-transitions.js';
