/**
 * Deep links kept through login (issue 14 item 2): the path a signed-out visitor asked for,
 * accepted only when it is a path of this site. Anything a browser could read as another host
 * is refused: "//evil", "/\evil", absolute URLs, and the same hidden behind percent-encoding,
 * tabs or newlines (which browsers strip from URLs).
 */
const BASE = 'http://portal.invalid';

export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 1000) return undefined;
  // Printable ASCII only: no spaces, tabs, newlines or other controls in the raw value.
  if (!/^[\x21-\x7e]+$/.test(value)) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (decoded.startsWith('//') || decoded.includes('\\') || /[\x00-\x1f\x7f]/.test(decoded)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE || url.pathname === '/' || url.pathname.startsWith('//')) return undefined;
  return url.pathname + url.search;
}

/** The login page's address that brings the visitor back to `path` after login. */
export function loginUrlFor(path: string): string {
  const safe = safeReturnTo(path);
  return safe ? `/?kembali=${encodeURIComponent(safe)}` : '/';
}
