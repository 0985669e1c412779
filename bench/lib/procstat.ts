/** Linux /proc readings for the benchmark: memory of the app, CPU time of each party. */
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux on x86 and arm). */
const TICKS = 100;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | undefined {
  const status = read(`/proc/${pid}/status`);
  if (!status) return undefined;
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

interface Stat {
  pid: number;
  ppid: number;
  cpuSeconds: number;
}

function statOf(pid: number): Stat | undefined {
  const raw = read(`/proc/${pid}/stat`);
  if (!raw) return undefined;
  // The command name is in parentheses and may hold spaces: split after the last ')'.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    ppid: Number(fields[1]),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS,
  };
}

/** CPU seconds (user + system, every thread) used so far by a process. */
export function cpuOf(pid: number): number {
  return statOf(pid)?.cpuSeconds ?? 0;
}

/** CPU seconds used so far by a process and its live children (PostgreSQL's postmaster and backends). */
export function cpuOfTree(rootPid: number): number {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = statOf(Number(name));
    if (s && (s.pid === rootPid || s.ppid === rootPid)) total += s.cpuSeconds;
  }
  return total;
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = read('/proc/stat')?.split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS;
}

export function machine(): { cpu: string; cores: number; ramGb: number } {
  const info = read('/proc/cpuinfo') ?? '';
  const cpu = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? 'unknown';
  const cores = (info.match(/^processor\s*:/gm) ?? []).length;
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(read('/proc/meminfo') ?? '')?.[1] ?? 0);
  return { cpu, cores, ramGb: memKb / 1024 / 1024 };
}

/** The live process and its direct children (a cluster primary and its workers). */
export function treeOf(rootPid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = statOf(Number(name));
    if (s && (s.pid === rootPid || s.ppid === rootPid)) out.push(s.pid);
  }
  return out;
}

/**
 * Samples an app's memory every 100 ms between start() and stop(): the peak of its largest
 * process (the target is per process) and of the sum over the process and its children (the
 * cluster's primary and workers together).
 */
export class MemorySampler {
  peakRssMb = 0;
  peakTotalMb = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pid: number) {}

  private sample(): void {
    let total = 0;
    for (const pid of treeOf(this.pid)) {
      const m = memoryOf(pid);
      if (!m) continue;
      total += m.rssMb;
      this.peakRssMb = Math.max(this.peakRssMb, m.rssMb);
    }
    this.peakTotalMb = Math.max(this.peakTotalMb, total);
  }

  start(): void {
    this.peakRssMb = 0;
    this.peakTotalMb = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakRssMb;
  }
}
