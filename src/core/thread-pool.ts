import os from 'node:os';

/**
 * The size of libuv's thread pool for the portal. Each argon2id verification is CPU-bound and
 * holds 19 MiB while it runs on that pool, so threads beyond the CPU count add memory, not
 * logins per second (docs/benchmarks.md): one thread per core, at least 2 for file and DNS work
 * beside it, at most 8.
 */
export function threadPoolSize(): number {
  return Math.min(8, Math.max(2, os.availableParallelism()));
}
