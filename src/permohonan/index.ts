/** Permohonan (applications): the public API; its catalogue is shared with the dashboard. */
export { MODULES, STATUSES, STATUS_BADGE, type ApplicationStatus, type Module } from './catalog.js';
export { permohonanMessages } from './messages.js';
export { permohonanRouter } from './routes.js';
export { ApplicationService } from './service.js';
