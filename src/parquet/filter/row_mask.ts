// Evaluates a bound filter over the rows of a record batch, in SQL three-valued logic, into the indices of the
// rows where it is TRUE. Comparisons with NULL are NULL (never kept); NaN compares as IEEE 754 (FALSE, `!=` TRUE).
import type * as arrow from 'apache-arrow';
import { Type as ArrowType } from 'apache-arrow';
import { ParquetError } from '../errors.js';
import type { BoundFilter, BoundLeaf } from './bound_filter.js';
import type { ComparisonOp } from './expression.js';
import { compareKeys, type Key } from './keys.js';
import type { RowRuns } from './take_runs.js';

// Truth values in one byte per row, ordered so that AND is min, OR is max and NOT is 2 - x (Kleene logic).
const FALSE = 0;
const NULL = 1;
const TRUE = 2;

/** The three truth values as numbers (AND is min, OR is max, NOT is TRUE - x). */
export const TRUTH = { FALSE, NULL, TRUE } as const;

/**
 * The truth of `key op keys` for one value (null for a NULL): the same test `matchingRuns` applies to each row, for
 * callers that know a column's single value (a dataset's partition values).
 */
export function keyTruth(op: ComparisonOp, keys: readonly Key[], key: Key | null): number {
  if (op === 'is-null') return key === null ? TRUE : FALSE;
  if (op === 'is-not-null') return key === null ? FALSE : TRUE;
  if (key === null) return NULL;
  return keyTest(op, keys)(key) ? TRUE : FALSE;
}

/** The rows of `batch` where `filter` is TRUE, as runs of consecutive rows. */
export function matchingRuns(filter: BoundFilter, batch: arrow.RecordBatch): RowRuns {
  const truth = evaluate(filter, batch);
  let count = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === TRUE && (i === 0 || truth[i - 1] !== TRUE)) count++;
  const runs = new Int32Array(2 * count);
  let j = 0;
  for (let i = 0; i < truth.length; ) {
    if (truth[i] !== TRUE) {
      i++;
      continue;
    }
    runs[j] = i;
    while (i < truth.length && truth[i] === TRUE) i++;
    runs[j + 1] = i;
    j += 2;
  }
  return runs;
}

function evaluate(node: BoundFilter, batch: arrow.RecordBatch): Uint8Array {
  switch (node.kind) {
    case 'leaf':
      return evaluateLeaf(node, batch);
    case 'not': {
      const t = evaluate(node.child, batch);
      for (let i = 0; i < t.length; i++) t[i] = TRUE - t[i]!;
      return t;
    }
    default: {
      const [first, ...rest] = node.children.map((c) => evaluate(c, batch));
      const t = first!;
      for (const other of rest) {
        if (node.kind === 'and') for (let i = 0; i < t.length; i++) t[i] = Math.min(t[i]!, other[i]!);
        else for (let i = 0; i < t.length; i++) t[i] = Math.max(t[i]!, other[i]!);
      }
      return t;
    }
  }
}

/** The Arrow data of a top-level column of `batch` (one record batch holds one Data per column). */
function columnData(batch: arrow.RecordBatch, name: string): arrow.Data {
  const child = batch.getChild(name);
  if (child?.data.length !== 1) {
    throw new ParquetError('BAD_ARGUMENT', `filter: column ${JSON.stringify(name)} is not in the batch`);
  }
  return child!.data[0]!;
}

function evaluateLeaf(leaf: BoundLeaf, batch: arrow.RecordBatch): Uint8Array {
  const data = columnData(batch, leaf.column.name);
  const n = data.length;
  const t = new Uint8Array(n);
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const offset = data.offset;
  const isValid = (i: number) => bitmap === undefined || ((bitmap[(offset + i) >> 3]! >> ((offset + i) & 7)) & 1) === 1;
  if (leaf.op === 'is-null' || leaf.op === 'is-not-null') {
    const whenValid = leaf.op === 'is-null' ? FALSE : TRUE;
    for (let i = 0; i < n; i++) t[i] = isValid(i) ? whenValid : TRUE - whenValid;
    return t;
  }
  const test = keyTest(leaf.op, leaf.keys);
  const fast = fastValues(data);
  const v = leaf.keys[0];
  if (fast && n > 0 && typeof v === typeof fast[0] && leaf.op !== 'in' && leaf.op !== 'not-in') {
    compareValues(fast, leaf.op, v as number | bigint, t);
    if (bitmap) for (let i = 0; i < n; i++) if (!isValid(i)) t[i] = NULL;
    return t;
  }
  const keyAt = keyReader(data);
  for (let i = 0; i < n; i++) t[i] = isValid(i) ? (test(keyAt(i)) ? TRUE : FALSE) : NULL;
  return t;
}

