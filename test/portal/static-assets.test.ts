import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** Static assets under content-hashed names, cached for a year (issue 15). */
describe('static assets', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app?.close();
  });

  test('pages refer to the hashed name, served immutable; the plain name and an old hash are cached briefly', async () => {
    const html = await (await fetch(`${app.baseUrl}/`)).text();
    const href = /href="(\/public\/css\/app\.([0-9a-f]{10})\.css)"/.exec(html);
    assert.ok(href, 'the stylesheet is linked under its hashed name');
    const hashed = await fetch(`${app.baseUrl}${href[1]}`);
    assert.equal(hashed.status, 200);
    assert.equal(hashed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await hashed.text(), readFileSync('public/css/app.css', 'utf8'));

    const plain = await fetch(`${app.baseUrl}/public/css/app.css`);
    assert.equal(plain.status, 200);
    assert.doesNotMatch(plain.headers.get('cache-control') ?? '', /immutable/);

    const stale = await fetch(`${app.baseUrl}/public/css/app.0123456789.css`);
    assert.equal(stale.status, 200, 'a page from before a release still gets its stylesheet');
    assert.doesNotMatch(stale.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${app.baseUrl}/public/css/nothing.0123456789.css`)).status, 404);
  });
});
