/**
 * Secret parts of an outgoing email (a temporary password, a reset link) are stored in the outbox
 * between two private-use characters. The sender strips the marks when it sends the email, and
 * as soon as the email is delivered or given up the marked parts are replaced in the stored row
 * (issue 11, item 6): the secret is in the database only while the email waits to be sent.
 */
const START = '\uE000';
const END = '\uE001';
const MARKS = /[\uE000\uE001]/g;

/** What a secret part becomes in the outbox once the email is delivered or given up. */
export const REDACTED = '[disembunyikan selepas dihantar / removed after sending]';

/** Marks a value (already escaped for its part, text or HTML) as secret. */
export function markSecret(value: string): string {
  return `${START}${value.replace(MARKS, '')}${END}`;
}

/** The body as it is sent: the marks removed, the secrets kept. */
export function revealSecrets(body: string): string {
  return body.replace(MARKS, '');
}

/** The PostgreSQL regular expression that finds a marked part (for an UPDATE without a read). */
export const SECRET_PATTERN_SQL = `${START}[^${END}]*${END}`;
