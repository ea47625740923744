// Worker thread of the tessera-pool reader: opens each file once with ParquetFile.open(path) and reads the row groups
// the main thread hands it, posting back their Arrow buffers (transferred, or shared when in a SharedArrayBuffer).
import { parentPort } from 'node:worker_threads';
import { Table } from 'apache-arrow';
import { arena } from '../../dist/src/kernels/arena.js';
import { ParquetFile } from '../../dist/src/parquet/index.js';
import { packTable } from './arrow-transfer.mjs';

const openFiles = new Map();

async function readRowGroup({ path, rowGroup, columns }) {
  if (!openFiles.has(path)) openFiles.set(path, await ParquetFile.open(path));
  const file = await openFiles.get(path);
  const batch = await file.readRowGroup(rowGroup, columns ? { columns } : {});
  const table = new Table([batch]);
  const { message, transfer } = packTable(table);
  try {
    parentPort.postMessage({ type: 'rowGroup', rowGroup, copied: false, ...message }, transfer);
  } catch (error) {
    // Buffers that cannot be transferred (e.g. views of wasm memory) are copied instead; the result says so.
    if (error?.name !== 'DataCloneError') throw error;
    parentPort.postMessage({ type: 'rowGroup', rowGroup, copied: true, ...message });
  }
}

parentPort.on('message', (request) => {
  readRowGroup(request).catch((error) => {
    parentPort.postMessage({ type: 'error', rowGroup: request.rowGroup, message: String(error?.stack ?? error) });
  });
});
// Instantiating this thread's kernels is part of starting the worker, not of reading.
arena();
parentPort.postMessage({ type: 'ready' });