/** `t[i] = values[i] op v` as TRUE/FALSE; JS operators give IEEE 754 NaN semantics for floats. */
function compareValues(
  values: Values | BigInt64Array | BigUint64Array,
  op: BoundLeaf['op'],
  v: number | bigint,
  t: Uint8Array,
): void {
  const n = t.length;
  switch (op) {
    case '=':
      for (let i = 0; i < n; i++) t[i] = values[i] === v ? TRUE : FALSE;
      break;
    case '!=':
      for (let i = 0; i < n; i++) t[i] = values[i] !== v ? TRUE : FALSE;
      break;
    case '<':
      for (let i = 0; i < n; i++) t[i] = values[i]! < v ? TRUE : FALSE;
      break;
    case '<=':
      for (let i = 0; i < n; i++) t[i] = values[i]! <= v ? TRUE : FALSE;
      break;
    case '>':
      for (let i = 0; i < n; i++) t[i] = values[i]! > v ? TRUE : FALSE;
      break;
    case '>=':
      for (let i = 0; i < n; i++) t[i] = values[i]! >= v ? TRUE : FALSE;
      break;
    default:
      throw new ParquetError('BAD_ARGUMENT', `filter: operator ${op} is not an ordering`);
  }
}

type Values =
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** The values array of a fixed-width numeric column whose elements are its keys, indexed by row. */
function fastValues(data: arrow.Data): Values | BigInt64Array | BigUint64Array | undefined {
  switch (data.typeId) {
    case ArrowType.Int:
    case ArrowType.Float:
    case ArrowType.Date:
    case ArrowType.Time:
    case ArrowType.Timestamp:
      if (data.type.typeId === ArrowType.Float && (data.type as arrow.Float).precision === 0) return undefined;
      return data.values as Values | BigInt64Array | BigUint64Array;
    default:
      return undefined;
  }
}

/** A reader of row keys for the column kinds without a plain values array (booleans, bytes, decimals). */
function keyReader(data: arrow.Data): (i: number) => Key {
  switch (data.typeId) {
    case ArrowType.Bool: {
      const bits = data.values as Uint8Array;
      const offset = data.offset;
      return (i) => (bits[(offset + i) >> 3]! >> ((offset + i) & 7)) & 1;
    }
    case ArrowType.Utf8:
    case ArrowType.Binary: {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      return (i) => bytes.subarray(offsets[i]!, offsets[i + 1]!);
    }
    case ArrowType.FixedSizeBinary: {
      const width = (data.type as arrow.FixedSizeBinary).byteWidth;
      const bytes = data.values as Uint8Array;
      return (i) => bytes.subarray(i * width, (i + 1) * width);
    }
    case ArrowType.Decimal: {
      const words = (data.type as arrow.Decimal).bitWidth / 32;
      const values = data.values as Uint32Array;
      return (i) => {
        let value = 0n;
        for (let w = words - 1; w >= 0; w--) value = (value << 32n) | BigInt(values[i * words + w]!);
        return BigInt.asIntN(words * 32, value);
      };
    }
    default: {
      const values = fastValues(data);
      if (values) return (i) => values[i]!;
      throw new ParquetError('BAD_ARGUMENT', `filter: cannot compare values of Arrow type ${String(data.type)}`);
    }
  }
}

/** The test a row key must pass for `leaf` (comparisons and set membership; nulls are handled by the caller). */
function keyTest(op: ComparisonOp, keys: readonly Key[]): (key: Key) => boolean {
  const v = keys[0]!;
  switch (op) {
    case '=':
      return (k) => compareKeys(k, v) === 0;
    case '!=':
      return (k) => !(compareKeys(k, v) === 0);
    case '<':
      return (k) => compareKeys(k, v) < 0;
    case '<=':
      return (k) => compareKeys(k, v) <= 0;
    case '>':
      return (k) => compareKeys(k, v) > 0;
    case '>=':
      return (k) => compareKeys(k, v) >= 0;
    case 'in':
    case 'not-in': {
      const member = membership(keys);
      return op === 'in' ? member : (k) => !member(k);
    }
    default:
      throw new ParquetError('BAD_ARGUMENT', `filter: operator ${op} is not a comparison`);
  }
}

/** Set membership: a hash set for numbers and bigints, a scan of byte keys otherwise. */
function membership(keys: readonly Key[]): (key: Key) => boolean {
  if (keys.every((k) => typeof k === 'number' || typeof k === 'bigint')) {
    const set = new Set(keys as (number | bigint)[]);
    const mixed = keys.some((k) => typeof k === 'number' && !Number.isInteger(k));
    if (!mixed) {
      return (k) => set.has(k as number | bigint);
    }
  }
  return (k) => keys.some((x) => compareKeys(k, x) === 0);
}
