import type { NextFunction, Request, Response } from 'express';

/** Per-IP limits of the public forms (generous: a whole department may share one address). */
export const FORM_LIMITS = {
  loginId: { name: 'login-id', max: 200, windowSeconds: 15 * 60 },
  loginPassword: { name: 'login-password', max: 100, windowSeconds: 15 * 60 },
  firstTime: { name: 'first-time', max: 50, windowSeconds: 60 * 60 },
  activation: { name: 'activation', max: 50, windowSeconds: 15 * 60 },
  forgot: { name: 'forgot', max: 50, windowSeconds: 60 * 60 },
  resetAnswers: { name: 'reset-answers', max: 50, windowSeconds: 15 * 60 },
  resetPassword: { name: 'reset-password', max: 50, windowSeconds: 15 * 60 },
} as const;

/** Pages with forms and personal details are never cached (the CSRF token is in them too). */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set('Cache-Control', 'no-store');
  next();
}

/** Renders a page in the public frame (the password policy figures are always there). */
export type PublicPage = (
  res: Response,
  view: string,
  locals?: Record<string, unknown>,
  status?: number,
) => Promise<void>;
