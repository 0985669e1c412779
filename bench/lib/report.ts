/** The benchmark's table (console) and its section of docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ExplainedQuery } from './explain.js';

export type RunKey = 'ceiling' | 'dashboard' | 'payslip' | 'pdf' | 'emaklum' | 'login' | 'journey';

export type RunResult =
  | { key: RunKey; label: string; skipped: string }
  | {
      key: RunKey;
      label: string;
      skipped?: undefined;
      requests: number;
      seconds: number;
      rps: number;
      p50: number;
      p99: number;
      /** p50 and p99 with one connection: the page's own time, nothing queued before it. */
      lightP50: number;
      lightP99: number;
      /** Responses that were not the expected one (errors, timeouts, wrong status). */
      failed: number;
      bytes: number;
      peakRssMb: number;
      /** CPU milliseconds per request (per login for the login run). */
      appCpuMs: number;
      pgCpuMs: number;
      benchCpuMs: number;
      /** Cores used by other processes on the machine during the run (not app, database or bench). */
      otherCores: number;
    };

type Measured = Extract<RunResult, { skipped?: undefined }>;

export interface BenchReport {
  date: Date;
  machine: { cpu: string; cores: number; ramGb: number };
  node: string;
  postgres: string;
  database: string;
  connections: number;
  seconds: number;
  warmup: number;
  loginSeconds: number;
  /** Extra node options the app ran with (BENCH_APP_NODE_ARGS). */
  nodeArgs: string;
  users: number;
  threadPool: number;
  poolMax: number;
  counts: Record<string, number>;
  seed?: {
    employees: number;
    months: number;
    totalRows: number;
    totalSeconds: number;
    seconds: { copy: number; indexes: number; analyze: number };
  };
  results: RunResult[];
  /** The mean of the raw rate measured before and after the login run. */
  argon2: {
    rate: number;
    before: number;
    after: number;
    p50: number;
    p99: number;
    peakRssMb: number;
    /** CPU milliseconds per verification. */
    cpuMs: number;
    otherCores: number;
  };
  idleRssMb: number;
  /** The app's VmHWM at the end: its peak RSS over the whole benchmark. */
  peakRssMb: number;
  plans: ExplainedQuery[];
  minutes: number;
}

const START = '<!-- bench:start: everything down to bench:end is written by `npm run bench` -->';
const END = '<!-- bench:end -->';

const n0 = (v: number) => Math.round(v).toLocaleString('en');
const n1 = (v: number) => v.toFixed(1);
const pct = (v: number) => `${Math.round(v * 100)}%`;

function klDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

interface Check {
  text: string;
  met: boolean;
  detail: string;
}

function checks(r: BenchReport): Check[] {
  const get = (k: RunKey) => r.results.find((x): x is Measured => x.key === k && x.skipped === undefined);
  const ceiling = get('ceiling');
  const out: Check[] = [];
  const ratio = (k: RunKey, min: number, name: string) => {
    const x = get(k);
    if (!x || !ceiling)
      return out.push({ text: `${name} ≥ ${pct(min)} of the ceiling`, met: false, detail: 'not measured' });
    const v = x.rps / ceiling.rps;
    out.push({
      text: `${name} ≥ ${pct(min)} of the ceiling`,
      met: v >= min,
      detail:
        v >= min
          ? `${pct(v)}`
          : `${pct(v)}: missed by ${Math.round((min - v) * 100)} points (${n0(x.rps)} of the ${n0(min * ceiling.rps)} req/s needed)`,
    });
  };
  ratio('dashboard', 0.5, 'Dashboard');
  ratio('payslip', 0.6, 'Payslip page');
  ratio('emaklum', 0.4, 'eMaklum search');
  for (const [k, name] of [
    ['dashboard', 'dashboard'],
    ['payslip', 'payslip page'],
    ['emaklum', 'eMaklum search'],
  ] as const) {
    const x = get(k);
    if (!x) continue;
    out.push({
      text: `p99 of the ${name} < 50 ms`,
      met: x.p99 < 50,
      detail:
        (x.p99 < 50
          ? `${n1(x.p99)} ms`
          : `${n1(x.p99)} ms: missed by ${n1(x.p99 - 50)} ms (${n1(x.p99 / 50)}×)`) +
        ` (with one connection: p99 ${n1(x.lightP99)} ms)`,
    });
  }
  const pdf = get('pdf');
  if (pdf)
    out.push({
      text: 'Payslip PDF ≥ 300 per second',
      met: pdf.rps >= 300,
      detail:
        pdf.rps >= 300
          ? `${n0(pdf.rps)}/s`
          : `${n0(pdf.rps)}/s: missed by ${n0(300 - pdf.rps)}/s (${pct(pdf.rps / 300)} of the target)`,
    });
  const login = get('login');
  if (login) {
    const v = login.rps / r.argon2.rate;
    const byCpu = r.argon2.cpuMs / (login.appCpuMs + login.pgCpuMs);
    out.push({
      text: 'Login (the password step) ≥ 80% of the raw argon2 verification rate',
      met: v >= 0.8,
      detail:
        (v >= 0.8 ? `${pct(v)}` : `${pct(v)}: missed by ${Math.round((0.8 - v) * 100)} points`) +
        ` (by CPU cost: ${pct(byCpu)})`,
    });
  }
  out.push({
    text: 'App RSS under load < 300 MB',
    met: r.peakRssMb < 300,
    detail:
      r.peakRssMb < 300
        ? `peak ${n0(r.peakRssMb)} MB`
        : `peak ${n0(r.peakRssMb)} MB: over by ${n0(r.peakRssMb - 300)} MB`,
  });
  return out;
}

