/**
 * Issue 16 item 1: the module boundaries hold (docs/CONTRIBUTING.md, "Modules"). Reads the
 * imports of src/**\/*.ts (no database, under a second) and fails on
 * - an import cycle between files;
 * - src/core importing anything outside src/core (the core knows no feature: features register
 *   their texts with it, src/messages.ts);
 * - src/middleware importing a feature;
 * - a module reaching into another module's files instead of its index.ts (the only other entry
 *   is src/dev/bring-up.ts, loaded by dynamic import so that production never loads the
 *   devDependencies).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cycles, importGraph, importSpecifiers, moduleOf, boundaryViolations } from './import-graph.js';

describe('import graph of src/', () => {
  const graph = importGraph();

  test('reads the imports of every file, including dynamic imports and re-exports', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files read`);
    assert.ok(graph.get('routes.ts')?.includes('staff/index.ts'), 'routes.ts imports staff/index.ts');
    assert.ok(graph.get('server.ts')?.includes('dev/bring-up.ts'), 'dynamic import read');
    assert.ok(graph.get('accounts/index.ts')?.includes('accounts/queries.ts'), 'export … from read');
    assert.deepEqual(
      importSpecifiers(
        "import a from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c.js';\n" +
          "import {\n  d,\n} from './d.js';\nconst e = await import('./e.js');\nimport 'x';\nimport './f.js';\n",
      ),
      ['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js'],
    );
  });

  test('has no import cycle', () => {
    assert.deepEqual(
      cycles(graph).map((c) => c.join(' -> ')),
      [],
    );
  });

  test('src/core imports no feature, middleware no feature, and modules meet only at an index.ts', () => {
    assert.deepEqual(boundaryViolations(graph), []);
  });

  test('the checks catch a deliberate violation of each rule', () => {
    const bad = new Map<string, string[]>([
      ['core/i18n/index.ts', ['auth/messages.ts']],
      ['auth/messages.ts', ['core/i18n/index.ts']],
      ['middleware/access.ts', ['auth/index.ts']],
      ['profile/service.ts', ['accounts/queries.ts', 'accounts/index.ts']],
      ['accounts/index.ts', ['accounts/queries.ts']],
      ['accounts/queries.ts', []],
      ['auth/index.ts', []],
    ]);
    assert.equal(cycles(bad).length, 1);
    assert.deepEqual(boundaryViolations(bad), [
      'core/i18n/index.ts -> auth/messages.ts: src/core imports only src/core',
      'middleware/access.ts -> auth/index.ts: middleware imports only core and middleware',
      'profile/service.ts -> accounts/queries.ts: another module is used through its index.ts',
    ]);
    assert.equal(moduleOf('app.ts'), '');
    assert.equal(moduleOf('staff/queries.ts'), 'staff');
  });
});
