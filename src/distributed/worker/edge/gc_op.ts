// An op the worker runs on its own pool threads after spilling. A SharedArrayBuffer's memory returns to the system
// only once every isolate that saw it (the main thread and the pool thread that made it) has collected its handle:
// the main thread's collection alone leaves spilled partitions resident.
import { defineOp } from '../../../ops/registry.js';

/** Runs a full garbage collection in the calling thread (when `gc` is exposed; see enableGc). */
export const collectGarbage = defineOp(import.meta.url, 'collectGarbage', () => {
  (globalThis as { gc?: () => void }).gc?.();
  return 0;
});
