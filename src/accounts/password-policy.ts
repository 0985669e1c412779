import { readFileSync } from 'node:fs';
import path from 'node:path';

/** NIST SP 800-63B rev 4 for a single-factor password: 15 to 128 characters, no composition rules. */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

export type PasswordProblem =
  'required' | 'tooShort' | 'tooLong' | 'common' | 'containsIc' | 'containsName' | 'containsEmail';

/** What the password may not contain: the user's ID (IC or company ID), name and email. */
export interface PasswordContext {
  loginId?: string | null;
  ic?: string | null;
  name?: string | null;
  email?: string | null;
}

/** Name parts that say nothing about the person: Malay patronymics and company suffixes. */
const NAME_STOPWORDS = new Set([
  'bin',
  'binti',
  'bte',
  'bt',
  'anak',
  'a/l',
  'a/p',
  'sdn',
  'bhd',
  'berhad',
  'the',
  'and',
  'dan',
]);

let commonList: Set<string> | undefined;

/** The shipped list of common passwords (lower case, one a line), loaded once. */
export function commonPasswords(): Set<string> {
  if (!commonList) {
    const file = path.join(import.meta.dirname, 'data', 'common-passwords.txt');
    commonList = new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  }
  return commonList;
}

/** Passwords are compared in Unicode NFKC (NIST), so the same characters typed differently match. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Length in characters (code points), as a user counts them, not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...normalisePassword(password)].length;
}

function nameParts(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}]+/u)
    .filter((p) => [...p].length >= 3 && !NAME_STOPWORDS.has(p));
}

/** The first problem with a new password, or null when it is acceptable. */
export function checkPassword(password: string, ctx: PasswordContext = {}): PasswordProblem | null {
  if (password.length === 0) return 'required';
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  const lower = normalisePassword(password).toLowerCase();
  if (commonPasswords().has(lower)) return 'common';
  const compact = lower.replace(/[\s-]/g, '');
  for (const id of [ctx.ic, ctx.loginId]) {
    const value = id?.toLowerCase().replace(/[\s-]/g, '');
    if (value && value.length >= 4 && compact.includes(value)) return 'containsIc';
  }
  if (ctx.name && nameParts(ctx.name).some((part) => lower.includes(part))) return 'containsName';
  const local = ctx.email?.toLowerCase().split('@')[0];
  if (local && local.length >= 3 && lower.includes(local)) return 'containsEmail';
  return null;
}

/** Security answers: NFKC, trimmed, inner spaces collapsed, lower case (DESIGN 3). */
export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
