/**
 * What the helpdesk may search by (issue 11, item 9). The list shows IC numbers masked
 * (`8804******42`); a search that matched IC prefixes let a helpdesk officer recover a masked IC
 * in about 23 searches, without the audited "Papar". So every term must be a whole value: the
 * whole 12-digit IC, a whole company ID, a whole email address, or whole words of the name.
 */
export interface HelpdeskSearch {
  /** The 12 digits of an IC typed whole (with or without dashes and spaces). */
  ic: string | null;
  /** The text as a company ID (upper case, no spaces), matched exactly. */
  companyId: string;
  /** A whole email address, lower case (only when the text has an '@'). */
  email: string | null;
  /** Lower-case words, each to match a whole word of the name. */
  nameWords: string[];
}

export type ParsedHelpdeskSearch =
  | { ok: true; search: HelpdeskSearch }
  | { ok: false; errorKey: 'staff.search.tooShort' | 'staff.helpdesk.search.wholeIc' };

export function parseHelpdeskSearch(q: string): ParsedHelpdeskSearch {
  const text = q.trim();
  if (text.replace(/\s+/g, '').length < 3) return { ok: false, errorKey: 'staff.search.tooShort' };
  const compact = text.replace(/[-\s]/g, '');
  if (/^\d+$/.test(compact) && compact.length !== 12)
    return { ok: false, errorKey: 'staff.helpdesk.search.wholeIc' };
  const isEmail = text.includes('@');
  return {
    ok: true,
    search: {
      ic: /^\d{12}$/.test(compact) ? compact : null,
      companyId: text.toUpperCase().replace(/\s/g, ''),
      email: isEmail ? text.toLowerCase() : null,
      nameWords: isEmail ? [] : text.toLowerCase().split(/\s+/).filter(Boolean),
    },
  };
}
