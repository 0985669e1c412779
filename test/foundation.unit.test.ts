import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { formatBannerDateTime, formatMoney } from '../src/core/format.js';

describe('configuration', () => {
  test('a wrong value stops the start with a message naming the variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: Error) => e instanceof ConfigError && /PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: '0' }), /SESSION_IDLE_MINUTES/);
    assert.throws(() => loadConfig({ HELPDESK_EMAIL: 'helpdesk' }), /HELPDESK_EMAIL/);
  });
  test('production requires its own secrets and base URL', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SESSION_SECRET/);
  });
  test('defaults give a working development configuration', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3000);
    assert.equal(c.HELPDESK_EMAIL, 'ispekscare@selangor.gov.my');
    assert.deepEqual(c.GOV_EMAIL_DOMAINS, ['.gov.my']);
    assert.equal(c.SESSION_IDLE_MINUTES, 15);
    assert.equal(c.SESSION_ABSOLUTE_HOURS, 8);
  });
});

describe('formatting', () => {
  test('the banner date and time are in Malay, in Kuala Lumpur time', () => {
    // 2020-01-10 02:05:09 UTC is 10:05:09 in Kuala Lumpur (UTC+8), a Friday.
    assert.equal(
      formatBannerDateTime(new Date('2020-01-10T02:05:09Z'), 'ms'),
      'JUMAAT, JANUARI 10, 2020 | 10:05:09 AM',
    );
    assert.equal(
      formatBannerDateTime(new Date('2020-01-10T14:05:09Z'), 'en'),
      'FRIDAY, JANUARY 10, 2020 | 10:05:09 PM',
    );
  });
  test('money is shown as RM with thousands separators from integer sen', () => {
    assert.equal(formatMoney(123456), 'RM 1,234.56');
    assert.equal(formatMoney(5), 'RM 0.05');
    assert.equal(formatMoney(-100000000), '-RM 1,000,000.00');
    assert.throws(() => formatMoney(1.5));
  });
});

describe('Kuala Lumpur clock parts', () => {
  test('the UTC+8 arithmetic agrees with the time-zone database across 1982 to 2060', async () => {
    const { klParts, klPartsByIntl } = await import('../src/core/format.js');
    // Every ~7 days and 13 hours from the change to UTC+8, plus the instants either side of it.
    const instants = [Date.UTC(1981, 11, 31, 15, 59, 59), Date.UTC(1981, 11, 31, 16, 0, 0)];
    for (
      let t = Date.UTC(1982, 0, 1);
      t < Date.UTC(2060, 0, 1);
      t += 7 * 86_400_000 + 13 * 3_600_000 + 17_000
    )
      instants.push(t);
    for (const t of instants)
      assert.deepEqual(klParts(new Date(t)), klPartsByIntl(new Date(t)), new Date(t).toISOString());
    // Before 1982 the zone was UTC+7:30: the database's answer, not the arithmetic.
    assert.equal(klParts(new Date(Date.UTC(1981, 11, 31, 15, 59, 59))).hour, 23);
    assert.equal(klParts(new Date(Date.UTC(1981, 11, 31, 15, 59, 59))).minute, 29);
  });
});
