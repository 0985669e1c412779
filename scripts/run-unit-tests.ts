/**
 * The fast tier (npm run test:unit): the `*.unit.test.ts` files, pure logic (validation,
 * formatting, payroll and EC rules, import row checks, i18n parity, the import graph) with no
 * database, SMTP or browser. They run in this one process (node:test reports at exit and sets the
 * exit code): one process loads the shared source once, where a process per file would spend
 * most of the time compiling the same modules again. `npm test` runs them with everything else.
 * Arguments filter the files by path.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTests, UNIT_SUFFIX } from './test-files.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const files = findTests(path.join(ROOT, 'test'), process.argv.slice(2)).filter((f) =>
  f.endsWith(UNIT_SUFFIX),
);
if (files.length === 0) {
  process.stderr.write('no unit test files matched\n');
  process.exit(1);
}
// No TEST_PG_* variables: a unit test that reaches for the database fails instead of waiting.
for (const name of Object.keys(process.env)) if (name.startsWith('TEST_PG_')) delete process.env[name];
process.env.NODE_ENV = 'test';
for (const file of files) await import(pathToFileURL(file).href);
