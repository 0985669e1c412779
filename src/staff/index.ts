/**
 * Pengurusan Pentadbir (/pentadbir): the public API. Another area of the staff pages (the
 * treasury) registers its routes through `staffRouter(deps, services, [area])` and uses the staff frame.
 */
export { auditMessages } from './audit-messages.js';
export { importMessages } from './import-messages.js';
export { staffMessages } from './messages.js';
export { receiveFile, safeFileName } from './multipart.js';
export { staffRecoveryMessages } from './recovery-messages.js';
export { staffRouter } from './routes.js';
export { idParam, renderStaff } from './web.js';
export { AdminRecoveryService } from './admin-recovery-service.js';
export { AdminService } from './admin-service.js';
export { HelpdeskService } from './helpdesk-service.js';
export { EmailHoldService } from './hold-service.js';
export { PayrollImportService } from './import-service.js';
export { PayrollService } from './payroll-service.js';
