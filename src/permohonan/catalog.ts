/** The application modules and statuses (the CHECK constraints of the applications table). */
export const MODULES = ['AC', 'PROC', 'PY', 'SL', 'AIM'] as const;
export type Module = (typeof MODULES)[number];

export const STATUSES = ['DRAFT', 'SUBMITTED', 'IN_PROCESS', 'APPROVED', 'REJECTED', 'CANCELLED'] as const;
export type ApplicationStatus = (typeof STATUSES)[number];

/** Badge colour class per status (classes of public/css/app.css). */
export const STATUS_BADGE: Record<ApplicationStatus, string> = {
  DRAFT: 'badge--muted',
  SUBMITTED: 'badge--info',
  IN_PROCESS: 'badge--warn',
  APPROVED: 'badge--ok',
  REJECTED: 'badge--bad',
  CANCELLED: 'badge--muted',
};

