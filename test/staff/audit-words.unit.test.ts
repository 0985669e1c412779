/**
 * Issue 14 item 14: every action the code writes to the audit log has words in both languages and
 * is in the administrator's filter list. The codes are read from the source itself, so a new
 * action without words fails here rather than showing a bare code to an administrator.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { hasMessage, translator } from '../../src/core/i18n/index.js';
import '../../src/messages.js';
import { auditFields, auditSentence, KNOWN_AUDIT_ACTIONS } from '../../src/staff/audit-words.js';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Action codes as the code writes them: `action: '…'`, auditView(…, '…'), confirm(…, '….changed'). */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\baction:\s*'([a-z_]+(?:\.[a-z_]+)+)'/g,
    /auditView\([^,]+,\s*[^,]+,\s*'([a-z_.]+)'/g,
    /this\.confirm\([^,]+,[^,]+,[^,]+,\s*'([a-z_.]+)'/g,
  ];
  for (const file of sourceFiles(SRC)) {
    if (file.endsWith('messages.ts') || file.endsWith('audit-words.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.add(m[1]!);
  }
  return found;
}

describe('the audit log in words', () => {
  test('every action the code writes has a name in Malay and English and is in the filter list', () => {
    const actions = writtenActions();
    assert.ok(actions.size >= 30, `found only ${actions.size} actions: the scan is broken`);
    for (const action of actions) {
      assert.ok(KNOWN_AUDIT_ACTIONS.has(action), `${action} is not in the filter list`);
      for (const locale of ['ms', 'en'] as const)
        assert.ok(hasMessage(locale, `staff.action.${action}`), `${action} has no words (${locale})`);
    }
  });

  test('a payroll import reads as a sentence, with the month in words', () => {
    const details = { uploadId: 7, importId: 3, year: 2026, month: 12, payslips: 3, lines: 40, replaced: 0 };
    assert.equal(
      auditSentence(translator('ms'), 'ms', 'staff.payroll.import_committed', details),
      'Import gaji disahkan: Disember 2026, 3 slip gaji',
    );
    assert.equal(
      auditSentence(translator('en'), 'en', 'staff.payroll.import_committed', details),
      'Payroll import confirmed: December 2026, 3 payslips',
    );
    // An older row without the details falls back to the name, never a sentence with holes.
    assert.equal(
      auditSentence(translator('ms'), 'ms', 'staff.payroll.import_committed', {}),
      'Import gaji disahkan',
    );
  });

  test('details are labelled fields: words for known keys and values, dates and booleans readable', () => {
    const fields = auditFields(translator('ms'), 'ms', {
      role: 'payroll',
      temporaryPasswordVoided: true,
      lockedUntil: '2026-12-01T06:00:00.000Z',
      somethingNew: 5,
    });
    assert.deepEqual(fields[0], ['Peranan', 'Unit Gaji']);
    assert.deepEqual(fields[1], ['Kata laluan sementara dibatalkan', 'Ya']);
    assert.equal(fields[2]![0], 'Dikunci hingga');
    assert.match(fields[2]![1], /2026/);
    assert.doesNotMatch(fields[2]![1], /T06:00/);
    assert.deepEqual(fields[3], ['somethingNew', '5']);
  });
});
