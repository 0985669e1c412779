import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { productionEnv, productionNodeArgs } from '../../scripts/production-node-args.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('the production Node flags', () => {
  it('package.json start:production caps the old and the young generation', () => {
    const args = productionNodeArgs(ROOT);
    assert.ok(args.includes('--max-old-space-size=128'), args.join(' '));
    // Without it V8's young generation grows inside the 128 MB cap and the old generation is
    // mark-compacted every ~50 ms under load (docs/benchmarks.md, issue 15).
    assert.ok(
      args.some((a) => a.startsWith('--max-semi-space-size=')),
      args.join(' '),
    );
  });

  it('the Dockerfile starts the portal with the same flags', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    assert.ok(cmd, 'the Dockerfile has a CMD in exec form');
    const words = JSON.parse(cmd[1]!) as string[];
    assert.deepEqual(words, ['node', ...productionNodeArgs(ROOT), 'dist/src/server.js']);
  });

  it('start:production and the Dockerfile set the same allocator settings', () => {
    const env = productionEnv(ROOT);
    // Two arenas, not one per thread (docs/benchmarks.md); no fixed mmap threshold (argon2).
    assert.deepEqual(env, { MALLOC_ARENA_MAX: '2' });
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const set = new Map<string, string>();
    for (const line of dockerfile.matchAll(/^ENV (.+)$/gm))
      for (const pair of line[1]!.split(/\s+/)) {
        const [k, v] = pair.split('=', 2);
        if (k && v !== undefined) set.set(k, v);
      }
    for (const [k, v] of Object.entries(env)) assert.equal(set.get(k), v, `Dockerfile ENV ${k}`);
  });
});
