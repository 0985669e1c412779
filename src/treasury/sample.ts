import type { Knex } from 'knex';
import { FEED_COLUMNS } from './feed-format.js';
import { klToday } from './service.js';

/**
 * "Muat turun contoh fail": a status file built from payments that are really "Dihantar ke bank"
 * now, so a treasury officer (or a newcomer on the demo data) can upload it and see it work:
 * the first received by the bank, the second failed with a reason.
 */
export async function sampleFeed(db: Knex): Promise<string> {
  const rows = await db('payments')
    .where({ status: 'SENT_TO_BANK', method: 'EFT' })
    .orderBy([
      { column: 'voucher_date', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(2)
    .pluck<string[]>('voucher_no');
  const today = klToday(new Date());
  const lines = [FEED_COLUMNS.join(',')];
  if (rows[0]) lines.push(`${rows[0]},RECEIVED_BY_BANK,${today},MBB${today.replace(/-/g, '')}0001,`);
  if (rows[1]) lines.push(`${rows[1]},BANK_FAILED,${today},,Akaun penerima telah ditutup`);
  return `${lines.join('\r\n')}\r\n`;
}
