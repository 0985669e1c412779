/**
 * The benchmark's yardstick (issue 15): the Fortunes anchor answers TechEmpower's Fortunes page
 * correctly (the table's rows read on every request, the added row, sorted, every message
 * escaped, UTF-8 intact), on the project's Node, from a database of its own. No timing is asserted.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ADDED_FORTUNE, FORTUNES, prepareFortunes } from '../../bench/anchor/fortunes.js';
import { startAnchor, type Server } from '../../bench/lib/processes.js';

const serverUrl = () => {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error('Run tests with `npm test` (TEST_PG_SERVER_URL is set by scripts/run-tests.ts)');
  return url;
};
const name = `fortunes_${randomBytes(4).toString('hex')}`;
let anchor: Server;
let url: string;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

async function rows(): Promise<{ id: number; html: string; message: string }[]> {
  const res = await fetch(`${anchor.url}/fortunes`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
  const html = await res.text();
  assert.match(
    html,
    /^<!DOCTYPE html><html><head><title>Fortunes<\/title><\/head><body><table><tr><th>id<\/th><th>message<\/th><\/tr>/,
  );
  return [...html.matchAll(/<tr><td>(\d+)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => ({
    id: Number(m[1]),
    html: m[2]!,
    message: unescape(m[2]!),
  }));
}

before(async () => {
  url = await prepareFortunes(serverUrl(), name);
  anchor = await startAnchor(url);
});

after(async () => {
  await anchor?.stop();
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

test('the anchor serves the twelve fortunes and the added one, sorted by message, each escaped', async () => {
  const got = await rows();
  assert.equal(got.length, FORTUNES.length + 1);
  assert.deepEqual(new Set(got.map((r) => r.id)), new Set([0, ...FORTUNES.map((f) => f[0])]));
  assert.equal(got.find((r) => r.id === 0)?.message, ADDED_FORTUNE);
  const messages = got.map((r) => r.message);
  assert.deepEqual(
    messages,
    [...messages].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  // Every message comes back as stored, and the markup in one of them only as text.
  for (const [id, message] of FORTUNES) assert.equal(got.find((r) => r.id === id)?.message, message);
  const script = got.find((r) => r.id === 11)!;
  assert.equal(
    script.html,
    '&lt;script&gt;alert(&#34;This should not be displayed in a browser alert box.&#34;);&lt;/script&gt;',
  );
  assert.equal(got.find((r) => r.id === 12)?.html, 'フレームワークのベンチマーク');
});

test('the anchor reads its table on every request', async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("INSERT INTO fortune (id, message) VALUES (13, 'Zebra & <b>bold</b>')");
    const got = await rows();
    assert.equal(got.length, FORTUNES.length + 2);
    const last = got[got.length - 1]!;
    assert.equal(last.id, 12, 'the Japanese message sorts last');
    assert.equal(got.find((r) => r.id === 13)?.html, 'Zebra &amp; &lt;b&gt;bold&lt;/b&gt;');
  } finally {
    await client.query('DELETE FROM fortune WHERE id = 13');
    await client.end();
  }
});
