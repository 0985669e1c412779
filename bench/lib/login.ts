/** Logging in through the portal's real two-step form, as a browser does (used to get sessions). */

export const SESSION_COOKIE_NAME = 'ispeks.sid';

/** The `_csrf` hidden field of a page's form. */
export function csrfTokenOf(html: string): string | undefined {
  return /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1];
}

/**
 * The `name=value` pairs of a response's Set-Cookie headers merged into `jar` (the session cookie,
 * and the anonymous CSRF cookie an anonymous form page sets instead of a session), as the
 * Cookie header a browser would send back. The Secure attribute is ignored: the bench speaks
 * plain HTTP to the app as its reverse proxy would.
 */
export function mergeCookies(
  jar: string | undefined,
  setCookie: string | string[] | undefined,
): string | undefined {
  const pairs = new Map<string, string>();
  for (const pair of (jar ?? '').split('; ').filter(Boolean))
    pairs.set(pair.slice(0, pair.indexOf('=')), pair);
  for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const pair = c.split(';')[0]!;
    pairs.set(pair.slice(0, pair.indexOf('=')), pair);
  }
  return pairs.size ? [...pairs.values()].join('; ') : undefined;
}

/** `name=value` of the session cookie in a Cookie header or in Set-Cookie headers. */
export function sessionCookieOf(cookies: string | string[] | undefined): string | undefined {
  const all = Array.isArray(cookies) ? cookies : cookies ? cookies.split(/;\s*|\n/) : [];
  for (const c of all) {
    const pair = c.split(';')[0]!.trim();
    if (pair.startsWith(`${SESSION_COOKIE_NAME}=`)) return pair;
  }
  return undefined;
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** GET / and POST /log-masuk (the ID): a session waiting for the password, and its CSRF token. */
export async function loginStepOne(
  baseUrl: string,
  loginId: string,
  ip: string,
): Promise<{ cookie: string; token: string; ip: string }> {
  const headers = { 'x-forwarded-for': ip };
  const first = await fetch(`${baseUrl}/`, { headers, redirect: 'manual' });
  let cookie = mergeCookies(undefined, first.headers.getSetCookie());
  let token = csrfTokenOf(await first.text());
  if (!cookie || !token) throw new Error(`GET / gave no cookie or CSRF token (status ${first.status})`);
  const step1 = await fetch(`${baseUrl}/log-masuk`, {
    method: 'POST',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ _csrf: token, loginId }),
    redirect: 'manual',
  });
  token = csrfTokenOf(await step1.text()) ?? token;
  if (step1.status !== 200) throw new Error(`POST /log-masuk answered ${step1.status}`);
  cookie = mergeCookies(cookie, step1.headers.getSetCookie())!;
  return { cookie, token, ip };
}

/**
 * GET / (cookie and CSRF token), POST /log-masuk (the ID), POST /log-masuk/kata-laluan (the
 * password); returns the signed-in session cookie. `ip` goes in X-Forwarded-For (the app runs
 * with TRUST_PROXY=true, as behind its reverse proxy), so per-IP limits see many clients.
 */
export async function login(baseUrl: string, loginId: string, password: string, ip: string): Promise<string> {
  const { cookie, token } = await loginStepOne(baseUrl, loginId, ip);
  const step2 = await fetch(`${baseUrl}/log-masuk/kata-laluan`, {
    method: 'POST',
    headers: { 'x-forwarded-for': ip, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ _csrf: token, password }),
    redirect: 'manual',
  });
  await step2.text();
  const signedIn = sessionCookieOf(step2.headers.getSetCookie());
  if (step2.status !== 303 || step2.headers.get('location') !== '/laman-utama' || !signedIn) {
    throw new Error(`login of ${loginId} failed: ${step2.status} ${step2.headers.get('location') ?? ''}`);
  }
  return signedIn;
}
