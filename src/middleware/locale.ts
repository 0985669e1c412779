import type { NextFunction, Request, Response } from 'express';
import { isLocale, translator, type Locale } from '../core/i18n/index.js';
import {
  formatBannerDateTime,
  formatDate,
  formatDateTime,
  formatMoney,
  maskAccount,
  maskIc,
  monthName,
} from '../core/format.js';

export const LOCALE_COOKIE = 'ispeks.lang';

/**
 * A cookie's value; a value that is not valid percent-encoding (`ispeks.lang=%E0`) counts as
 * absent: a bad cookie sent by the browser for a year must not break every page (issue 11).
 */
function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Malay unless the visitor chose English (a cookie, so it also holds before login). */
export function localeMiddleware(helpdeskEmail: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const chosen = cookieValue(req.headers.cookie, LOCALE_COOKIE);
    const locale: Locale = isLocale(chosen) ? chosen : 'ms';
    req.locale = locale;
    req.t = translator(locale);
    Object.assign(res.locals, {
      locale,
      t: req.t,
      helpdeskEmail,
      currentPath: req.path,
      formatMoney,
      formatDate,
      formatDateTime,
      maskAccount,
      maskIc,
      monthName: (m: number) => monthName(m, locale),
      bannerDateTime: () => formatBannerDateTime(new Date(), locale),
    });
    next();
  };
}

/** Only same-site relative paths may be a redirect target (no open redirect). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return '/';
  return value;
}

export function languageSwitch(isProduction: boolean) {
  return (req: Request, res: Response) => {
    const lang = req.query.lang;
    const locale: Locale = isLocale(lang) ? lang : 'ms';
    res.cookie(LOCALE_COOKIE, locale, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isProduction && req.secure,
      maxAge: 365 * 24 * 3600 * 1000,
    });
    res.redirect(303, safeReturnPath(req.query.next));
  };
}
