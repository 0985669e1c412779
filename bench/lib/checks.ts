/**
 * Issue 15's yardstick: the figures measured before (the issue's table, the same machine, the
 * anchor in the same run), its targets as ratios to the anchor, and what the measured 1 → 2
 * worker scaling implies for a larger server.
 */
import type { BenchReport, Measured, RunKey } from './report.js';

/** Issue 15's table (autocannon, 50 connections, 10 s, production mode, demo data), as "before". */
export const BEFORE: Partial<Record<RunKey, { rps: string; ratio: string; p99: string }>> = {
  anchor: { rps: '1,948', ratio: '100%', p99: '43–46' },
  loginPage: { rps: '505–540', ratio: '26–28%', p99: '184–194' },
  dashboard: { rps: '309–323', ratio: '16–17%', p99: '243–290' },
  payslip: { rps: '431–433', ratio: '22%', p99: '178–202' },
  pdf: { rps: '137–139', ratio: '7%', p99: '459–501' },
  emaklum: { rps: '229–270', ratio: '12–14%', p99: '276–313' },
};

/** Issue 15, item 2: throughput as a share of the anchor's. */
export const RATIO_TARGETS: [RunKey, number, string][] = [
  ['loginPage', 0.6, 'Login page, anonymous'],
  ['dashboard', 0.4, 'Dashboard'],
  ['payslip', 0.5, 'Payslip page'],
  ['emaklum', 0.35, 'eMaklum search'],
  ['pdf', 0.25, 'Payslip PDF'],
];
export const P99_FACTOR = 3;
export const ARGON2_SHARE = 0.85;
export const RSS_LIMIT_MB = 250;

export interface Check {
  text: string;
  met: boolean;
  detail: string;
}

const n0 = (v: number) => Math.round(v).toLocaleString('en');
const n1 = (v: number) => v.toFixed(1);
const pct = (v: number) => `${Math.round(v * 100)}%`;

export const measured = (r: BenchReport, k: RunKey) =>
  r.results.find((x): x is Measured => x.key === k && x.skipped === undefined);

export function checks(r: BenchReport): Check[] {
  const anchor = measured(r, 'anchor');
  const out: Check[] = [];
  for (const [k, min, name] of RATIO_TARGETS) {
    const x = measured(r, k);
    const text = `${name} ≥ ${pct(min)} of the anchor`;
    if (!x || !anchor) {
      out.push({ text, met: false, detail: 'not measured' });
      continue;
    }
    const v = x.rps / anchor.rps;
    if (v <= 0) {
      out.push({ text, met: false, detail: `no request answered (${x.failed} failed)` });
      continue;
    }
    out.push({
      text,
      met: v >= min,
      detail:
        v >= min
          ? pct(v)
          : `${pct(v)}: missed by ${Math.round((min - v) * 100)} points (${n0(x.rps)} of the ${n0(min * anchor.rps)} req/s needed; ${n1(min / v)}× to go)`,
    });
  }
  if (anchor) {
    const limit = anchor.p99 * P99_FACTOR;
    for (const [k, , name] of RATIO_TARGETS) {
      const x = measured(r, k);
      // A run where nothing was answered has no latency to compare.
      if (!x || x.rps <= 0) continue;
      out.push({
        text: `p99 of the ${name.charAt(0).toLowerCase()}${name.slice(1)} at ${r.connections} connections ≤ ${P99_FACTOR}× the anchor's (${n0(limit)} ms)`,
        met: x.p99 <= limit,
        detail:
          (x.p99 <= limit
            ? `${n0(x.p99)} ms (${n1(x.p99 / anchor.p99)}×)`
            : `${n0(x.p99)} ms (${n1(x.p99 / anchor.p99)}×): over by ${n0(x.p99 - limit)} ms`) +
          `; one connection: p99 ${n1(x.lightP99)} ms`,
      });
    }
  }
  const login = measured(r, 'login');
  if (login) {
    const v = login.rps / r.argon2.rate;
    const byCpu = r.argon2.cpuMs / (login.appCpuMs + login.pgCpuMs);
    out.push({
      text: `Password step ≥ ${pct(ARGON2_SHARE)} of the raw argon2 verification rate`,
      met: v >= ARGON2_SHARE,
      detail:
        (v >= ARGON2_SHARE ? pct(v) : `${pct(v)}: missed by ${Math.round((ARGON2_SHARE - v) * 100)} points`) +
        ` (by CPU cost: ${pct(byCpu)})`,
    });
  }
  out.push({
    text: `App RSS at peak < ${RSS_LIMIT_MB} MB (one worker)`,
    met: r.peakRssMb < RSS_LIMIT_MB,
    detail:
      r.peakRssMb < RSS_LIMIT_MB
        ? `${n0(r.peakRssMb)} MB`
        : `${n0(r.peakRssMb)} MB: over by ${n0(r.peakRssMb - RSS_LIMIT_MB)} MB`,
  });
  return out;
}

/**
 * The dashboard at 1 and 2 workers, and what it implies for 16 cores: two extrapolations from
 * measured figures (not measurements), stated as such.
 */
export function scalingLines(r: BenchReport): string[] {
  const one = measured(r, 'dashboard');
  const two = measured(r, 'dashboard2');
  if (!one || !two) return ['The dashboard at 2 workers was not measured.'];
  const s = two.rps / one.rps;
  const cost = one.appCpuMs + one.pgCpuMs;
  const byCpu = cost > 0 ? (16 * 1000) / cost : 0;
  const byDoubling = one.rps * s ** 4;
  return [
    `- 1 worker: ${n0(one.rps)} req/s, p99 ${n0(one.p99)} ms; 2 workers: ${n0(two.rps)} req/s, p99 ${n0(two.p99)} ms: ` +
      `×${s.toFixed(2)} (the app ${n1(one.appCpuMs)} → ${n1(two.appCpuMs)} ms of CPU a request, PostgreSQL ` +
      `${n1(one.pgCpuMs)} → ${n1(two.pgCpuMs)}; peak RSS of the workers together ${n0(two.peakTotalMb)} MB).`,
    `- This machine has ${r.machine.cores} cores shared by the app, PostgreSQL and the load generator, so a second ` +
      `worker mostly competes with them for CPU: the ×${s.toFixed(2)} is a floor, not the app's own scaling.`,
    `- 16 cores, **extrapolated from measured ratios, not measured**: by CPU cost (16 cores ÷ ${n1(cost)} ms of app + ` +
      `PostgreSQL CPU per dashboard) about ${n0(byCpu)} req/s if the database ran on those cores too; by the measured ` +
      `1 → 2 factor repeated for each doubling (×${s.toFixed(2)}⁴) about ${n0(byDoubling)} req/s. ` +
      `The truth lies between, and only a run on such a server settles it.`,
  ];
}
