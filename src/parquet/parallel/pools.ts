// The worker threads of parallel reads and writes: one pool per thread count, started on first use and kept for the
// life of the process (idle threads do not keep it alive), so that a second readTable or writeTable does not pay
// the threads' start-up (tens of milliseconds each, more than a small file's whole read).
import { ThreadPool } from '../../scheduler/pool.js';

const pools = new Map<number, ThreadPool>();

/** The process's pool of `threads` worker threads for Parquet reads and writes (started on first use). */
export function parquetPool(threads: number): ThreadPool {
  let pool = pools.get(threads);
  if (!pool) {
    pool = new ThreadPool({ threads });
    pools.set(threads, pool);
  }
  return pool;
}

/** Whether a pool of `threads` threads is already running (so a parallel read or write would not start one). */
export function hasParquetPool(threads: number): boolean {
  return pools.has(threads);
}

/** Stops the worker threads that parallel reads and writes started (a later one starts them again). */
export async function closeParquetPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
