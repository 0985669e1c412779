import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node flags production starts the portal with, read from package.json's `start:production`
 * (the one place they are written; the Dockerfile's CMD is checked against it by
 * test/architecture/production-node-args.unit.test.ts), so that the CI smoke and the benchmark
 * run the portal exactly as it is deployed.
 */
export function productionNodeArgs(root = path.resolve(import.meta.dirname, '..')): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = pkg.scripts['start:production'] ?? '';
  const words = command.split(/\s+/);
  const node = words.indexOf('node');
  const entry = words.indexOf('dist/src/server.js');
  if (node < 0 || entry < node) throw new Error(`start:production is not "node <flags> dist/src/server.js": ${command}`);
  return words.slice(node + 1, entry);
}
