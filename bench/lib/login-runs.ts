/**
 * The login measurements: the raw argon2id verification rate (a separate process, the portal's
 * parameters and thread-pool size), the password step (POST /log-masuk/kata-laluan, the request
 * that verifies the password) and, optionally, the whole three-request login.
 */
import autocannon from 'autocannon';
import { SCALE_PASSWORD } from '../scale/accounts.js';
import { csrfTokenOf, form, loginStepOne, mergeCookies } from './login.js';
import { measure, randomIp, type Settings } from './measure.js';
import { runChild, waitForIdle } from './processes.js';
import { machineBusySeconds } from './procstat.js';
import type { BenchReport, Measured } from './report.js';

export type Argon2Rate = BenchReport['argon2'];
type OneRate = Omit<Argon2Rate, 'before' | 'after'>;

/** A response header by name, whatever its case (autocannon keeps the raw names). */
function header(headers: Record<string, unknown> | undefined, name: string): string | string[] | undefined {
  for (const [k, v] of Object.entries(headers ?? {}))
    if (k.toLowerCase() === name) return v as string | string[];
  return undefined;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Raw argon2: a separate process on the portal's Node, same parameters and pool, the app idle. */
export async function rawArgon2(s: Settings, threadPool: string, bin: string): Promise<OneRate> {
  const allBefore = machineBusySeconds();
  const wallBefore = performance.now();
  const raw = JSON.parse(
    await runChild(
      ['--import', 'tsx', 'bench/argon2-rate.ts', String(s.seconds), String(s.connections)],
      { UV_THREADPOOL_SIZE: threadPool },
      bin,
    ),
  ) as {
    rate: number;
    p50: number;
    p99: number;
    cpuSeconds: number;
    totalCpuSeconds: number;
    verifications: number;
    peakRssMb: number;
  };
  const wall = (performance.now() - wallBefore) / 1000;
  return {
    rate: raw.rate,
    p50: raw.p50,
    p99: raw.p99,
    peakRssMb: raw.peakRssMb,
    cpuMs: (raw.cpuSeconds * 1000) / Math.max(1, raw.verifications),
    otherCores: Math.max(0, machineBusySeconds() - allBefore - raw.totalCpuSeconds) / wall,
  };
}

export const meanRate = (a: OneRate, b: OneRate): Argon2Rate => ({
  rate: (a.rate + b.rate) / 2,
  before: a.rate,
  after: b.rate,
  p50: (a.p50 + b.p50) / 2,
  p99: Math.max(a.p99, b.p99),
  peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
  cpuMs: (a.cpuMs + b.cpuMs) / 2,
  otherCores: (a.otherCores + b.otherCores) / 2,
});

interface Ctx {
  ip?: string;
  start?: number;
  cookie?: string;
  token?: string;
  loginId?: string;
}

const formHeaders = (ip: string, cookie: string) => ({
  'x-forwarded-for': ip,
  cookie,
  'content-type': 'application/x-www-form-urlencoded',
});

/**
 * (f) the password step: every request needs a session that has been through step 1 (and a
 * successful login replaces it), so enough of them are made beforehand, each from its own address.
 */
export async function measurePasswordStep(
  s: Settings,
  baseUrl: string,
  loginIds: string[],
  expectedRate: number,
  pids: { appPid: number; pgPid?: number },
  log: (line: string) => void,
): Promise<Measured> {
  const needed = Math.min(4000, Math.ceil(expectedRate * (s.warmup + s.seconds + s.light) * 2) + 100);
  log(`(f) login, password step: preparing ${needed} sessions through GET / and POST /log-masuk`);
  const prepared: { cookie: string; token: string; ip: string }[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (prepared.length < needed)
        prepared.push(await loginStepOne(baseUrl, loginIds[prepared.length % loginIds.length]!, randomIp()));
    }),
  );
  await waitForIdle(pids.pgPid ? [pids.appPid, pids.pgPid] : [pids.appPid]);
  let next = 0;
  let times: number[] = [];
  let failures = 0;
  const run = (seconds: number, connections: number) => {
    times = [];
    failures = 0;
    return autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/log-masuk/kata-laluan',
          setupRequest: (req, context) => {
            const sess = prepared[next++ % prepared.length]!;
            (context as Ctx).start = performance.now();
            return {
              ...req,
              headers: formHeaders(sess.ip, sess.cookie),
              body: form({ _csrf: sess.token, password: SCALE_PASSWORD }),
            };
          },
          onResponse: (status, _body, context, headers) => {
            if (status === 303 && header(headers, 'location') === '/laman-utama')
              times.push(performance.now() - (context as Ctx).start!);
            else failures += 1;
          },
        },
      ],
    });
  };
  log(`(f) login, password step: ${s.seconds} s with ${s.connections} connections`);
  const result = await measure(s, {
    key: 'login',
    label: '(f) login: password step (1 argon2)',
    run,
    count: (r) => {
      const sorted = [...times].sort((a, b) => a - b);
      return {
        done: sorted.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        failed: failures + r.errors + r.timeouts,
      };
    },
    bytes: 0,
    ...pids,
  });
  if (next > prepared.length) log(`  (the ${prepared.length} sessions ran out: ${next} requests)`);
  return result;
}

