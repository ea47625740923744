// readTable on worker threads: every (row group, top-level field) pair of a local file is one task on a ThreadPool,
// so a 5-row-group file of 7 columns gives 35 tasks and two threads stay busy to the end instead of splitting five
// row groups 3:2. Workers decode into SharedArrayBuffers; the main thread only rebuilds Data objects around the
// shared memory and assembles one record batch per row group, in file order.
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import * as arrow from 'apache-arrow';
import { opName } from '../../ops/registry.js';
import { rebuildError } from '../../scheduler/errors.js';
import type { ThreadPool } from '../../scheduler/pool.js';
import type { BatchRequest } from '../../scheduler/protocol.js';
import { ParquetError } from '../errors.js';
import type { OpenOptions, ParquetFile } from '../file.js';
import { Type } from '../metadata/enums.js';
import { closeParquetPools, parquetPool } from './pools.js';
import { type FieldChunkResult, type FieldChunkTask, readFieldChunk } from './read_op.js';
import { rebuildData } from './transfer.js';

/**
 * The thread count a read uses when none is given: one per core, as pyarrow and DuckDB; but 1 inside a worker
 * thread (a task of the scheduler's pool reading a file), where a pool per worker would oversubscribe the cores.
 */
export function defaultReadThreads(): number {
  return isMainThread ? availableParallelism() : 1;
}

/** Checks a `threads` option: a positive integer. */
export function checkThreads(threads: unknown, where: string): void {
  if (threads === undefined) return;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) {
    throw new ParquetError('BAD_ARGUMENT', `${where}: threads must be a positive integer, got ${String(threads)}`);
  }
}

/** Whether `source` can be read on worker threads: a local path (each thread opens the file itself). */
export function isLocalPath(source: unknown): source is string {
  return typeof source === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

/** Stops the worker threads that parallel reads (and writes) started (a later parallel read starts them again). */
export async function closeReadPools(): Promise<void> {
  await closeParquetPools();
}

const OP = opName(readFieldChunk);

async function runFieldTask(pool: ThreadPool, task: FieldChunkTask): Promise<FieldChunkResult> {
  const request: BatchRequest = {
    plan: JSON.stringify({ ids: ['field'], specs: [{ fn: OP, args: [task] }], inputIds: [], drop: [0] }),
    clonedSpecs: [],
    inputs: [],
    keep: new Uint8Array([1]),
    measureBytes: false,
  };
  const reply = await pool.run(request);
  if (reply.error) throw rebuildError(reply.error);
  return reply.values[0] as FieldChunkResult;
}

/** What a parallel read reads: the open file (on this thread, for its schema) and the caller's selection. */
export interface ParallelReadRequest {
  readonly path: string;
  readonly file: ParquetFile;
  readonly open: OpenOptions;
  readonly rowGroups: readonly number[];
  readonly columns?: readonly string[];
  readonly readDictionary?: readonly string[];
  readonly threads: number;
}

/**
 * Reads the row groups of a local file on `threads` worker threads, one task per (row group, top-level field);
 * returns one record batch per row group, in the order asked, equal value for value to the calling thread's read.
 */
export async function readRowGroupsParallel(request: ParallelReadRequest): Promise<arrow.RecordBatch[]> {
  const { file, columns, readDictionary } = request;
  for (const index of request.rowGroups) {
    if (!file.rowGroups[index]) {
      throw new ParquetError('BAD_ARGUMENT', `row group ${index} does not exist (file has ${file.rowGroups.length})`, {
        file: file.source.name,
      });
    }
  }
  const schema = file.arrowSchema(columns, readDictionary);
  const open: OpenOptions = {};
  if (request.open.verifyChecksums !== undefined) open.verifyChecksums = request.open.verifyChecksums;
  if (request.open.int96TimestampUnit !== undefined) open.int96TimestampUnit = request.open.int96TimestampUnit;
  const pool = parquetPool(request.threads);
  const fieldTasks = schema.fields.map((field) => {
    const named = columns?.filter((n) => n === field.name || n.split('.')[0] === field.name);
    const dictionary = readDictionary?.includes(field.name) ? [field.name] : undefined;
    return { columns: named && named.length > 0 ? named : [field.name], readDictionary: dictionary };
  });
  // Costliest chunks first (longest-processing-time order, by fieldCost): the pool's queue is FIFO, so the last
  // tasks to start are the cheap ones, and no thread is left finishing a big string column while the others idle.
  const jobs = request.rowGroups.flatMap((rowGroup, k) =>
    fieldTasks.map((f, i) => ({ k, i, rowGroup, f, size: fieldCost(file, rowGroup, f.columns) })),
  );
  jobs.sort((a, b) => b.size - a.size);
  const pending: Array<Array<Promise<FieldChunkResult>>> = request.rowGroups.map(() => []);
  for (const job of jobs) {
    pending[job.k]![job.i] = runFieldTask(pool, { path: request.path, open, rowGroup: job.rowGroup, ...job.f });
  }
  const batches: arrow.RecordBatch[] = [];
  // Every task is queued above; results are awaited in file order, and a failure stops the read (tasks already
  // queued still run, their results are dropped).
  const settled = pending.map((row) => Promise.all(row));
  for (const p of settled) p.catch(() => undefined);
  for (let k = 0; k < pending.length; k++) {
    const results = await settled[k]!;
    const children = results.map((result, i) => {
      if ('error' in result) throw new ParquetError(result.error.code, result.error.detail, result.error.context);
      return rebuildData(schema.fields[i]!.type, result.data);
    });
    const numRows = file.rowGroups[request.rowGroups[k]!]!.numRows;
    const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: numRows, nullCount: 0, children });
    batches.push(new arrow.RecordBatch(schema, struct));
  }
  return batches;
}

/**
 * The estimated decoding cost of a field task, for the largest-first order: the uncompressed bytes of its chunks
 * plus a per-value cost, higher for byte arrays (each value is a string to place, and a dictionary-encoded string
 * column is small on disk but slow to expand: on the bench file a 0.8 MB category chunk takes 17 ms, a 2.5 MB
 * int32 chunk 7). Compressed bytes alone put those string chunks last, where they left one thread finishing alone.
 */
function fieldCost(file: ParquetFile, rowGroup: number, names: readonly string[]): number {
  const chunks = file.rowGroups[rowGroup]!.columns;
  let total = 0;
  for (const column of file.schema.columns) {
    if (names.some((n) => n === column.name || n === column.path[0] || column.name.startsWith(`${n}.`))) {
      const meta = chunks[column.columnIndex]?.metaData;
      if (!meta) continue;
      const perValue = column.physicalType === Type.BYTE_ARRAY ? BYTE_ARRAY_VALUE_COST : VALUE_COST;
      total += Number(meta.totalUncompressedSize) + Number(meta.numValues) * perValue;
    }
  }
  return total;
}

/** Cost of a value in bytes' worth of decoding (fieldCost). */
const VALUE_COST = 2;
/** Cost of a byte-array value in bytes' worth of decoding (fieldCost). */
const BYTE_ARRAY_VALUE_COST = 16;
