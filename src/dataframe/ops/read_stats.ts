// Column statistics fused with the Parquet read (issue 16 item 3): sum, mean, min, max, count, any and all of
// INT32, INT64, FLOAT and DOUBLE columns of a readParquet partition, reduced page by page in kernel memory
// (assembly/scan_reduce.ts) as each row group's chunk is decoded there (parquet/read/arena_chunk.ts). No Batch or
// per-row array is built; a dictionary-encoded page is read through its dictionary.
//
// The partial equals columnStatsChunk's on the partition read the general way, for those statistics: the rows are
// summed one after the other in row order (a float sum is the same double), min and max keep the first of equal
// values, NaN and nulls follow stats.ts. Its `m2` is not computed (NaN): var and std never take this path.
// Anything else (a filter, a column the file lacks or stores as another type, an int64 sum past the
// i64 range, encryption, a source without positional reads) reads the partition the general way.
import type { DataType, Field } from '../../columnar/types.js';
import { REDUCE_STATE_BYTES } from '../../kernels/abi_scan.js';
import { arena } from '../../kernels/arena.js';
import { defineOp } from '../../ops/registry.js';
import { footerCache } from '../../parquet/dataset/footer_cache.js';
import { ParquetError, toParquetError } from '../../parquet/errors.js';
import { Type } from '../../parquet/metadata/enums.js';
import { checkKernel } from '../../parquet/read/kernel_status.js';
import type { ColumnDescriptor } from '../../parquet/schema.js';
import { chunkInArena } from './fused_arena.js';
import { fileColumn } from './fused_partial.js';
import { type ParquetPartitionSpec, readParquetPartition } from './read.js';
import { type ColumnPartial, columnStatsChunk, mergeColumnStats, type StatName } from './stats.js';

/** The statistics whose partial this path computes exactly. */
export const FUSED_STATS: ReadonlySet<StatName> = new Set(['sum', 'mean', 'min', 'max', 'count', 'any', 'all']);

/** Column kinds reduced, with the physical type they must be stored as and their kernel. */
const KINDS = {
  float64: { physical: Type.DOUBLE, kernel: 'reduceFloat64' },
  float32: { physical: Type.FLOAT, kernel: 'reduceFloat32' },
  int32: { physical: Type.INT32, kernel: 'reduceInt32' },
  int64: { physical: Type.INT64, kernel: 'reduceInt64' },
} as const;
type Kind = keyof typeof KINDS;

/** Whether a column of `type` can take the fused path (the file decides the rest when the task runs). */
export function fusedStatType(type: DataType): boolean {
  return type.kind in KINDS;
}

let taken = 0;

/** How many partitions the fused statistics read has reduced in this thread (tests check that it ran). */
export function fusedStatsTaken(): number {
  return taken;
}

/** A flag of the kernel state: a NaN was seen. */
const SAW_NAN = 1;
/** A flag of the kernel state: the int64 sum overflowed. */
const SUM_OVERFLOW = 2;

interface Target {
  readonly name: string;
  readonly kind: Kind;
  readonly column: ColumnDescriptor;
  readonly state: number;
}

/**
 * The per-column partials of partition `spec` for `columns`, reduced as it is read, or undefined when the fused
 * path does not apply (see the file comment).
 */
export async function fusedColumnPartials(
  spec: ParquetPartitionSpec,
  columns: readonly string[],
): Promise<Record<string, ColumnPartial> | undefined> {
  if (spec.filter || spec.rowGroups.length === 0) return undefined;
  const fields: Field[] = [];
  for (const name of columns) {
    const field = spec.dataFields.find((f) => f.name === name);
    if (!field || !fusedStatType(field.type)) return undefined;
    fields.push(field);
  }
  const { file } = await footerCache.open(spec.path, spec.open ?? {});
  const a = arena();
  const outer = a.mark();
  try {
    if (file.encrypted || !file.source.readIntoSync) return undefined;
    const targets: Target[] = [];
    for (const field of fields) {
      const kind = field.type.kind as Kind;
      const column = fileColumn(file, field.name, field.type);
      if (!column || column.physicalType !== KINDS[kind].physical) return undefined;
      const state = a.alloc(REDUCE_STATE_BYTES);
      a.view(Uint8Array, state, REDUCE_STATE_BYTES).fill(0);
      targets.push({ name: field.name, kind, column, state });
    }
    const verify = spec.open?.verifyChecksums ?? true;
    for (const index of spec.rowGroups) {
      const numRows = file.rowGroups[index]?.numRows ?? -1;
      if (numRows < 0) return undefined; // a row group the file lacks: the general path reports it
      if (numRows === 0) continue;
      const mark = a.mark();
      try {
        for (const target of targets) if (!reduceChunk(file, index, target, verify)) return undefined;
      } catch (err) {
        throw toParquetError(err, { rowGroup: index });
      } finally {
        a.release(mark);
      }
    }
    const out: Record<string, ColumnPartial> = {};
    for (const target of targets) {
      const partial = statePartial(target);
      if (!partial) return undefined;
      out[target.name] = partial;
    }
    taken++;
    return out;
  } catch (err) {
    throw toParquetError(err, { file: spec.path });
  } finally {
    a.release(outer);
    await file.close();
  }
}

