/** Logging in through the portal's real two-step form, as a browser does (used to get sessions). */

export const SESSION_COOKIE_NAME = 'ispeks.sid';

/** The `_csrf` hidden field of a page's form. */
export function csrfTokenOf(html: string): string | undefined {
  return /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1];
}

/** `name=value` of the session cookie in a response's Set-Cookie headers. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of all) {
    const pair = c.split(';')[0]!;
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
  const cookie = sessionCookieOf(first.headers.getSetCookie());
  let token = csrfTokenOf(await first.text());
  if (!cookie || !token)
    throw new Error(`GET / gave no session cookie or CSRF token (status ${first.status})`);
  const step1 = await fetch(`${baseUrl}/log-masuk`, {
    method: 'POST',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ _csrf: token, loginId }),
    redirect: 'manual',
  });
  token = csrfTokenOf(await step1.text()) ?? token;
  if (step1.status !== 200) throw new Error(`POST /log-masuk answered ${step1.status}`);
  return { cookie: sessionCookieOf(step1.headers.getSetCookie()) ?? cookie, token, ip };
}

/**
 * GET / (cookie and CSRF token), POST /log-masuk (the ID), POST /log-masuk/kata-laluan (the
 * password); returns the signed-in session cookie. `ip` goes in X-Forwarded-For (the app runs
 * with TRUST_PROXY=true, as behind its reverse proxy), so per-IP limits see many clients.
 */
export async function login(baseUrl: string, loginId: string, password: string, ip: string): Promise<string> {
  const headers = { 'x-forwarded-for': ip };
  const first = await fetch(`${baseUrl}/`, { headers, redirect: 'manual' });
  let cookie = sessionCookieOf(first.headers.getSetCookie());
  let token = csrfTokenOf(await first.text());
  if (!cookie || !token)
    throw new Error(`GET / gave no session cookie or CSRF token (status ${first.status})`);

  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { ...headers, cookie: cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ _csrf: token!, ...fields }),
      redirect: 'manual',
    });
  const step1 = await post('/log-masuk', { loginId });
  const html = await step1.text();
  if (step1.status !== 200) throw new Error(`POST /log-masuk answered ${step1.status}`);
  cookie = sessionCookieOf(step1.headers.getSetCookie()) ?? cookie;
  token = csrfTokenOf(html) ?? token;

  const step2 = await post('/log-masuk/kata-laluan', { password });
  await step2.text();
  const signedIn = sessionCookieOf(step2.headers.getSetCookie());
  if (step2.status !== 303 || step2.headers.get('location') !== '/laman-utama' || !signedIn) {
    throw new Error(`login of ${loginId} failed: ${step2.status} ${step2.headers.get('location') ?? ''}`);
  }
  return signedIn;
}