interface Row {
  cells: string[];
}

function rows(r: BenchReport): { header: string[]; body: Row[] } {
  const ceiling = r.results.find((x): x is Measured => x.key === 'ceiling' && x.skipped === undefined);
  const header = [
    '',
    'req/s',
    'ratio',
    'ratio by CPU',
    'p50 ms',
    'p99 ms',
    'p50 / p99 ms, 1 conn',
    'peak RSS MB',
    'CPU ms: app',
    'PG',
    'load gen',
    'other load',
  ];
  const body: Row[] = r.results.map((x) => {
    if (typeof x.skipped === 'string')
      return { cells: [x.label, `skipped: ${x.skipped}`, ...header.slice(2).map(() => '')] };
    const ratio =
      x.key === 'login' || x.key === 'journey'
        ? `${pct(x.rps / r.argon2.rate)} of argon2`
        : ceiling
          ? pct(x.rps / ceiling.rps)
          : '-';
    // The same ratio from CPU cost (app + PostgreSQL per request), steadier on a shared machine.
    const cost = x.appCpuMs + x.pgCpuMs;
    const cpuRatio =
      x.key === 'login' || x.key === 'journey'
        ? pct(r.argon2.cpuMs / cost)
        : ceiling && cost > 0
          ? pct((ceiling.appCpuMs + ceiling.pgCpuMs) / cost)
          : '-';
    return {
      cells: [
        x.label,
        `${n1(x.rps)}${x.failed ? ` (${x.failed} failed)` : ''}`,
        x.key === 'ceiling' ? '100%' : ratio,
        x.key === 'ceiling' ? '100%' : cpuRatio,
        n1(x.p50),
        n1(x.p99),
        `${n1(x.lightP50)} / ${n1(x.lightP99)}`,
        n0(x.peakRssMb),
        n1(x.appCpuMs),
        n1(x.pgCpuMs),
        n1(x.benchCpuMs),
        `${n1(x.otherCores)} cores`,
      ],
    };
  });
  body.push({
    cells: [
      'raw argon2id verify (same params and pool)',
      `${n1(r.argon2.rate)} (${n1(r.argon2.before)} before, ${n1(r.argon2.after)} after)`,
      '',
      '',
      n1(r.argon2.p50),
      n1(r.argon2.p99),
      '',
      `(${n0(r.argon2.peakRssMb)})`,
      n1(r.argon2.cpuMs),
      '',
      '',
      `${n1(r.argon2.otherCores)} cores`,
    ],
  });
  return { header, body };
}

