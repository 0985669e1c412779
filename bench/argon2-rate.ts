/**
 * The raw rate of argon2id verifications this machine does with the portal's parameters
 * (src/core/passwords.ts), `concurrency` at a time on libuv's thread pool (UV_THREADPOOL_SIZE as
 * given to this process, like the app's). Prints one JSON line. Used by bench/run.ts; alone:
 * `UV_THREADPOOL_SIZE=4 npx tsx bench/argon2-rate.ts 10 50`.
 */
import argon2 from 'argon2';
import { readFileSync } from 'node:fs';
import { ARGON2_OPTIONS } from '../src/core/passwords.js';

const seconds = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 50);
const password = 'Skala-Negeri-Selangor-2026';
const hash = await argon2.hash(password, ARGON2_OPTIONS);

// Warm up: as many verifications as there are threads, once.
await Promise.all(Array.from({ length: 8 }, () => argon2.verify(hash, password)));

const latencies: number[] = [];
let peakRssKb = 0;
const sampler = setInterval(() => {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (m) peakRssKb = Math.max(peakRssKb, Number(m[1]));
}, 100);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const end = started + seconds * 1000;
async function worker(): Promise<void> {
  while (performance.now() < end) {
    const t = performance.now();
    if (!(await argon2.verify(hash, password))) throw new Error('argon2 verification failed');
    latencies.push(performance.now() - t);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
const cpu = process.cpuUsage(cpuBefore);
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(
  JSON.stringify({
    verifications: latencies.length,
    seconds: elapsed,
    rate: latencies.length / elapsed,
    p50: pct(50),
    p99: pct(99),
    threadPool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    concurrency,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    // The whole process, start-up included (for the caller's account of the machine's other load).
    totalCpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    peakRssMb: peakRssKb / 1024,
  }) + '\n',
);
