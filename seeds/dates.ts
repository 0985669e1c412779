/** Calendar helpers on plain 'YYYY-MM-DD' strings (no time zone can shift a DATE). */

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function ymd(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function parseYmd(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) throw new Error(`bad date ${date}`);
  return { y, m, d };
}

export function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parseYmd(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const pa = parseYmd(a);
  const pb = parseYmd(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const { y, m, d } = parseYmd(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** A month as one integer (y*12 + m-1) so months compare and count simply. */
export function monthIndex(y: number, m: number): number {
  return y * 12 + (m - 1);
}

export function fromMonthIndex(i: number): { y: number; m: number } {
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
}

export function monthIndexOf(date: string): number {
  const { y, m } = parseYmd(date);
  return monthIndex(y, m);
}

/** Today's date in Malaysia (Asia/Kuala_Lumpur, UTC+8, no daylight saving). */
export function todayInKualaLumpur(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A timestamptz literal at a Malaysian wall-clock time. */
export function klTime(date: string, hh: number, mm = 0, ss = 0): string {
  return `${date}T${pad(hh)}:${pad(mm)}:${pad(ss)}+08:00`;
}

export const MONTHS_MS = [
  'Januari',
  'Februari',
  'Mac',
  'April',
  'Mei',
  'Jun',
  'Julai',
  'Ogos',
  'September',
  'Oktober',
  'November',
  'Disember',
] as const;

export function monthNameMs(m: number): string {
  return MONTHS_MS[m - 1] ?? String(m);
}
