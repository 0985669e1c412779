import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The fast tier's files: pure logic, no database, SMTP or browser (npm run test:unit). */
export const UNIT_SUFFIX = '.unit.test.ts';

/** Every `*.test.ts` under `dir` whose path contains one of `filter` (all when empty), sorted. */
export function findTests(dir: string, filter: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full, []));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out.filter((f) => filter.length === 0 || filter.some((x) => f.includes(x))).sort();
}
