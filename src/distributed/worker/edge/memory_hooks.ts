/**
 * Wires the memory manager (memory/manager.ts) to a worker: pause and resume go to the state machine and the
 * scheduler, a restart past the terminate threshold to the worker, spills to the log, and full collections to every
 * pool thread (a spilled SharedArrayBuffer leaves the RSS only when every isolate that saw it collected it).
 */
import { opName } from '../../../ops/registry.js';
import type { ThreadPool } from '../../../scheduler/pool.js';
import type { BatchRequest } from '../../../scheduler/protocol.js';
import type { CommLogger } from '../../comm/index.js';
import { MemoryManager } from '../memory/manager.js';
import type { MemoryThresholds } from '../memory/policy.js';
import type { DataStore } from '../memory/store.js';
import { collectGarbage } from './gc_op.js';

/** What the memory manager tells its worker. */
export interface MemoryHooks {
  readonly limit: number;
  readonly thresholds?: Partial<MemoryThresholds>;
  readonly intervalMs?: number;
  readonly rss?: () => number;
  readonly self: () => string;
  readonly log: CommLogger;
  /** The worker must pause (true) or may resume (false). */
  readonly pause: (paused: boolean) => void;
  /** Memory passed the terminate threshold. */
  readonly restart: (rss: number) => void;
}

/** Starts a memory manager for `store` whose full collections also run on `pool`'s threads. */
export function startMemoryManager(store: DataStore, pool: ThreadPool, hooks: MemoryHooks): MemoryManager {
  const memory = new MemoryManager(store, {
    limit: hooks.limit,
    thresholds: hooks.thresholds,
    intervalMs: hooks.intervalMs,
    rss: hooks.rss,
    onPause: (paused) => {
      hooks.log('warn', `worker ${hooks.self()} ${paused ? 'paused: memory above the pause threshold' : 'resumed'}`);
      hooks.pause(paused);
    },
    onRestart: hooks.restart,
    onSpill: (bytes) => hooks.log('info', `worker ${hooks.self()} spilled ${(bytes / 1e6).toFixed(1)} MB`),
    collectThreads: () => collectPoolGarbage(pool),
  });
  memory.start();
  return memory;
}

const GC_OP = opName(collectGarbage);

// One collection per pool thread (queued behind running batches, so a busy thread collects when it frees up).
async function collectPoolGarbage(pool: ThreadPool): Promise<void> {
  const request: BatchRequest = {
    plan: JSON.stringify({ ids: ['collect-garbage'], specs: [{ fn: GC_OP, args: [] }], inputIds: [], drop: [0] }),
    clonedSpecs: [],
    inputs: [],
    keep: Uint8Array.of(0),
    measureBytes: false,
  };
  await Promise.all(Array.from({ length: pool.threads }, () => pool.run(request).catch(() => undefined)));
}
