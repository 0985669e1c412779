/**
 * The processes of a benchmark run: the built portal (node dist/src/server.js, as production
 * starts it), the Fortunes anchor, helper children; free ports; waiting for the machine to go idle.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { freePort } from '../../scripts/free-port.js';
import path from 'node:path';
import { ROOT } from '../scale/postgres.js';
import { cpuOfTree } from './procstat.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The Node that runs the portal and the anchor: the project's pinned Node (the `node` package,
 * v24, as the Dockerfile's) when installed, else this one. The bench itself may run on an older
 * system Node through tsx.
 */
export function serverNode(): string {
  const pinned = path.join(ROOT, 'node_modules/.bin/node');
  return existsSync(pinned) ? pinned : process.execPath;
}

export function nodeVersion(bin: string): string {
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

export { freePort };

/** Runs a Node child to its end and returns its stdout (stderr passes through). */
export function runChild(
  args: string[],
  extraEnv: Record<string, string> = {},
  bin = process.execPath,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: ROOT,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** `npm run build` (tsc to dist/), so that the portal is measured as production runs it. */
export async function buildPortal(): Promise<void> {
  await runChild(['--import', 'tsx', 'scripts/build.ts']);
}

export interface Server {
  child: ChildProcess;
  pid: number;
  url: string;
  stop: () => Promise<void>;
}

/** Starts a server process with its output in `logName` and waits until `probe` answers 200. */
export async function startServer(
  name: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  probe: string,
  logName: string,
): Promise<Server> {
  mkdirSync(path.join(ROOT, '.data'), { recursive: true });
  const logFile = path.join(ROOT, '.data', logName);
  const fd = openSync(logFile, 'w');
  const child = spawn(serverNode(), args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(25_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}: see .data/${logName}`);
    const ok = await fetch(`${url}${probe}`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (i > 600) {
      await stop();
      throw new Error(`${name} did not answer within 2 minutes: see .data/${logName}`);
    }
    await sleep(200);
  }
  return { child, pid: child.pid!, url, stop };
}

/** The anchor (bench/anchor/server.ts) on its own database, on the portal's Node. */
export async function startAnchor(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  return startServer(
    'the anchor',
    ['bench/anchor/server.ts'],
    {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    port,
    '/fortunes',
    'bench-anchor.log',
  );
}

/**
 * Waits until the given processes are idle: when autocannon stops, the requests it had in
 * flight are still being served (a login's argon2 runs on), and must not eat into the next run.
 * Every pid is counted with its children (PostgreSQL's backends, the cluster's workers).
 */
export async function waitForIdle(pids: number[], maxMs = 30_000): Promise<void> {
  const cpu = () => pids.reduce((s, p) => s + cpuOfTree(p), 0);
  const started = Date.now();
  let last = cpu();
  while (Date.now() - started < maxMs) {
    await sleep(400);
    const now = cpu();
    if (now - last < 0.04) return;
    last = now;
  }
}
