import type { Express } from 'express';

export interface RouteEntry {
  method: 'GET' | 'POST';
  path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/**
 * Every GET and POST route of the app, read from Express's own router stacks (mount prefixes
 * included), so a route added later is in the list without anyone updating a test.
 */
export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [m, on] of Object.entries(layer.route.methods)) {
          const method = m.toUpperCase();
          if (on && (method === 'GET' || method === 'POST')) {
            out.push({ method, path: join(prefix, layer.route.path) });
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
        walk(layer.handle.stack, join(prefix, mount));
      }
    }
  };
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  walk(router.stack, '');
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function join(a: string, b: string): string {
  const joined = `${a.replace(/\/$/, '')}/${b.replace(/^\//, '')}`;
  return joined.length > 1 ? joined.replace(/\/$/, '') : '/';
}

/** Replaces `:name` parameters (and `:name.pdf` forms) with concrete values. */
export function fillParams(path: string, values: Record<string, string | number>): string {
  return path.replace(/:(\w+)/g, (m, name: string) => {
    if (!(name in values)) throw new Error(`no value for route parameter :${name} in ${path}`);
    return String(values[name]);
  });
}
