/**
 * Issue 11, item 4: decoys were three words from a public 12×12×12 vocabulary and real phrases
 * free text, so one step-1 request told whether an ID has an account. Now both come from one
 * generator (src/auth/phrase/generator.ts). An attacker who has the source code, but not
 * DECOY_SECRET, is simulated (decoy-stats.ts): on the demo data, on scale-style data and on the
 * phrases the activation page offers, against decoys shown for unknown IDs, they do no better
 * than chance. The bound: held-out accuracy within 50 % ± 4 points on 4,000 test phrases (the
 * standard deviation of a coin-flip classifier there is 0.8 points, so 4 points is 5 sigma), and
 * no chi-square test of a feature significant at 0.001.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { scaleSecret } from '../../bench/scale/accounts.js';
import { DEMO, DEMO_TEMP_PASSWORD } from '../../seeds/demo-accounts.js';
import { decoyFor } from '../../src/auth/decoy.js';
import { isGeneratedPhrase, randomPhrase } from '../../src/auth/phrase/generator.js';
import { listSecretImages } from '../../src/accounts/queries.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/http.js';
import { inputValue, loginSteps } from '../auth/support.js';
import { chiSquare, features, heldOutAccuracy, type Sample } from './decoy-stats.js';

const N = 4000;
const FEATURES = ['generated', 'words', 'length', 'image', 'slot0', 'slot1', 'slot2'];

/** A random valid IC number (a real date, place code 99 which the seed never uses). */
function unknownIc(): string {
  const r = randomBytes(8);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(r[0]! % 100)}${two((r[1]! % 12) + 1)}${two((r[2]! % 28) + 1)}99${String(r.readUInt32BE(4) % 10000).padStart(4, '0')}`;
}

/** The phrases the old seed and real users typed: free text, the attack that worked before. */
const FREE_TEXT = [
  'Pelangi Petang Di Tasik Shah Alam',
  'Kopi O Panas Setiap Pagi',
  'Bunga Raya Mekar Di Pagi Hari',
  'Roti Canai Dan Teh Tarik',
  'Perahu Kecil Di Muara',
  'Frasa baru saya',
];

describe('decoy phrases cannot be told from real ones by someone with the source code', () => {
  let app: TestApp;
  let imageCount: number;
  let decoys: Sample[];

  before(async () => {
    app = await startTestApp();
    const images = await listSecretImages(app.db);
    imageCount = images.length;
    decoys = Array.from({ length: N }, () => decoyFor(unknownIc(), app.config.decoySecret, imageCount));
  });
  after(() => app.close());

  function assertChance(real: Sample[], decoy: Sample[], what: string) {
    const r = real.map(features);
    const d = decoy.map(features);
    for (const key of FEATURES) {
      const { stat, df, critical } = chiSquare(r, d, key);
      assert.ok(
        stat < critical,
        `${what}: ${key} differs (chi-square ${stat.toFixed(1)} > ${critical.toFixed(1)}, df ${df})`,
      );
    }
    const { accuracy, tested } = heldOutAccuracy(r, d);
    assert.ok(
      Math.abs(accuracy - 0.5) < 0.04,
      `${what}: the classifier got ${(accuracy * 100).toFixed(1)} % of ${tested}`,
    );
    return accuracy;
  }

  test('every decoy shown at step 2 is a phrase the generator makes', async () => {
    for (let i = 0; i < 5; i++) {
      const client = new TestClient(app.baseUrl);
      await client.get('/');
      const step2 = await client.post('/log-masuk', { loginId: unknownIc() });
      assert.equal(step2.status, 200);
      const shown = /data-secret-phrase>([^<]*)</.exec(step2.html)?.[1];
      assert.ok(shown && isGeneratedPhrase(shown), `decoy "${shown}"`);
    }
  });

  test('the demo data: every real phrase is a generated one, and decoys match its images and lengths', async () => {
    const rows = await app
      .db('accounts')
      .whereNotNull('secret_phrase')
      .select<{ secret_phrase: string; secret_image_id: number }[]>('secret_phrase', 'secret_image_id');
    const ids = (await listSecretImages(app.db)).map((i) => i.id);
    const real = rows.map((r) => ({ phrase: r.secret_phrase, imageIndex: ids.indexOf(r.secret_image_id) }));
    assert.ok(real.length >= 30, `only ${real.length} demo phrases`);
    const free = real.filter((s) => !isGeneratedPhrase(s.phrase)).map((s) => s.phrase);
    assert.deepEqual(free, [], 'demo phrases the generator cannot make stand out from every decoy');
    // Too few demo accounts for a classifier; the distinct phrases must still be ordinary draws.
    const distinct = [...new Map(real.map((s) => [s.phrase, s])).values()];
    const lengths = decoys.map((d) => d.phrase.length).sort((a, b) => a - b);
    const [lo, hi] = [lengths[Math.floor(N * 0.001)]!, lengths[Math.ceil(N * 0.999) - 1]!];
    for (const s of distinct) assert.ok(s.phrase.length >= lo && s.phrase.length <= hi, s.phrase);
  });

  test('scale-style data (npm run seed:scale): the attacker does no better than chance', (t) => {
    const real = Array.from({ length: N }, (_, i) => scaleSecret(i + 1, imageCount));
    const accuracy = assertChance(real, decoys, 'scale');
    t.diagnostic(`held-out accuracy on scale data vs decoys: ${(accuracy * 100).toFixed(1)} %`);
  });

  test('phrases offered at activation: the attacker does no better than chance', (t) => {
    const real = Array.from({ length: N }, () => randomPhrase(imageCount));
    const accuracy = assertChance(real, decoys, 'activation');
    t.diagnostic(`held-out accuracy on offered phrases vs decoys: ${(accuracy * 100).toFixed(1)} %`);
  });

  test('the same attacker does tell free-text phrases from decoys (it has the power to)', () => {
    const real = Array.from({ length: N }, (_, i) => ({
      phrase: FREE_TEXT[i % FREE_TEXT.length]!,
      imageIndex: i % imageCount,
    }));
    const { accuracy } = heldOutAccuracy(real.map(features), decoys.map(features));
    assert.ok(accuracy > 0.99, `accuracy ${accuracy}`);
  });

  test('the activation page offers a generated phrase and a chosen image by default', async () => {
    const client = new TestClient(app.baseUrl);
    const done = await loginSteps(client, DEMO.pendingEmployee.ic, DEMO_TEMP_PASSWORD);
    assert.equal(done.location, '/pengaktifan');
    const page = await client.get('/pengaktifan');
    assert.equal(page.status, 200);
    const offered = inputValue(page.html, 'phrase');
    assert.ok(offered && isGeneratedPhrase(offered), `offered "${offered}"`);
    assert.match(page.html, /name="image"[^>]*checked/, 'an image is chosen');
    assert.match(page.html, /Frasa yang diisi dijana secara rawak/);
  });
});
