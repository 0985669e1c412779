/**
 * The middleware cost table (issue 15): the ceiling route behind the first 0, 1, 2, ... of the
 * portal's own middleware layers (bench/middleware-stack/server.ts, one process per depth), each
 * measured like a page, signed in. A layer's cost is what its row adds to the row before it.
 */
import { measurePage, type Settings } from './measure.js';
import { freePort, startServer } from './processes.js';
import type { MiddlewareCostRow } from './report.js';

export interface MiddlewareCostOptions {
  settings: Settings;
  /** The portal's environment (the same database, session secret and flags). */
  env: Record<string, string>;
  nodeArgs: string[];
  /** Signed-in sessions of the portal (the stack shares its session secret and table). */
  users: { cookie?: string }[];
  pgPid?: number;
  log: (line: string) => void;
}

export async function middlewareCost(o: MiddlewareCostOptions): Promise<MiddlewareCostRow[]> {
  const rows: MiddlewareCostRow[] = [];
  let names: string[] | undefined;
  for (let depth = 0; depth <= (names?.length ?? 0); depth++) {
    const port = await freePort();
    const stack = await startServer(
      `the middleware stack (${depth} layers)`,
      [...o.nodeArgs, 'bench/middleware-stack/server.ts'],
      { ...o.env, PORT: String(port), BASE_URL: `http://localhost:${port}`, LAYERS: String(depth) },
      port,
      '/__bench/ceiling',
      'bench-middleware-stack.log',
    );
    try {
      names ??= (await (await fetch(`${stack.url}/__bench/layers`)).json()) as string[];
      const name = depth === 0 ? 'no middleware: the ceiling route alone' : `+ ${names[depth - 1]}`;
      const result = await measurePage(
        o.settings,
        stack.url,
        {
          key: 'ceiling',
          label: `middleware ${depth}: ${name}`,
          pool: o.users,
          path: () => '/__bench/ceiling',
        },
        { appPid: stack.pid, pgPid: o.pgPid },
        o.log,
      );
      if (result.skipped === undefined)
        rows.push({
          depth,
          name,
          rps: result.rps,
          appCpuMs: result.appCpuMs,
          pgCpuMs: result.pgCpuMs,
          p99: result.p99,
          failed: result.failed,
        });
    } finally {
      await stack.stop();
    }
  }
  return rows;
}
