// Tessera reading row groups on a pool of worker threads: each worker asks for the next unread row group as soon as it
// has posted the previous one, and the main thread assembles the row groups, in file order, into one Arrow Table.
import { Worker } from 'node:worker_threads';
import { ParquetFile } from '../../dist/src/parquet/index.js';
import { arrowTableBytes, arrowTableChecksums } from '../stats/arrow-stats.mjs';
import { unpackTables } from './arrow-transfer.mjs';

const WORKER_URL = new URL('./tessera-pool-worker.mjs', import.meta.url);

function startWorker() {
  const worker = new Worker(WORKER_URL);
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message) => {
      if (message.type === 'ready') resolve(worker);
      else reject(new Error(`worker sent ${message.type} before ready`));
    });
  });
}

// The reader's public surface names row groups; accept the spellings it may use (FileMetaData keeps thrift's names).
function rowGroupCount(file) {
  if (typeof file.numRowGroups === 'number') return file.numRowGroups;
  const groups = file.metadata?.row_groups ?? file.metadata?.rowGroups ?? file.rowGroups;
  if (!Array.isArray(groups)) throw new Error('cannot find the row groups of ParquetFile (metadata.row_groups)');
  return groups.length;
}

function readOnPool(workers, path, columns, count) {
  return new Promise((resolve, reject) => {
    const results = new Array(count);
    let next = 0;
    let done = 0;
    let copied = false;
    const assign = (worker) => {
      if (next < count) worker.postMessage({ path, rowGroup: next++, columns });
    };
    for (const worker of workers) {
      const onMessage = (message) => {
        if (message.type === 'error') {
          cleanup();
          reject(new Error(`row group ${message.rowGroup}: ${message.message}`));
          return;
        }
        results[message.rowGroup] = message;
        copied ||= message.copied;
        if (++done === count) {
          cleanup();
          resolve({ packed: results, copied });
        } else {
          assign(worker);
        }
      };
      const onError = (error) => {
        cleanup();
        reject(error);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
    }
    const cleanup = () => {
      for (const worker of workers) worker.cleanup();
    };
    for (const worker of workers) assign(worker);
  });
}

/** Tessera on `threads` worker threads; starting the workers (and loading the kernels in them) is not timed. */
export async function createReader({ threads }) {
  const workers = await Promise.all(Array.from({ length: threads }, startWorker));
  let copied = false;
  return {
    async read(path, columns) {
      const file = await ParquetFile.open(path);
      const count = rowGroupCount(file);
      await file.close?.();
      const result = await readOnPool(workers, path, columns, count);
      copied = result.copied;
      return unpackTables(result.packed);
    },
    checksums: arrowTableChecksums,
    arrowBytes: arrowTableBytes,
    notes: () => (copied ? ['buffers were copied between threads (not transferable)'] : []),
    close: () => Promise.all(workers.map((worker) => worker.terminate())),
  };
}