/** Adds the chunk of `target` in row group `index` to its state; false when the arena decode declines it. */
function reduceChunk(
  file: Parameters<typeof chunkInArena>[1],
  index: number,
  target: Target,
  verify: boolean,
): boolean {
  const a = arena();
  const chunk = chunkInArena(a, file, index, target.column, 'values', verify);
  if (!chunk) return false;
  const kernel = a.wasm[KINDS[target.kind].kernel];
  const dictionary = chunk.dictionary;
  for (const page of chunk.valuePages) {
    const status = kernel(
      page.valuesPtr,
      page.validityPtr,
      page.indicesPtr,
      dictionary?.valuesPtr ?? 0,
      dictionary?.count ?? 0,
      page.count,
      target.state,
    );
    if (status < 0) {
      throw new ParquetError('BAD_ENCODING', `dictionary index out of a dictionary of ${dictionary?.count ?? 0}`, {
        column: target.column.name,
      });
    }
    checkKernel(status, 'column reduction');
  }
  return true;
}

/** The ColumnPartial of a kernel state (as numericPartial builds it), or undefined for an int64 sum that overflowed
 *  the i64 range (the general path sums it as a bigint). */
function statePartial(target: Target): ColumnPartial | undefined {
  const a = arena();
  const f64 = a.view(Float64Array, target.state, 6);
  const flags = a.view(Int32Array, target.state + 48, 1)[0]!;
  const count = f64[0]!;
  const ordered = f64[4]!;
  const falsy = f64[5]!;
  const sawNaN = (flags & SAW_NAN) !== 0;
  let sum: number;
  let bigSum: bigint | undefined;
  let min: number | bigint | null;
  let max: number | bigint | null;
  if (target.kind === 'int64') {
    if ((flags & SUM_OVERFLOW) !== 0) return undefined;
    const i64 = a.view(BigInt64Array, target.state, 4);
    bigSum = i64[1]!;
    sum = Number(bigSum);
    min = ordered > 0 ? i64[2]! : null;
    max = ordered > 0 ? i64[3]! : null;
  } else {
    sum = f64[1]!;
    min = ordered > 0 ? f64[2]! : sawNaN ? Number.NaN : null;
    max = sawNaN ? Number.NaN : ordered > 0 ? f64[3]! : null;
  }
  const partial: ColumnPartial = {
    count,
    sum,
    mean: count > 0 ? sum / count : 0,
    m2: count > 0 ? Number.NaN : 0,
    min,
    max,
    anyTrue: count - falsy > 0,
    allTrue: falsy === 0,
  };
  if (bigSum !== undefined) partial.bigSum = bigSum;
  return partial;
}

/**
 * The per-column partials of the partitions `specs` merged in order (mergeColumnStats over their partials, as the
 * first combine of the tree reduction merges them), each partition reduced as it is read when the fused path
 * applies, else read and summarised the general way.
 */
export const readStatsChunkOp = defineOp(
  import.meta.url,
  'readStatsChunkOp',
  async (
    specs: readonly ParquetPartitionSpec[],
    columns: readonly string[],
  ): Promise<Record<string, ColumnPartial>> => {
    const partials: Record<string, ColumnPartial>[] = [];
    for (const spec of specs) partials.push(await partitionPartials(spec, columns));
    if (partials.length === 1) return partials[0]!;
    return mergeColumnStats(partials, columns);
  },
);

/** The partials of one partition: the columns of a kind the fused read reduces taken that way, the others (and all
 *  of them when the fused read declines) from the partition read with only those columns. */
async function partitionPartials(
  spec: ParquetPartitionSpec,
  columns: readonly string[],
): Promise<Record<string, ColumnPartial>> {
  const typeOf = (name: string) => spec.dataFields.find((f) => f.name === name)?.type;
  const fusable = columns.filter((name) => {
    const type = typeOf(name);
    return type !== undefined && fusedStatType(type);
  });
  const fused = fusable.length > 0 ? await fusedColumnPartials(spec, fusable) : undefined;
  const rest = fused ? columns.filter((name) => !fusable.includes(name)) : columns;
  const out: Record<string, ColumnPartial> = { ...fused };
  if (rest.length > 0) Object.assign(out, columnStatsChunk(await readParquetPartition(only(spec, rest)), rest));
  // In the order of `columns`, as columnStatsChunk builds the record.
  return Object.fromEntries(columns.map((name) => [name, out[name]!]));
}

/** `spec` reading only `columns` (data or partition columns). */
function only(spec: ParquetPartitionSpec, columns: readonly string[]): ParquetPartitionSpec {
  const keep = (name: string) => columns.includes(name);
  return {
    ...spec,
    dataFields: spec.dataFields.filter((f) => keep(f.name)),
    constants: spec.constants.filter((c) => keep(c.field.name)),
    readDictionary: spec.readDictionary?.filter(keep),
    order: undefined,
  };
}
