import type { Response } from 'express';

export type Layout = 'public' | 'portal' | 'bare';

export interface FieldError {
  text: string;
  href: string;
}

export interface RenderOptions {
  status?: number;
  layout?: Layout;
}

/**
 * Renders a view inside the portal frame. The layout is the public frame for anonymous
 * visitors and the signed-in frame (menu) otherwise, unless the caller picks one.
 */
export async function renderPage(
  res: Response,
  view: string,
  locals: Record<string, unknown> = {},
  options: RenderOptions = {},
): Promise<void> {
  const layout = options.layout ?? (res.locals.user ? 'portal' : 'public');
  const all = { errors: [] as FieldError[], values: {}, ...locals };
  Object.assign(all, fieldHelpers(all.errors));
  const body = await renderToString(res, view, all);
  const t = res.locals.t as ((key: string) => string) | undefined;
  const title = pageTitle(body, all.errors.length > 0, t ?? ((k) => k));
  const html = await renderToString(res, `layouts/${layout}`, { ...all, body, pageTitle: title });
  res
    .status(options.status ?? 200)
    .type('html')
    .send(html);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#34': '"' };

/**
 * The document title (GOV.UK pattern, issue 14 item 6): "<page name> – Portal iSPEKS", the page
 * name being the page's one h1, so title and heading cannot drift apart; "Ralat: " first when
 * the form on the page has errors.
 */
export function pageTitle(body: string, hasErrors: boolean, t: (key: string) => string): string {
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1] ?? '';
  const name = h1
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#34);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const base = name ? `${name} – Portal iSPEKS` : 'Portal iSPEKS';
  return hasErrors ? `${t('frame.errorPrefix')} ${base}` : base;
}

function renderToString(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? '')));
  });
}

const attr = (v: string) => v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The GOV.UK error pattern for templates: `hasError('email')` for the field's error class, and
 * `<input id="email" <%- fieldAria('email', 'email-hint') %>>`, which ties the field to its hint
 * and, when it has one, to its error message (aria-describedby) and marks it aria-invalid.
 */
export function fieldHelpers(errors: FieldError[]) {
  const hasError = (field: string) => errors.some((e) => e.href === `#${field}`);
  const fieldAria = (field: string, ...describedBy: string[]) => {
    const invalid = hasError(field);
    const ids = invalid ? [...describedBy, `${field}-error`] : describedBy;
    return (
      (ids.length ? ` aria-describedby="${attr(ids.join(' '))}"` : '') +
      (invalid ? ' aria-invalid="true"' : '')
    );
  };
  return { hasError, fieldAria };
}

/** Turns zod issues into the `{ text, href }` list the error summary and fields show. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ text: issue.message, href: `#${field}` });
  }
  return out;
}
