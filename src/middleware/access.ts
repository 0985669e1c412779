import type { NextFunction, Request, Response } from 'express';
import type { StaffRole } from '../core/current-user.js';
import { loginUrlFor } from './return-to.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message = 'http error',
  ) {
    super(message);
  }
}
export const notFound = () => new HttpError(404, 'not found');
export const forbidden = () => new HttpError(403, 'forbidden');

/** Anonymous visitors go to the login page, which brings them back to the page they asked for. */
export function requireSignedIn(req: Request, res: Response, next: NextFunction) {
  if (!req.currentUser) return res.redirect(303, req.method === 'GET' ? loginUrlFor(req.originalUrl) : '/');
  next();
}

/** ePayslip, eEC, Permohonan and the dashboard belong to civil servants, not company accounts. */
export function requireEmployee(req: Request, _res: Response, next: NextFunction) {
  if (!req.currentUser) return next(new HttpError(401));
  if (req.currentUser.kind !== 'employee' || !req.currentUser.employeeId) return next(forbidden());
  next();
}

/** A staff route: the signed-in account must hold one of the roles (checked on every request). */
export function requireRole(...roles: StaffRole[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const user = req.currentUser;
    if (!user) return next(new HttpError(401));
    if (!roles.some((r) => user.roles.includes(r))) return next(forbidden());
    next();
  };
}

