// Ops for bench/scheduler.mjs, found by worker threads through their stable names (defineOp).
import { threadId } from 'node:worker_threads';
import { defineOp } from '../dist/src/ops/registry.js';

/** A table of `bytes` bytes in two float64 columns, on SharedArrayBuffers (shared) or ArrayBuffers (copied). */
export const makeTable = defineOp(import.meta.url, 'makeTable', (bytes, shared) => {
  const rows = Math.floor(bytes / 16);
  const column = () => {
    const buffer = shared ? new SharedArrayBuffer(rows * 8) : new ArrayBuffer(rows * 8);
    const a = new Float64Array(buffer);
    for (let i = 0; i < rows; i += 4096) a[i] = i;
    return a;
  };
  return { numRows: rows, columns: { x: column(), y: column() }, thread: threadId };
});

/** Reads one value per page of a table and reports where it ran. */
export const touchTable = defineOp(import.meta.url, 'touchTable', (table) => {
  let s = 0;
  for (let i = 0; i < table.numRows; i += 4096) s += table.columns.x[i];
  return { sum: s, thread: threadId, producer: table.thread };
});
