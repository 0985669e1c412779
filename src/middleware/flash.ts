import type { NextFunction, Request, Response } from 'express';

/**
 * A one-shot notice for the next page, set before a redirect (POST, redirect, GET). The one way to
 * set it: saveFlashBeforeRedirect stores it before the redirect goes out.
 */
export function setFlash(req: Request, text: string): void {
  req.session.flash = text;
}

/**
 * One-shot notices: a route puts the (translated) text in the session with setFlash before a redirect;
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

/**
 * express-session flushes a response's headers before its own save has finished, so a browser
 * can follow a 303 and read the session before the notice is stored. A redirect that carries a
 * notice therefore waits for the save.
 */
export function saveFlashBeforeRedirect(req: Request, res: Response, next: NextFunction) {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session?.flash) return redirect(...args);
    req.session.save(() => redirect(...args));
  }) as Response['redirect'];
  next();
}
