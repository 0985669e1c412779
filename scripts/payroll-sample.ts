/** Rewrites files/samples/payroll-import-sample.csv from the demo payroll (seeds/payroll-sample.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { samplePayrollCsv } from '../seeds/payroll-sample.js';

const target = path.resolve(import.meta.dirname, '../files/samples/payroll-import-sample.csv');
writeFileSync(target, samplePayrollCsv());
process.stdout.write(`wrote ${target}\n`);
