/** The benchmark's table (console) and its section of docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ExplainedQuery } from './explain.js';
import { BEFORE, checks, measured, scalingLines } from './checks.js';

export type RunKey =
  | 'anchor'
  | 'loginPage'
  | 'ceiling'
  | 'dashboard'
  | 'payslip'
  | 'pdf'
  | 'emaklum'
  | 'login'
  | 'journey'
  | 'dashboard2';

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
      /** The largest process's peak, and the peak of all the app's processes together. */
      peakRssMb: number;
      peakTotalMb: number;
      workers: number;
      /** CPU milliseconds per request (per login for the login run). */
      appCpuMs: number;
      pgCpuMs: number;
      benchCpuMs: number;
      /** Cores used by other processes on the machine during the run (not app, database or bench). */
      otherCores: number;
    };

export type Measured = Extract<RunResult, { skipped?: undefined }>;

export interface PaydayResult {
  employees: number;
  served: number;
  failed: number;
  seconds: number;
  rps: number;
  /** Time to serve every employee: measured when all were served, else extrapolated. */
  allSeconds: number;
  p50: number;
  p99: number;
  appCpuMs: number;
  pgCpuMs: number;
  /** pg_total_relation_size('payslip_pdfs') before and after; undefined: no such table. */
  storedBytesBefore?: number;
  storedBytes?: number;
  storedRows?: number;
  period: string;
}

/** One row of the middleware cost table (bench/lib/middleware-cost.ts). */
export interface MiddlewareCostRow {
  depth: number;
  name: string;
  rps: number;
  appCpuMs: number;
  pgCpuMs: number;
  p99: number;
  failed: number;
}