/** (f') the whole login: GET /, POST /log-masuk, POST /log-masuk/kata-laluan, again and again. */
export async function measureWholeLogin(
  s: Settings,
  baseUrl: string,
  loginIds: string[],
  pids: { appPid: number; pgPid?: number },
  log: (line: string) => void,
): Promise<Measured> {
  log(`(f') whole login: ${s.seconds} s with ${s.connections} connections, each repeating the three steps`);
  let times: number[] = [];
  let failures = 0;
  let u = 0;
  const run = (seconds: number, connections: number) => {
    times = [];
    failures = 0;
    return autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          path: '/',
          setupRequest: (req, context) => {
            const ctx = context as Ctx;
            ctx.ip = randomIp();
            ctx.start = performance.now();
            ctx.loginId = loginIds[u++ % loginIds.length]!;
            return { ...req, headers: { 'x-forwarded-for': ctx.ip } };
          },
          onResponse: (_status, body, context, headers) => {
            const ctx = context as Ctx;
            ctx.cookie = mergeCookies(undefined, header(headers, 'set-cookie'));
            ctx.token = csrfTokenOf(body);
          },
        },
        {
          method: 'POST',
          path: '/log-masuk',
          setupRequest: (req, context) => {
            const ctx = context as Ctx;
            if (!ctx.cookie || !ctx.token) {
              failures += 1;
              return null as unknown as autocannon.Request;
            }
            return {
              ...req,
              headers: formHeaders(ctx.ip!, ctx.cookie),
              body: form({ _csrf: ctx.token, loginId: ctx.loginId! }),
            };
          },
          onResponse: (_status, body, context, headers) => {
            const ctx = context as Ctx;
            ctx.token = csrfTokenOf(body) ?? ctx.token;
            ctx.cookie = mergeCookies(ctx.cookie, header(headers, 'set-cookie'));
          },
        },
        {
          method: 'POST',
          path: '/log-masuk/kata-laluan',
          setupRequest: (req, context) => {
            const ctx = context as Ctx;
            return {
              ...req,
              headers: formHeaders(ctx.ip!, ctx.cookie!),
              body: form({ _csrf: ctx.token!, password: SCALE_PASSWORD }),
            };
          },
          onResponse: (status, _body, context, headers) => {
            if (status === 303 && header(headers, 'location') === '/laman-utama')
              times.push(performance.now() - (context as Ctx).start!);
            else failures += 1;
          },
        },
      ],
    });
  };
  return measure(s, {
    key: 'journey',
    label: "(f') whole login (3 requests, 1 argon2)",
    run,
    count: (r) => {
      const sorted = [...times].sort((a, b) => a - b);
      return {
        done: sorted.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        failed: failures + r.errors + r.timeouts,
      };
    },
    bytes: 0,
    ...pids,
  });
}
