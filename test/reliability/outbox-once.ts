/**
 * The outbox checks shared by the tests of several app processes on one database (two servers,
 * the cluster's workers): emails queued in one transaction, each delivered exactly once.
 */
import assert from 'node:assert/strict';
import { enqueueEmail } from '../../src/core/mail/outbox.js';
import type { SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import type { TestDatabase } from '../helpers/db.js';
import { eventually, sleep } from './support.js';

/** Queues `n` test emails (subjects "<label> 001"...) in one transaction; returns the subjects. */
export async function enqueue(database: TestDatabase, label: string, n: number): Promise<string[]> {
  const subjects = Array.from({ length: n }, (_, i) => `${label} ${String(i + 1).padStart(3, '0')}`);
  await database.db.transaction(async (trx) => {
    for (const subject of subjects)
      await enqueueEmail(trx, {
        kind: 'test',
        to: `penerima.${subject.replace(/\W+/g, '.').toLowerCase()}@selangor.gov.my`,
        subject,
        text: subject,
        html: `<p>${subject}</p>`,
      });
  });
  return subjects;
}

/** Waits until every email is marked sent, then a little more for a stray second send to show. */
export async function assertDeliveredOnce(database: TestDatabase, smtp: SmtpCatcher, subjects: string[]) {
  await eventually(
    'every email sent',
    async () => {
      const left = await database
        .db('email_outbox')
        .whereIn('subject', subjects)
        .whereNot('status', 'sent')
        .count<{ count: number }[]>('* as count');
      return left[0]!.count === 0 ? true : undefined;
    },
    30_000,
    200,
  );
  await sleep(1_200);
  for (const subject of subjects) {
    const copies = smtp.messages.filter((m) => m.subject === subject).length;
    assert.equal(copies, 1, `"${subject}" delivered ${copies} times`);
  }
  const attempts = await database.db('email_outbox').whereIn('subject', subjects).pluck('attempts');
  assert.ok(
    attempts.every((a: number) => a === 1),
    'each email was leased once',
  );
}
