import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allKeys, translate } from '../src/core/i18n/index.js';
// Every feature's texts, registered as the app registers them (src/app.ts imports this too).
import '../src/messages.js';

test('both languages hold the same keys; plurals are right in both languages', () => {
  const ms = new Set(allKeys('ms'));
  const en = new Set(allKeys('en'));
  // Every feature's catalogue is loaded: parity over the core's few keys alone would prove little.
  assert.ok(ms.size > 500, `only ${ms.size} keys registered`);
  assert.deepEqual(
    [...ms].filter((k) => !en.has(k)),
    [],
    'keys missing in English',
  );
  assert.deepEqual(
    [...en].filter((k) => !ms.has(k)),
    [],
    'keys missing in Malay',
  );

  assert.equal(translate('en', 'error.rateLimited.body', { minutes: 1 }).includes('after 1 minute.'), true);
  assert.equal(translate('en', 'error.rateLimited.body', { minutes: 2 }).includes('after 2 minutes.'), true);
  assert.equal(translate('ms', 'error.rateLimited.body', { minutes: 1 }).includes('selepas 1 minit.'), true);
  const months = (count: number, l: 'ms' | 'en') =>
    translate(l, 'eec.monthsRange', { from: 'Jan', to: 'Feb', year: 2026, count });
  assert.equal(months(1, 'en'), 'Jan – Feb 2026 (1 month)');
  assert.equal(months(2, 'en'), 'Jan – Feb 2026 (2 months)');
  assert.equal(months(2, 'ms'), 'Jan – Feb 2026 (2 bulan)');
  assert.equal(translate('en', 'dashboard.loans.more', { count: 1 }), '1 more loan');
  assert.equal(translate('en', 'dashboard.loans.more', { count: 3 }), '3 more loans');
  // No English text left with a bare "{n} <plural noun>" that says "1 minutes".
  for (const key of en) {
    const text = translate('en', key, { count: 1, minutes: 1, hours: 1, months: 1, n: 1, total: 1 });
    assert.doesNotMatch(text, /\b1 (minutes|months|hours|payslips|errors|loans|payments)\b/, key);
  }
});