export interface BenchReport {
  date: Date;
  /** How the portal ran (built app, mode) and the Node of the portal and the anchor. */
  portal: string;
  serverNode: string;
  payday: PaydayResult | { skipped: string };
  middleware: MiddlewareCostRow[] | { skipped: string };
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
const mb = (bytes: number) => `${n1(bytes / 1024 / 1024)} MB`;

function klDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function rows(r: BenchReport): { header: string[]; body: string[][] } {
  const anchor = measured(r, 'anchor');
  const header = [
    '',
    'req/s',
    'of the anchor',
    'before: req/s (of the anchor)',
    'ratio by CPU',
    'p50 ms',
    'p99 ms',
    'p99 before',
    'p50 / p99 ms, 1 conn',
    'peak RSS MB',
    'CPU ms: app',
    'PG',
    'load gen',
    'other load',
  ];
  const body = r.results.map((x) => {
    if (typeof x.skipped === 'string')
      return [x.label, `skipped: ${x.skipped}`, ...header.slice(2).map(() => '')];
    const vsArgon2 = x.key === 'login' || x.key === 'journey';
    const ratio = vsArgon2
      ? `${pct(x.rps / r.argon2.rate)} of argon2`
      : anchor
        ? pct(x.rps / anchor.rps)
        : '-';
    // The same ratio from CPU cost (app + PostgreSQL per request), steadier on a shared machine.
    const cost = x.appCpuMs + x.pgCpuMs;
    const cpuRatio = vsArgon2
      ? pct(r.argon2.cpuMs / cost)
      : anchor && cost > 0
        ? pct((anchor.appCpuMs + anchor.pgCpuMs) / cost)
        : '-';
    const before = BEFORE[x.key];
    return [
      x.label,
      `${n1(x.rps)}${x.failed ? ` (${x.failed} failed)` : ''}`,
      ratio,
      before ? `${before.rps} (${before.ratio})` : '',
      cpuRatio,
      n1(x.p50),
      n1(x.p99),
      before?.p99 ?? '',
      `${n1(x.lightP50)} / ${n1(x.lightP99)}`,
      x.workers > 1 ? `${n0(x.peakRssMb)} (all: ${n0(x.peakTotalMb)})` : n0(x.peakRssMb),
      n1(x.appCpuMs),
      n1(x.pgCpuMs),
      n1(x.benchCpuMs),
      `${n1(x.otherCores)} cores`,
    ];
  });
  body.push([
    'raw argon2id verify (same params, pool and Node)',
    `${n1(r.argon2.rate)} (${n1(r.argon2.before)} before, ${n1(r.argon2.after)} after)`,
    '',
    '',
    '',
    n1(r.argon2.p50),
    n1(r.argon2.p99),
    '',
    '',
    `(${n0(r.argon2.peakRssMb)})`,
    n1(r.argon2.cpuMs),
    '',
    '',
    `${n1(r.argon2.otherCores)} cores`,
  ]);
  return { header, body };
}

/** Mean cores used by other processes during the measured runs. */
export function otherLoad(r: BenchReport): number {
  const runs = r.results.filter((x): x is Measured => x.skipped === undefined);
  return runs.length ? runs.reduce((sum, x) => sum + x.otherCores, 0) / runs.length : 0;
}

function paydayLines(r: BenchReport): string[] {
  const p = r.payday;
  if ('skipped' in p) return [`Not run: ${p.skipped}.`];
  const all = p.served >= p.employees;
  const stored =
    p.storedBytes === undefined
      ? 'PDFs not stored (no `payslip_pdfs` table): each download draws its PDF'
      : `\`payslip_pdfs\`: ${mb(p.storedBytes)} after the run (${mb(p.storedBytesBefore ?? 0)} before), ` +
        `${n0(p.storedRows ?? 0)} rows, ${p.storedRows ? `${n1((p.storedBytes ?? 0) / p.storedRows / 1024)} KB a PDF` : ''}` +
        `; extrapolated to ${n0(r.counts.payslips ?? 0)} payslips: ` +
        `${p.storedRows ? mb(((p.storedBytes ?? 0) / p.storedRows) * (r.counts.payslips ?? 0)) : '-'}`;
  return [
    `- ${n0(p.employees)} distinct employees, each downloading the ${p.period} payslip PDF once, ${r.connections} at a time ` +
      `(accounts and sessions made in the bench database, see bench/lib/payday.ts).`,
    `- ${all ? 'All served' : `${n0(p.served)} served before the time limit (BENCH_PAYDAY_SECONDS)`} in ${n1(p.seconds)} s: ` +
      `${n1(p.rps)} PDFs/s, p50 ${n0(p.p50)} ms, p99 ${n0(p.p99)} ms${p.failed ? `, ${p.failed} failed` : ''}; ` +
      `${all ? '' : `all ${n0(p.employees)} at this rate: ${n1(p.allSeconds / 60)} minutes (extrapolated); `}` +
      `CPU per PDF: app ${n1(p.appCpuMs)} ms, PostgreSQL ${n1(p.pgCpuMs)} ms.`,
    `- ${stored}.`,
  ];
}

/**
 * The middleware table: each row the ceiling route behind one more of the portal's layers; the
 * layer's cost is its row's CPU per request less the row before (noise of a few hundredths of a
 * millisecond either way on this shared machine).
 */
function middlewareLines(r: BenchReport): string[] {
  const m = r.middleware;
  if (!Array.isArray(m)) return [`Not run: ${m.skipped}.`];
  const anchor = measured(r, 'anchor');
  const out = [
    '| layers (cumulative, signed in) | req/s | of the anchor | app CPU ms | this layer adds | PG CPU ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  let previous: MiddlewareCostRow | undefined;
  for (const row of m) {
    const adds = previous ? row.appCpuMs - previous.appCpuMs : row.appCpuMs;
    out.push(
      `| ${row.depth}. ${row.name}${row.failed ? ` (${row.failed} failed)` : ''} | ${n0(row.rps)} | ` +
        `${anchor ? pct(row.rps / anchor.rps) : '-'} | ${row.appCpuMs.toFixed(3)} | ` +
        `${previous ? `${adds >= 0 ? '+' : ''}${adds.toFixed(3)}` : ''} | ${row.pgCpuMs.toFixed(3)} | ${n1(row.p99)} |`,
    );
    previous = row;
  }
  if (anchor)
    out.push(
      '',
      `The anchor: ${anchor.appCpuMs.toFixed(3)} ms of app CPU and ${anchor.pgCpuMs.toFixed(3)} ms of PostgreSQL per request.`,
    );
  return out;
}

function consoleTable(r: BenchReport): string {
  const { header, body } = rows(r);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ''];
  if (otherLoad(r) > 0.3)
    out.push(`NOT A QUIET RUN: other processes used ${n1(otherLoad(r))} cores on average`, '');
  for (const c of checks(r)) out.push(`${c.met ? 'met   ' : 'MISSED'}  ${c.text}: ${c.detail}`);
  out.push('', 'workers:', ...scalingLines(r), '', 'payday:', ...paydayLines(r));
  out.push('', 'middleware, layer by layer:', ...middlewareLines(r));
  return out.join('\n');
}

function markdown(r: BenchReport): string {
  const { header, body } = rows(r);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const m = r.machine;
  const md: string[] = [`## Latest run: ${klDate(r.date)} (Asia/Kuala_Lumpur)`, ''];
  const busy = otherLoad(r);
  if (busy > 0.3)
    md.push(
      `> **Not a quiet run**: other processes kept ${n1(busy)} of the ${r.machine.cores} cores busy on average ` +
        'during the runs (the "other load" column), so these figures are not comparable with a quiet run.',
      '',
    );
  md.push(
    `- **Machine**: ${m.cpu}, ${m.cores} cores, ${n1(m.ramGb)} GB RAM; PostgreSQL ${r.postgres} (${r.database}), on the same machine. ` +
      `The portal and the anchor on Node ${r.serverNode}; the load generator on Node ${r.node}.`,
    `- **Portal**: ${r.portal}.`,
    `- **Anchor**: TechEmpower's Fortunes as a bare Express 5 + EJS + pg app (\`bench/anchor/\`): one prepared query of 12 rows from its own database \`fortunes\` on the same PostgreSQL, a row added, sorted, escaped, rendered; pool of 10. Every ratio is to it, measured in the same run.`,
    `- **Data**: ${Object.entries(r.counts)
      .map(([k, v]) => `${n0(v)} ${k.replace(/_/g, ' ')}`)
      .join(', ')}.`,
  );
  if (r.seed)
    md.push(
      `- **Seed** (\`npm run seed:scale -- --employees ${r.seed.employees} --months ${r.seed.months}\`): ` +
        `${n0(r.seed.totalRows)} rows in ${n1(r.seed.totalSeconds)} s (COPY ${n1(r.seed.seconds.copy)} s, keys and indexes ${n1(r.seed.seconds.indexes)} s, ANALYZE ${n1(r.seed.seconds.analyze)} s).`,
    );
  md.push(
    `- **Method**: ${r.connections} connections, ${r.seconds} s per run (password step ${r.loginSeconds} s) after a ${r.warmup} s ` +
      `warm-up, each run starting with the app idle again, autocannon in a second process; ${r.users} users signed in ` +
      `through the login form, requests rotating over them (UV_THREADPOOL_SIZE=${r.threadPool}, DATABASE_POOL_MAX=${r.poolMax}` +
      `${r.nodeArgs ? `, node ${r.nodeArgs}` : ''}). Whole benchmark: ${n1(r.minutes)} minutes.`,
    `- **Columns**: of the anchor = throughput ÷ the anchor's (password step: ÷ the raw argon2 rate, the mean of a run ` +
      `before and one after it); before = issue 15's figures (same machine, the anchor in the same run, demo data); ratio by CPU = the ` +
      `anchor's CPU per request (app + PostgreSQL) ÷ the page's, disturbed less by other load; p50 / p99 at ` +
      `${r.connections} connections, then on one connection; CPU = milliseconds per request of the app, PostgreSQL ` +
      `and the load generator; other load = cores busy with other processes (the machine is shared). App RSS: ` +
      `${n0(r.idleRssMb)} MB idle, peak ${n0(r.peakRssMb)} MB (VmHWM, one worker).`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...body.map((b) => `| ${b.map(esc).join(' | ')} |`),
    '',
    '### Targets (issue 15)',
    '',
    ...checks(r).map((c) => `- ${c.met ? 'Met' : '**Missed**'}: ${c.text}: ${c.detail}.`),
    '',
    '### Several cores',
    '',
    ...scalingLines(r),
    '',
    '### Payday',
    '',
    ...paydayLines(r),
    '',
    '### Where the time goes: the middleware, layer by layer',
    '',
    "The ceiling route (one small query, a tiny page) behind the first 0, 1, 2, ... of the portal's own " +
      'middleware layers (`portalFrame` in src/app.ts, run by bench/middleware-stack/server.ts), signed in, ' +
      `${r.connections} connections, shorter runs than the pages'.`,
    '',
    ...middlewareLines(r),
    '',
    '### Query plans',
    '',
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

How fast the portal is at the size of a whole state's civil service, measured by \`npm run bench\`
on the data of \`npm run seed:scale -- --employees 50000 --months 24\`.

`;

/** Print-ready table; rewrites the generated section of `file` (keeping the rest) when given. */
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
