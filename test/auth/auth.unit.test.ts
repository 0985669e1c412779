import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { decoyFor } from '../../src/auth/decoy.js';
import {
  accountLockedEmail,
  resetLinkEmail,
  securityChangeEmail,
  temporaryPasswordEmail,
} from '../../src/accounts/emails.js';
import { generateTemporaryPassword, isGovernmentEmail } from '../../src/auth/first-time-service.js';
import { parseIdNumber, isRealIcDate } from '../../src/auth/id-number.js';
import { checkPassword, commonPasswords, normaliseAnswer } from '../../src/accounts/password-policy.js';
import { lockMinutesFor } from '../../src/accounts/lockout-queries.js';

const ctx = {
  loginId: '950823106628',
  ic: '950823106628',
  name: 'Siti Khadijah binti Abdul Rahman',
  email: 'sitikhadijah.abdulrahman@selangor.gov.my',
};

describe('password policy (NIST SP 800-63B rev 4)', () => {
  test('15 to 128 characters, counted as characters', () => {
    assert.equal(checkPassword('', ctx), 'required');
    assert.equal(checkPassword('kopi panas pagi', ctx), null, '15 characters are enough');
    assert.equal(checkPassword('kopi panas pag', ctx), 'tooShort');
    assert.equal(checkPassword('😀'.repeat(14), ctx), 'tooShort', '14 emoji are 14 characters, not 28');
    assert.equal(checkPassword('😀'.repeat(15), ctx), null);
    assert.equal(checkPassword('a quiet river '.repeat(9).slice(0, 128), ctx), null);
    assert.equal(checkPassword('a quiet river '.repeat(10).slice(0, 129), ctx), 'tooLong');
  });
  test('no composition rules: all lower case, no digit, no symbol is fine', () => {
    assert.equal(checkPassword('sungai mengalir tenang', ctx), null);
  });
  test('refused when common, whatever the case', () => {
    assert.equal(checkPassword('passwordpassword', ctx), 'common');
    assert.equal(checkPassword('PasswordPassword', ctx), 'common');
    assert.equal(checkPassword('qwertyuiopasdfgh', ctx), 'common');
    assert.equal(checkPassword('123456789012345', ctx), 'common');
    assert.equal(checkPassword('Selangor12345678', ctx), 'common');
    assert.equal(checkPassword('iloveyouiloveyou', ctx), 'common');
  });
  test('refused when it contains the IC (with or without dashes) or the ID', () => {
    assert.equal(checkPassword('my ic is 950823106628', ctx), 'containsIc');
    assert.equal(checkPassword('my ic is 950823-10-6628', ctx), 'containsIc');
    assert.equal(
      checkPassword('company 1234567-K rocks', {
        loginId: '1234567-K',
        name: 'Agro Hijau Lestari Sdn. Bhd.',
      }),
      'containsIc',
    );
  });
  test('refused when it contains a part of the name (3 letters or more), whatever the case', () => {
    assert.equal(checkPassword('khadijah suka kopi', ctx), 'containsName');
    assert.equal(checkPassword('kopi untuk RAHMAN', ctx), 'containsName');
    assert.equal(checkPassword('SitiNurhaliza123', ctx), 'containsName');
    // "bin"/"binti" are not identifying: "combination" and "bintang" stay allowed.
    assert.equal(checkPassword('bintang combination', ctx), null);
    assert.equal(
      checkPassword('hijau daun lestari', { name: 'Agro Hijau Lestari Sdn. Bhd.' }),
      'containsName',
    );
  });
  test('refused when it contains the email local part', () => {
    assert.equal(checkPassword('x sitikhadijah.abdulrahman x', { email: ctx.email }), 'containsEmail');
  });
  test('the shipped list has at least 10,000 lower-case entries, one a line, no duplicates', () => {
    const file = path.resolve(import.meta.dirname, '../../src/accounts/data/common-passwords.txt');
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length >= 10_000, `${lines.length} entries`);
    assert.equal(new Set(lines).size, lines.length);
    assert.ok(lines.every((l) => l === l.toLowerCase() && l.trim() === l));
    assert.equal(commonPasswords().size, lines.length);
  });
});

describe('security answers are normalised', () => {
  test('NFKC, trimmed, spaces collapsed, lower case', () => {
    assert.equal(normaliseAnswer('  Nasi   LEMAK '), 'nasi lemak');
    assert.equal(normaliseAnswer('Nasi\u00a0Lemak'), 'nasi lemak');
    assert.equal(normaliseAnswer('Ｋｕｃｈｉｎｇ'), 'kuching', 'full-width letters');
    assert.equal(normaliseAnswer('\tcikgu\n aminah'), 'cikgu aminah');
    assert.equal(normaliseAnswer('ﬁsh'), 'fish', 'ligature');
  });
});

