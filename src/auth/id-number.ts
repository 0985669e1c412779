/**
 * "No Pengenalan / ID Syarikat": a 12-digit IC number (YYMMDD a real date, 2-digit place of birth,
 * 4 digits; dashes and spaces accepted) or a company registration number (the SSM 12-digit number
 * YYYYTTNNNNNN, or the older "1234567-K").
 */
export type IdNumber =
  | { ok: true; ic: string | null; companyId: string | null }
  | { ok: false; problem: 'required' | 'tooLong' | 'icDigits' | 'icLength' | 'icDate' };

const OLD_COMPANY = /^[A-Z]{0,3}\d{1,9}-?[A-Z]$/;
/** SSM's 12-digit number: year of registration, entity type 01-06, then a serial. */
const SSM_COMPANY = /^(19|20)\d{2}0[1-6]\d{6}$/;

/** True when the first six digits are a date that exists (either century). */
export function isRealIcDate(ic: string): boolean {
  const yy = Number(ic.slice(0, 2));
  const mm = Number(ic.slice(2, 4));
  const dd = Number(ic.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  // 29 February exists when either candidate year (19yy or 20yy) is a leap year; 00 is 2000.
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const daysIn = [31, leap(1900 + yy) || leap(2000 + yy) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return dd <= daysIn[mm - 1]!;
}

export function parseIdNumber(raw: string): IdNumber {
  const value = raw.trim().toUpperCase();
  if (!value) return { ok: false, problem: 'required' };
  if (value.length > 30) return { ok: false, problem: 'tooLong' };
  const compact = value.replace(/\s/g, '');
  if (/^[\d-]+$/.test(compact)) {
    const digits = compact.replace(/-/g, '');
    if (digits.length !== 12) return { ok: false, problem: 'icLength' };
    const icOk = isRealIcDate(digits);
    const companyOk = SSM_COMPANY.test(digits) && !compact.includes('-');
    if (!icOk && !companyOk) return { ok: false, problem: 'icDate' };
    return { ok: true, ic: icOk ? digits : null, companyId: companyOk ? digits : null };
  }
  if (OLD_COMPANY.test(compact)) return { ok: true, ic: null, companyId: compact };
  return { ok: false, problem: 'icDigits' };
}
