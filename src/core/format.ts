import type { Locale } from './i18n/index.js';

export const TIME_ZONE = 'Asia/Kuala_Lumpur';

const DAYS: Record<Locale, string[]> = {
  ms: ['AHAD', 'ISNIN', 'SELASA', 'RABU', 'KHAMIS', 'JUMAAT', 'SABTU'],
  en: ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'],
};
const MONTHS: Record<Locale, string[]> = {
  ms: [
    'JANUARI',
    'FEBRUARI',
    'MAC',
    'APRIL',
    'MEI',
    'JUN',
    'JULAI',
    'OGOS',
    'SEPTEMBER',
    'OKTOBER',
    'NOVEMBER',
    'DISEMBER',
  ],
  en: [
    'JANUARY',
    'FEBRUARY',
    'MARCH',
    'APRIL',
    'MAY',
    'JUNE',
    'JULY',
    'AUGUST',
    'SEPTEMBER',
    'OCTOBER',
    'NOVEMBER',
    'DECEMBER',
  ],
};

interface KlParts {
  year: number;
  month: number; // 1-12
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
}

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * Malaysia has kept UTC+8, with no daylight saving, since 1 January 1982 (00:00 local): from then
 * on the parts are arithmetic on the UTC clock. Intl's formatToParts cost ~2% of a page's CPU
 * (issue 15); it stays for older instants (UTC+7:30 before 1982).
 */
const FIXED_OFFSET_SINCE = Date.UTC(1981, 11, 31, 16, 0, 0);
const KL_OFFSET_MS = 8 * 3_600_000;

export function klParts(date: Date): KlParts {
  const ms = date.getTime();
  if (ms >= FIXED_OFFSET_SINCE) {
    const kl = new Date(ms + KL_OFFSET_MS);
    return {
      year: kl.getUTCFullYear(),
      month: kl.getUTCMonth() + 1,
      day: kl.getUTCDate(),
      weekday: kl.getUTCDay(),
      hour: kl.getUTCHours(),
      minute: kl.getUTCMinutes(),
      second: kl.getUTCSeconds(),
    };
  }
  return klPartsByIntl(date);
}

/** The time-zone database's answer; exported for the test that checks the arithmetic against it. */
export function klPartsByIntl(date: Date): KlParts {
  const p: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(date)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: WEEKDAY_INDEX[p.weekday ?? 'Sun'] ?? 0,
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "JUMAAT, JANUARI 10, 2020 | 10:05:09 AM", as the portal shows the time in its header. */
export function formatBannerDateTime(date: Date, locale: Locale): string {
  const p = klParts(date);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const ampm = p.hour < 12 ? 'AM' : 'PM';
  return `${DAYS[locale][p.weekday]}, ${MONTHS[locale][p.month - 1]} ${p.day}, ${p.year} | ${pad(h12)}:${pad(p.minute)}:${pad(p.second)} ${ampm}`;
}

/** A month's name in title case: "Mac", "March". */
export function monthName(month: number, locale: Locale): string {
  const upper = MONTHS[locale][month - 1] ?? '';
  return upper.charAt(0) + upper.slice(1).toLowerCase();
}

/** "10/01/2020" from a Date (in Kuala Lumpur) or a 'YYYY-MM-DD' string. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '-';
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
  }
  const p = klParts(value);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "10/01/2020 10:05:09" in Kuala Lumpur time. */
export function formatDateTime(value: Date | null | undefined): string {
  if (!value) return '-';
  const p = klParts(value);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Integer sen to "RM 1,234.56" (a minus sign before RM for negatives). */
export function formatMoney(sen: number): string {
  if (!Number.isInteger(sen)) throw new TypeError(`Money must be integer sen, got ${sen}`);
  const negative = sen < 0;
  const abs = Math.abs(sen);
  const ringgit = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}RM ${ringgit}.${pad(abs % 100)}`;
}

/** Shows only the last four digits of an account number: "********1234". */
export function maskAccount(account: string): string {
  const digits = account.replace(/\s/g, '');
  if (digits.length <= 4) return digits;
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** "6105******90": the first four and last two digits of an IC. */
export function maskIc(ic: string): string {
  if (ic.length !== 12) return ic;
  return `${ic.slice(0, 4)}******${ic.slice(-2)}`;
}