describe('IC numbers and company IDs', () => {
  test('12 digits with a real date; dashes and spaces accepted', () => {
    assert.deepEqual(parseIdNumber('610512-06-7890'), { ok: true, ic: '610512067890', companyId: null });
    assert.deepEqual(parseIdNumber(' 880415 10 5442 '), { ok: true, ic: '880415105442', companyId: null });
    assert.deepEqual(
      parseIdNumber('000229105442'),
      { ok: true, ic: '000229105442', companyId: null },
      '29 Feb 2000',
    );
    assert.equal(isRealIcDate('010229105442'), false, 'no 29 Feb in 1901 or 2001');
    assert.equal(isRealIcDate('880431105442'), false, '31 April');
    assert.equal(isRealIcDate('880015105442'), false, 'month 00');
  });
  test('each kind of mistake', () => {
    assert.deepEqual(parseIdNumber(''), { ok: false, problem: 'required' });
    assert.deepEqual(parseIdNumber('1'.repeat(31)), { ok: false, problem: 'tooLong' });
    assert.deepEqual(parseIdNumber('8804151O5442'), { ok: false, problem: 'icDigits' });
    assert.deepEqual(parseIdNumber('88041510544'), { ok: false, problem: 'icLength' });
    assert.deepEqual(parseIdNumber('880230105442'), { ok: false, problem: 'icDate' });
    assert.deepEqual(parseIdNumber('<script>'), { ok: false, problem: 'icDigits' });
  });
  test('company IDs: the SSM 12-digit number and the older 1234567-K', () => {
    assert.deepEqual(parseIdNumber('201901012345'), { ok: true, ic: null, companyId: '201901012345' });
    assert.deepEqual(parseIdNumber('1234567-k'), { ok: true, ic: null, companyId: '1234567-K' });
  });
});

describe('other rules', () => {
  test('official email domains', () => {
    assert.equal(isGovernmentEmail('a@selangor.gov.my', ['.gov.my']), true);
    assert.equal(isGovernmentEmail('a@gov.my.evil.com', ['.gov.my']), false);
    assert.equal(isGovernmentEmail('a@yahoo.com', ['.gov.my']), false);
    assert.equal(isGovernmentEmail('a@selangor.gov.my', ['selangor.gov.my']), true);
    assert.equal(isGovernmentEmail('a@notselangor.gov.my', ['selangor.gov.my']), false);
  });
  test('temporary passwords: random, at least 15 characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateTemporaryPassword();
      assert.ok(p.length >= 15);
      seen.add(p);
    }
    assert.equal(seen.size, 200);
  });
  test('lock durations double and stop at one day', () => {
    assert.deepEqual([1, 2, 3, 4, 7, 30].map(lockMinutesFor), [15, 30, 60, 120, 960, 1440]);
  });
  test('the decoy is a function of the ID and the secret', () => {
    assert.deepEqual(
      decoyFor('850101105441', 's'.repeat(32), 12),
      decoyFor('850101105441', 's'.repeat(32), 12),
    );
    assert.notDeepEqual(
      decoyFor('850101105441', 's'.repeat(32), 12),
      decoyFor('850101105441', 't'.repeat(32), 12),
    );
  });
  test('emails are bilingual, plain text and HTML, escape HTML, and say what to do next', () => {
    const m = temporaryPasswordEmail({
      loginId: '<id>',
      temporaryPassword: 'Abcd-Efgh-Jkmn-Pqrs',
      hours: 24,
      loginUrl: 'http://x/',
      helpdesk: 'h@x.gov.my',
    });
    assert.match(m.subject, /Kata laluan sementara \/ Temporary password/);
    assert.ok(m.text.indexOf('Langkah seterusnya') < m.text.indexOf('Next step'));
    assert.ok(m.html.includes('&lt;id&gt;') && !m.html.includes('<id>'));
    for (const e of [
      accountLockedEmail({ minutes: 15, forgotUrl: 'http://x/lupa-kata-laluan', helpdesk: 'h@x' }),
      resetLinkEmail({ link: 'http://x/lupa-kata-laluan/pautan/t', helpdesk: 'h@x' }),
      securityChangeEmail({ change: 'questions', loginUrl: 'http://x/', helpdesk: 'h@x' }),
    ]) {
      assert.ok(e.text.includes('(English)'));
      assert.ok(e.html.includes('lang="ms"') && e.html.includes('lang="en"'));
    }
  });
});
