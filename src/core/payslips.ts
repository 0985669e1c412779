/**
 * The one payslip of a month that an employee sees and that everything derived from payslips
 * (ePayslip, Borang EC, the dashboard) uses: published, its publication time reached, and not
 * superseded by a correction ("Slip Gaji Pindaan", DESIGN 1.6). Written once here: a query that
 * forgot the superseded condition would count a corrected month twice.
 *
 * `alias` is the payslips table's alias in the query (a fixed identifier, never user input).
 */
export function currentPublishedPayslip(alias = 'p'): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`bad table alias ${alias}`);
  return `(${alias}.published_at IS NOT NULL AND ${alias}.published_at <= now() AND ${alias}.superseded_by IS NULL)`;
}
