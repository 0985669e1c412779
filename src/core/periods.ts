/** A pay period's year and month as they come in a URL (ePayslip, eEC). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** A year from the URL: four digits in the range the schema allows, else undefined. */
export function parseYear(raw: string): number | undefined {
  if (!/^\d{4}$/.test(raw)) return undefined;
  const y = Number(raw);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : undefined;
}

/** A month from the URL: 1 to 12 (a leading zero is fine), else undefined. */
export function parseMonth(raw: string): number | undefined {
  if (!/^\d{1,2}$/.test(raw)) return undefined;
  const m = Number(raw);
  return m >= 1 && m <= 12 ? m : undefined;
}
