// The cluster worker: its pure state machine, its memory manager and its process edge (see README.md here).
export { WorkerError, type WorkerErrorCode } from './errors.js';
export { MemoryManager, type MemoryManagerOptions } from './memory/manager.js';
export {
  DEFAULT_THRESHOLDS,
  decideMemory,
  type MemoryDecision,
  type MemorySample,
  type MemoryThresholds,
  parseMemorySize,
} from './memory/policy.js';
export { isSpillable, readSpillFile, SPILL_MAGIC, SPILL_VERSION, writeSpillFile } from './memory/spill_format.js';
export { DataStore, type StoreStats } from './memory/store.js';
export { startWorker, type WorkerHandle, type WorkerOptions } from './process.js';
export * from './state/index.js';
