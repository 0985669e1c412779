/**
 * A small browser-like HTTP client for tests: keeps cookies, follows no redirects by itself,
 * and fills the hidden `_csrf` field from the page the form came from, as a browser would.
 */
export interface Page {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

export class TestClient {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header this client would send (for hand-built requests). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  clearCookies(): void {
    this.cookies.clear();
  }

  private store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    path: string,
    body?: string | Uint8Array<ArrayBuffer> | FormData | Blob,
    headers: Record<string, string> = {},
  ): Promise<Page> {
    const cookie = this.cookieHeader();
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      body,
      redirect: 'manual',
      headers: { ...this.extraHeaders, ...(cookie ? { cookie } : {}), ...headers },
    });
    this.store(res.headers);
    const html = await res.text();
    if ((res.headers.get('content-type') ?? '').includes('html')) this.lastHtml = html;
    return { status: res.status, headers: res.headers, html, location: res.headers.get('location') };
  }

  get(path: string): Promise<Page> {
    return this.request('GET', path);
  }

  /** Follows redirects like a browser (GET after 303). */
  async follow(page: Page, limit = 5): Promise<Page> {
    let current = page;
    for (let i = 0; i < limit && current.location && current.status >= 300 && current.status < 400; i++) {
      current = await this.get(current.location);
    }
    return current;
  }

  /** Posts a form; `_csrf` comes from the last HTML page unless given (pass `_csrf: null` to leave it out). */
  async post(path: string, fields: Record<string, string | null>): Promise<Page> {
    const form = new URLSearchParams();
    const token = '_csrf' in fields ? fields._csrf : csrfTokenIn(this.lastHtml);
    if (token) form.set('_csrf', token);
    for (const [k, v] of Object.entries(fields)) if (k !== '_csrf' && v !== null) form.append(k, v);
    return this.request('POST', path, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }
}

export function csrfTokenIn(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** Logs in through both real steps of the login form; returns the page after the redirects. */
export async function login(client: TestClient, loginId: string, password: string): Promise<Page> {
  await client.get('/');
  const step2 = await client.post('/log-masuk', { loginId });
  if (step2.status !== 200) throw new Error(`login step 1 gave ${step2.status}`);
  const done = await client.post('/log-masuk/kata-laluan', { password });
  return client.follow(done);
}

/** Text content of the HTML, tags stripped and whitespace collapsed, for "what a user sees" checks. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&#34;|&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
