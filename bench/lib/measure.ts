/**
 * One measured run: a warm-up, the run at CONNECTIONS (sampling the app's RSS and each party's
 * CPU), then a short run on one connection (the request's own time, nothing queued before it).
 */
import autocannon from 'autocannon';
import { waitForIdle } from './processes.js';
import { MemorySampler, cpuOfTree, machineBusySeconds } from './procstat.js';
import type { Measured, RunKey, RunResult } from './report.js';

export interface Settings {
  seconds: number;
  warmup: number;
  light: number;
  connections: number;
}

export interface Counted {
  done: number;
  p50: number;
  p99: number;
  failed: number;
}

export type Runner = (seconds: number, connections: number) => Promise<autocannon.Result>;

export const countResponses = (r: autocannon.Result): Counted => ({
  done: r.requests.total,
  p50: r.latency.p50,
  p99: r.latency.p99,
  failed: r.non2xx + r.errors + r.timeouts,
});

/** A random private address per simulated client (the app trusts one proxy hop). */
export const randomIp = () =>
  `10.${(Math.random() * 256) | 0}.${(Math.random() * 256) | 0}.${1 + ((Math.random() * 254) | 0)}`;

export interface MeasureOptions {
  key: RunKey;
  label: string;
  /** The server measured (its children count too: a cluster's workers). */
  appPid: number;
  pgPid?: number;
  run: Runner;
  count?: (r: autocannon.Result) => Counted;
  bytes: number;
  seconds?: number;
  workers?: number;
}

export async function measure(s: Settings, o: MeasureOptions): Promise<Measured> {
  const count = o.count ?? countResponses;
  const seconds = o.seconds ?? s.seconds;
  const busy = o.pgPid ? [o.appPid, o.pgPid] : [o.appPid];
  await o.run(s.warmup, s.connections);
  await waitForIdle(busy);
  const mem = new MemorySampler(o.appPid);
  mem.start();
  const before = {
    app: cpuOfTree(o.appPid),
    pg: o.pgPid ? cpuOfTree(o.pgPid) : 0,
    me: process.cpuUsage(),
    all: machineBusySeconds(),
  };
  const result = await o.run(seconds, s.connections);
  const peakRssMb = mem.stop();
  const me = process.cpuUsage(before.me);
  const cpu = {
    app: cpuOfTree(o.appPid) - before.app,
    pg: o.pgPid ? cpuOfTree(o.pgPid) - before.pg : 0,
    bench: (me.user + me.system) / 1e6,
    all: machineBusySeconds() - before.all,
  };
  const c = count(result);
  await waitForIdle(busy);
  const light = count(await o.run(s.light, 1));
  await waitForIdle(busy);
  // Clamped: a backend that exits during the run (the pool closing an idle connection) takes
  // its CPU time out of the tree's sum.
  const per = (sec: number) => (Math.max(0, sec) * 1000) / Math.max(1, c.done);
  return {
    key: o.key,
    label: o.label,
    requests: c.done,
    seconds: result.duration,
    rps: c.done / result.duration,
    p50: c.p50,
    p99: c.p99,
    lightP50: light.p50,
    lightP99: light.p99,
    failed: c.failed,
    bytes: o.bytes,
    peakRssMb,
    peakTotalMb: mem.peakTotalMb,
    workers: o.workers ?? 1,
    appCpuMs: per(cpu.app),
    pgCpuMs: per(cpu.pg),
    benchCpuMs: per(cpu.bench),
    otherCores: Math.max(0, cpu.all - cpu.app - cpu.pg - cpu.bench) / result.duration,
  };
}

export interface PageTarget<U> {
  key: RunKey;
  label: string;
  /** Signed-in users the requests rotate over (none: anonymous requests). */
  pool: U[];
  path: (u: U | undefined, i: number) => string;
}

/**
 * A GET page: one request first (a route that is missing or failing is reported, not measured),
 * then measured with requests rotating over the pool's sessions.
 */
export async function measurePage<U extends { cookie?: string }>(
  s: Settings,
  baseUrl: string,
  t: PageTarget<U>,
  pids: { appPid: number; pgPid?: number; workers?: number },
  log: (line: string) => void,
): Promise<RunResult> {
  const first = t.pool[0];
  const probe = await fetch(`${baseUrl}${t.path(first, 0)}`, {
    headers: first?.cookie ? { cookie: first.cookie } : {},
    redirect: 'manual',
  });
  const body = Buffer.from(await probe.arrayBuffer());
  if (probe.status !== 200) {
    log(`${t.label}: skipped (${t.path(first, 0)} answered ${probe.status})`);
    return { key: t.key, label: t.label, skipped: `answered ${probe.status}` };
  }
  log(`${t.label}: ${s.seconds} s with ${s.connections} connections (${body.length} bytes a response)`);
  let i = 0;
  const run: Runner = (seconds, connections) =>
    autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const n = i++;
            const u = t.pool.length ? t.pool[n % t.pool.length] : undefined;
            const headers = {
              ...req.headers,
              'x-forwarded-for': randomIp(),
              ...(u?.cookie ? { cookie: u.cookie } : {}),
            };
            return { ...req, path: t.path(u, Math.floor(n / Math.max(1, t.pool.length))), headers };
          },
        },
      ],
    });
  return measure(s, { key: t.key, label: t.label, run, bytes: body.length, ...pids });
}
