import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node flags production starts the portal with, read from package.json's `start:production`
 * (the one place they are written; the Dockerfile's CMD and ENV are checked against it by
 * test/architecture/production-node-args.unit.test.ts), so that the CI smoke and the benchmark
 * run the portal exactly as it is deployed.
 */
export function productionNodeArgs(root = ROOT): string[] {
  const { words, node, entry } = startCommand(root);
  return words.slice(node + 1, entry);
}

/**
 * The environment start:production sets besides NODE_ENV (glibc's allocator settings), for the
 * same reason: the smoke and the bench run the portal as it is deployed.
 */
export function productionEnv(root = ROOT): Record<string, string> {
  const { words, node } = startCommand(root);
  const env: Record<string, string> = {};
  for (const word of words.slice(0, node)) {
    const [name, value] = word.split('=', 2);
    if (name && value !== undefined && name !== 'NODE_ENV') env[name] = value;
  }
  return env;
}

const ROOT = path.resolve(import.meta.dirname, '..');

function startCommand(root: string): { words: string[]; node: number; entry: number } {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = pkg.scripts['start:production'] ?? '';
  const words = command.split(/\s+/);
  const node = words.indexOf('node');
  const entry = words.indexOf('dist/src/server.js');
  if (node < 0 || entry < node)
    throw new Error(`start:production is not "[VAR=value ...] node <flags> dist/src/server.js": ${command}`);
  return { words, node, entry };
}
