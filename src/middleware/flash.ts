import type { NextFunction, Request, Response } from 'express';

/**
 * One-shot notices: a route puts the (translated) text in req.session.flash before a redirect;
 * the next page view gets it as res.locals.flash (the portal layout and the login page show it)
 * and the session forgets it. Only GET requests take it, so a background POST cannot eat it.
 */
export function flashMessages(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'GET' && req.session?.flash) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
}
