/**
 * Reads the import graph of src/: every relative `import … from`, `export … from` and
 * `import('…')` of each .ts file, resolved to a path relative to src/. Regex on purpose: the
 * code base only uses these forms, and the check stays fast (no compiler program).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const SRC = path.resolve(import.meta.dirname, '../../src');

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** The relative imports written in `text`, as specifiers. */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec?.startsWith('.')) out.push(spec);
  }
  return out;
}

/** File (relative to src, with '/') → the src files it imports. */
export function importGraph(root: string = SRC): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const from = path.relative(root, file).split(path.sep).join('/');
    const targets = importSpecifiers(readFileSync(file, 'utf8')).map((spec) =>
      path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.js$/, '.ts'),
    );
    graph.set(from, targets);
  }
  return graph;
}

/** The module of a file: its first folder under src/, or '' for the files at the top. */
export function moduleOf(file: string): string {
  const i = file.indexOf('/');
  return i === -1 ? '' : file.slice(0, i);
}

/** Every import cycle, each listed once as the files around it. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

/** Modules that are not features: any module may use them (core only itself). */
const SHARED = new Set(['core', 'middleware', 'types']);
/** A module's entries besides index.ts (see the test's header). */
const OTHER_ENTRIES = new Set(['dev/bring-up.ts']);

/** Every import that breaks a boundary rule, as "from -> to: rule". */
export function boundaryViolations(graph: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const a = moduleOf(from);
    for (const to of targets) {
      const b = moduleOf(to);
      // Files outside src/ (migrations, seeds) are the tools' side, not a module of the app.
      if (a === b || to.startsWith('../')) continue;
      if (a === 'core') out.push(`${from} -> ${to}: src/core imports only src/core`);
      else if (a === 'middleware' && !SHARED.has(b))
        out.push(`${from} -> ${to}: middleware imports only core and middleware`);
      else if (!SHARED.has(b) && b !== '' && !to.endsWith('/index.ts') && !OTHER_ENTRIES.has(to))
        out.push(`${from} -> ${to}: another module is used through its index.ts`);
    }
  }
  return out.sort();
}