function consoleTable(r: BenchReport): string {
  const { header, body } = rows(r);
  const all = [header, ...body.map((b) => b.cells)];
  const widths = header.map((_, i) => Math.max(...all.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map((b) => line(b.cells))];
  out.push('');
  for (const c of checks(r)) out.push(`${c.met ? 'met   ' : 'MISSED'}  ${c.text}: ${c.detail}`);
  return out.join('\n');
}

function markdown(r: BenchReport): string {
  const { header, body } = rows(r);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const md: string[] = [];
  const m = r.machine;
  md.push(`## Latest run: ${klDate(r.date)} (Asia/Kuala_Lumpur)`, '');
  md.push(
    `- **Machine**: ${m.cpu}, ${m.cores} cores, ${n1(m.ramGb)} GB RAM; Node ${r.node}; PostgreSQL ${r.postgres} (${r.database}), on the same machine.`,
  );
  md.push(
    `- **Data**: ${Object.entries(r.counts)
      .map(([k, v]) => `${n0(v)} ${k.replace(/_/g, ' ')}`)
      .join(', ')}.`,
  );
  if (r.seed) {
    md.push(
      `- **Seed** (\`npm run seed:scale -- --employees ${r.seed.employees} --months ${r.seed.months}\`): ` +
        `${n0(r.seed.totalRows)} rows in ${n1(r.seed.totalSeconds)} s (${n0(r.seed.totalRows / r.seed.totalSeconds)} rows/s; ` +
        `COPY ${n1(r.seed.seconds.copy)} s, keys and indexes ${n1(r.seed.seconds.indexes)} s, ANALYZE ${n1(r.seed.seconds.analyze)} s).`,
    );
  }
  md.push(
    `- **Method**: ${r.connections} connections, ${r.seconds} s per run (login ${r.loginSeconds} s) after a ${r.warmup} s ` +
      `warm-up, each run starting with the app idle again, autocannon in a second process; ` +
      `${r.users} users signed in through the login form, requests rotating over them; the app in production mode ` +
      `(UV_THREADPOOL_SIZE=${r.threadPool}, DATABASE_POOL_MAX=${r.poolMax}${r.nodeArgs ? `, node ${r.nodeArgs}` : ''}); RSS sampled every 100 ms from /proc. ` +
      `Whole benchmark: ${n1(r.minutes)} minutes.`,
  );
  md.push(
    `- **Columns**: ratio = throughput ÷ the ceiling's (login: ÷ the raw argon2 rate, the mean of a run just before ` +
      `and one just after the login run); ratio by CPU = the ceiling's CPU cost per request (app + PostgreSQL) ÷ the ` +
      `page's (login: one argon2 verification's CPU ÷ a whole login's), which other load on the machine disturbs less; p50 / p99 at ${r.connections} connections, then with one connection (a short ` +
      `run: the request's own time, nothing queued before it); CPU = milliseconds of CPU per request (per login for (f)) ` +
      `used by the app process, by PostgreSQL and by the load generator; other load = cores busy with other processes ` +
      `during the run (this machine is shared). App RSS: ${n0(r.idleRssMb)} MB idle, peak ${n0(r.peakRssMb)} MB (VmHWM) ` +
      `over the whole benchmark.`,
  );
  md.push('');
  md.push(`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const b of body) md.push(`| ${b.cells.map(esc).join(' | ')} |`);
  md.push('', '### Targets', '');
  for (const c of checks(r)) md.push(`- ${c.met ? 'Met' : '**Missed**'}: ${c.text}: ${c.detail}.`);
  md.push('', '### Query plans', '');
  md.push(
    'EXPLAIN (ANALYZE, BUFFERS) of the exact SQL and parameters the feature code sends (captured from knex), ' +
      'for one sample user, after the runs (warm cache).',
    '',
  );
  let page = '';
  for (const p of r.plans) {
    if (p.page !== page) {
      page = p.page;
      md.push(`#### ${page}`, '');
    }
    md.push(
      '```sql',
      p.sql.replace(/\s+\n/g, '\n').trim(),
      `-- parameters: ${JSON.stringify(p.bindings)}`,
      '```',
    );
    md.push('```text', p.plan, '```', '');
  }
  return md.join('\n');
}

const PREAMBLE = `# Benchmarks

How fast the portal is at the size of a whole state's civil service (issue 7), measured by
\`npm run bench\` on the data of \`npm run seed:scale -- --employees 50000 --months 24\`.

`;

/** Prints-ready table; rewrites the generated section of `file` (keeping the rest) when given. */
export function writeReport(r: BenchReport, file?: string): string {
  if (file) {
    const section = `${START}\n\n${markdown(r)}\n${END}`;
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const s = old.indexOf(START.slice(0, 16));
    const e = old.indexOf(END);
    const next =
      s >= 0 && e > s
        ? `${old.slice(0, s)}${section}${old.slice(e + END.length)}`
        : `${old || PREAMBLE}\n${section}\n`;
    writeFileSync(file, next);
  }
  return consoleTable(r);
}
