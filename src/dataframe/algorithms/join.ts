// Hash join of two Batches (one partition each): the local step of DataFrame.merge.
//
// Keys of both sides are brought to one type per key column (integers of different widths widen to int64,
// float32 to float64, dictionaries decode to their values), stacked (left rows, then right rows) and given dense
// group ids by the hash-table kernels of assembly/group_ids.ts. Those kernels compare the key bytes of every
// candidate, so a hash collision never pairs unequal keys. Rows of one group then have equal keys on every column:
// the right rows are bucketed by group (a counting sort, so each bucket keeps right-row order) and every left row is
// paired with its group's bucket. Null keys never match (SQL `=`): a row with a null in any key column is paired
// with nothing (it survives only as an unmatched row of an outer side). NaN matches NaN and -0 matches +0, as in
// DuckDB's joins and pandas' merge.
//
// Row order of the result: left rows in order, each followed by its matches in right-row order ('inner', 'left',
// and 'outer'); for 'outer', the right rows that matched nothing follow, in right-row order. 'right' is the mirror
// image: right rows in order, each with its left matches in left-row order.
import { concatColumns } from '../../columnar/concat.js';
import { decodeDictionary } from '../../columnar/dictionary.js';
import { getBit } from '../../columnar/layout.js';
import { takeBatch, takeColumn } from '../../columnar/take.js';
import type { Batch, Column, DataType, Field } from '../../columnar/types.js';
import { AlgorithmError } from './errors.js';
import { groupIds } from './group_ids.js';
import { dictionaryKeyIds, sharedKeyType, stackedDictionaryKey } from './join_dictionary.js';

/** Which unmatched rows a join keeps: none, the left's, the right's, or both (SQL INNER/LEFT/RIGHT/FULL OUTER). */
export type JoinHow = 'inner' | 'left' | 'right' | 'outer';

/** The row pairs of a join: output row i is left row `left[i]` beside right row `right[i]` (-1: no row). */
export interface JoinIndices {
  readonly left: Int32Array;
  readonly right: Int32Array;
}

const INT_KINDS: ReadonlySet<string> = new Set(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32']);

function plainType(type: DataType): DataType {
  return type.kind === 'dictionary' ? type.value : type;
}

function sameType(a: DataType, b: DataType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The type both sides' key values take for comparison, or an error naming the keys: equal types stay, integers of
 * different widths (uint64 excepted) meet as int64, float32/float64 as float64. Integers never meet floats (their
 * hashes differ, so a shuffle could not bring them together): cast one side first.
 */
export function joinKeyType(left: DataType, right: DataType, leftName = 'left', rightName = 'right'): DataType {
  const a = plainType(left);
  const b = plainType(right);
  if (sameType(a, b)) return a;
  if (INT_KINDS.has(a.kind) && INT_KINDS.has(b.kind)) return { kind: 'int64' };
  if ((a.kind === 'float32' || a.kind === 'float64') && (b.kind === 'float32' || b.kind === 'float64')) {
    return { kind: 'float64' };
  }
  throw new AlgorithmError(
    'UNSUPPORTED_TYPE',
    `merge: key ${JSON.stringify(leftName)} (${a.kind}) and ${JSON.stringify(rightName)} (${b.kind}) have ` +
      'different types; cast one side first',
  );
}

/** `column` with its values in `type` (one of the types joinKeyType returns for it). */
function keyColumnAs(input: Column, type: DataType): Column {
  const column = input.type.kind === 'dictionary' ? decodeDictionary(input) : input;
  if (sameType(column.type, type)) return column;
  const n = column.length;
  const base = { length: n, nullCount: column.nullCount, ...(column.validity ? { validity: column.validity } : {}) };
  if (type.kind === 'int64' && INT_KINDS.has(column.type.kind)) {
    // Two's complement words written directly: no BigInt per value (little-endian, as every Node platform).
    const src = column.values as Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;
    const out = new BigInt64Array(new SharedArrayBuffer(n * 8));
    const words = new Int32Array(out.buffer, 0, n * 2);
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      words[2 * i] = v | 0;
      words[2 * i + 1] = v < 0 ? -1 : 0;
    }
    return { type, ...base, values: out };
  }
  if (type.kind === 'float64' && column.type.kind === 'float32') {
    return { type, ...base, values: Float64Array.from(column.values as Float32Array) };
  }
  throw new AlgorithmError('UNSUPPORTED_TYPE', `merge: cannot compare a ${column.type.kind} key as ${type.kind}`);
}

/** Each key column of both sides in its common type, left rows then right rows. */
function stackedKeys(leftKeys: readonly Column[], rightKeys: readonly Column[]): Column[] {
  return leftKeys.map((l, k) => {
    const r = rightKeys[k]!;
    const type = joinKeyType(l.type, r.type);
    return concatColumns([keyColumnAs(l, type), keyColumnAs(r, type)]);
  });
}

/**
 * The keys rows are matched on, left rows then right rows: stackedKeys, except that a key pair with a dictionary
 * side becomes int32 ids shared by equal values (join_dictionary.ts). `dense`: the ids of a single such key, which
 * need no second grouping.
 */
function matchKeys(
  leftKeys: readonly Column[],
  rightKeys: readonly Column[],
): { keys: Column[]; dense?: { ids: Int32Array; numGroups: number } } {
  const keys = leftKeys.map((l, k) => {
    const r = rightKeys[k]!;
    const type = joinKeyType(l.type, r.type);
    const shared = dictionaryKeyIds(l, r, (plain) => keyColumnAs(plain, type));
    return shared ?? { column: concatColumns([keyColumnAs(l, type), keyColumnAs(r, type)]) };
  });
  const only = keys.length === 1 ? keys[0]! : undefined;
  if (only && 'numGroups' in only) {
    const column = only.column;
    const ids = column.values as Int32Array;
    if (column.nullCount > 0) for (let i = 0; i < ids.length; i++) if (!getBit(column.validity!, i)) ids[i] = -1;
    return { keys: [column], dense: { ids, numGroups: only.numGroups } };
  }
  return { keys: keys.map((k) => k.column) };
}

/** Group ids of the stacked keys, -1 for rows with a null in any key column. */
function matchIds(keys: readonly Column[]): { ids: Int32Array; numGroups: number } {
  const count = keys[0]!.length;
  if (count === 0) return { ids: new Int32Array(0), numGroups: 0 };
  // A key column of nulls only (the 'null' type included, which has no values to group) matches nothing.
  if (keys.some((k) => k.nullCount === count)) return { ids: new Int32Array(count).fill(-1), numGroups: 0 };
  const { ids, numGroups } = groupIds(keys);
  for (const key of keys) {
    if (key.nullCount === 0 || !key.validity) continue;
    const validity = key.validity;
    for (let i = 0; i < count; i++) if (!getBit(validity, i)) ids[i] = -1;
  }
  return { ids, numGroups };
}

/** The left-driven join ('inner', 'left' or 'outer') over group ids of left rows [0, nLeft) then right rows. */
function pairsByGroup(ids: Int32Array, numGroups: number, nLeft: number, how: 'inner' | 'left' | 'outer') {
  const nRight = ids.length - nLeft;
  const start = new Int32Array(numGroups + 1);
  for (let r = 0; r < nRight; r++) {
    const g = ids[nLeft + r]!;
    if (g >= 0) start[g + 1]!++;
  }
  for (let g = 0; g < numGroups; g++) start[g + 1]! += start[g]!;
  const bucket = new Int32Array(start[numGroups]!);
  const fill = start.slice(0, numGroups);
  for (let r = 0; r < nRight; r++) {
    const g = ids[nLeft + r]!;
    if (g >= 0) bucket[fill[g]!++] = r;
  }
  const keepLeft = how !== 'inner';
  const leftSeen = how === 'outer' ? new Uint8Array(numGroups) : undefined;
  let total = 0;
  for (let l = 0; l < nLeft; l++) {
    const g = ids[l]!;
    const matches = g >= 0 ? start[g + 1]! - start[g]! : 0;
    total += matches > 0 ? matches : keepLeft ? 1 : 0;
    if (leftSeen && g >= 0) leftSeen[g] = 1;
  }
  if (leftSeen) {
    for (let r = 0; r < nRight; r++) {
      const g = ids[nLeft + r]!;
      if (g < 0 || leftSeen[g] === 0) total++;
    }
  }
  if (total > 0x7fffffff) {
    throw new AlgorithmError('INVALID_ARGUMENT', `merge: ${total} result rows in one partition (use more partitions)`);
  }
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  let at = 0;
  for (let l = 0; l < nLeft; l++) {
    const g = ids[l]!;
    const from = g >= 0 ? start[g]! : 0;
    const to = g >= 0 ? start[g + 1]! : 0;
    if (from === to) {
      if (keepLeft) {
        left[at] = l;
        right[at++] = -1;
      }
      continue;
    }
    for (let k = from; k < to; k++) {
      left[at] = l;
      right[at++] = bucket[k]!;
    }
  }
  if (leftSeen) {
    for (let r = 0; r < nRight; r++) {
      const g = ids[nLeft + r]!;
      if (g < 0 || leftSeen[g] === 0) {
        left[at] = -1;
        right[at++] = r;
      }
    }
  }
  return { left, right };
}

/** Checks a key list pair: as many left as right keys, at least one. */
function checkKeyCounts(leftCount: number, rightCount: number): void {
  if (leftCount === 0) throw new AlgorithmError('INVALID_ARGUMENT', 'merge: no key columns');
  if (leftCount !== rightCount) {
    throw new AlgorithmError('INVALID_ARGUMENT', `merge: ${leftCount} left keys but ${rightCount} right keys`);
  }
}

/**
 * The row pairs joining `leftKeys` to `rightKeys` (key column k of one side compared with column k of the other),
 * in the order described at the top of this file.
 */
export function joinIndices(leftKeys: readonly Column[], rightKeys: readonly Column[], how: JoinHow): JoinIndices {
  checkKeyCounts(leftKeys.length, rightKeys.length);
  if (how === 'right') {
    const mirrored = joinIndices(rightKeys, leftKeys, 'left');
    return { left: mirrored.right, right: mirrored.left };
  }
  const matched = matchKeys(leftKeys, rightKeys);
  const { ids, numGroups } = matched.dense ?? matchIds(matched.keys);
  return pairsByGroup(ids, numGroups, leftKeys[0]!.length, how);
}

/** Where one output column comes from. */
interface OutputColumn {
  readonly field: Field;
  /** A left or right column index, or a key position whose values are the coalesced keys of both sides. */
  readonly from: { side: 'left' | 'right'; index: number } | { key: number };
}

function columnIndex(fields: readonly Field[], name: string, side: string): number {
  const i = fields.findIndex((f) => f.name === name);
  if (i < 0) {
    throw new AlgorithmError(
      'INVALID_ARGUMENT',
      `merge: no ${side} column ${JSON.stringify(name)} (columns: ${fields.map((f) => f.name).join(', ')})`,
    );
  }
  return i;
}

/**
 * The output columns of a join, named as pandas' merge names them: the left columns in order, then the right's;
 * a key whose left and right names are equal appears once (at the left's position, values from whichever side has
 * the row); any other name present on both sides gets `suffixes[0]` on the left and `suffixes[1]` on the right.
 */
function outputColumns(
  leftFields: readonly Field[],
  rightFields: readonly Field[],
  leftOn: readonly string[],
  rightOn: readonly string[],
  how: JoinHow,
  suffixes: readonly [string, string],
): OutputColumn[] {
  checkKeyCounts(leftOn.length, rightOn.length);
  const leftKeyIdx = leftOn.map((n) => columnIndex(leftFields, n, 'left'));
  const rightKeyIdx = rightOn.map((n) => columnIndex(rightFields, n, 'right'));
  const keyTypes = leftOn.map((n, k) =>
    joinKeyType(leftFields[leftKeyIdx[k]!]!.type, rightFields[rightKeyIdx[k]!]!.type, n, rightOn[k]),
  );
  const sharedKeyOfRight = new Map<number, number>();
  const sharedKeyOfLeft = new Map<number, number>();
  leftOn.forEach((name, k) => {
    if (name === rightOn[k]) {
      sharedKeyOfLeft.set(leftKeyIdx[k]!, k);
      sharedKeyOfRight.set(rightKeyIdx[k]!, k);
    }
  });
  const leftNames = new Set(leftFields.map((f) => f.name));
  const rightNames = new Set(rightFields.filter((_, i) => !sharedKeyOfRight.has(i)).map((f) => f.name));
  const leftNullable = how === 'right' || how === 'outer';
  const rightNullable = how === 'left' || how === 'outer';
  const out: OutputColumn[] = [];
  leftFields.forEach((f, i) => {
    const k = sharedKeyOfLeft.get(i);
    if (k !== undefined) {
      const nullable = f.nullable || rightFields[rightKeyIdx[k]!]!.nullable;
      const type = sharedKeyType(f.type, rightFields[rightKeyIdx[k]!]!.type, keyTypes[k]!);
      out.push({ field: { name: f.name, type, nullable }, from: { key: k } });
      return;
    }
    const name = rightNames.has(f.name) ? f.name + suffixes[0] : f.name;
    out.push({ field: { ...f, name, nullable: f.nullable || leftNullable }, from: { side: 'left', index: i } });
  });
  rightFields.forEach((f, i) => {
    if (sharedKeyOfRight.has(i)) return;
    const name = leftNames.has(f.name) ? f.name + suffixes[1] : f.name;
    out.push({ field: { ...f, name, nullable: f.nullable || rightNullable }, from: { side: 'right', index: i } });
  });
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.field.name)) {
      throw new AlgorithmError('INVALID_ARGUMENT', `merge: two result columns named ${JSON.stringify(c.field.name)}`);
    }
    seen.add(c.field.name);
  }
  return out;
}

/** The result schema of {@link joinBatches} for inputs of these schemas (throws on bad keys, as the join would). */
export function joinFields(
  leftFields: readonly Field[],
  rightFields: readonly Field[],
  leftOn: readonly string[],
  rightOn: readonly string[],
  how: JoinHow,
  suffixes: readonly [string, string] = ['_x', '_y'],
): Field[] {
  return outputColumns(leftFields, rightFields, leftOn, rightOn, how, suffixes).map((c) => c.field);
}

/**
 * The SQL join of `left` and `right` on `leftOn[k] = rightOn[k]` for every k (see the top of this file for the
 * matching rules and the row order; {@link joinFields} for the column names).
 */
export function joinBatches(
  left: Batch,
  right: Batch,
  leftOn: readonly string[],
  rightOn: readonly string[],
  how: JoinHow,
  suffixes: readonly [string, string] = ['_x', '_y'],
): Batch {
  const columns = outputColumns(left.fields, right.fields, leftOn, rightOn, how, suffixes);
  const leftKeys = leftOn.map((n) => left.columns[columnIndex(left.fields, n, 'left')]!);
  const rightKeys = rightOn.map((n) => right.columns[columnIndex(right.fields, n, 'right')]!);
  const pairs = joinIndices(leftKeys, rightKeys, how);
  const numRows = pairs.left.length;
  const leftPart = subBatch(left, columns, 'left');
  const rightPart = subBatch(right, columns, 'right');
  const leftTaken = takeBatch(leftPart.batch, pairs.left);
  const rightTaken = takeBatch(rightPart.batch, pairs.right);
  const hasSharedKey = columns.some((c) => 'key' in c.from);
  let keyColumns: Column[] = [];
  let keyRows = pairs.left;
  if (hasSharedKey) {
    keyColumns = leftKeys.map((l, k) => {
      const r = rightKeys[k]!;
      const type = joinKeyType(l.type, r.type);
      if (sharedKeyType(l.type, r.type, type).kind !== 'dictionary') return stackedKeys([l], [r])[0]!;
      return stackedDictionaryKey(l, r, (plain) => keyColumnAs(plain, type));
    });
    if (how === 'right' || how === 'outer') {
      keyRows = new Int32Array(numRows);
      const nLeft = left.numRows;
      for (let i = 0; i < numRows; i++) {
        const l = pairs.left[i]!;
        keyRows[i] = l >= 0 ? l : nLeft + pairs.right[i]!;
      }
    }
  }
  return {
    fields: columns.map((c) => c.field),
    numRows,
    columns: columns.map((c) => {
      const from = c.from;
      if ('key' in from) return takeColumn(keyColumns[from.key]!, keyRows);
      const part = from.side === 'left' ? leftPart : rightPart;
      const taken = from.side === 'left' ? leftTaken : rightTaken;
      return taken.columns[part.position.get(from.index)!]!;
    }),
  };
}

/** The columns of one side the output takes rows of, and where each input column sits among them. */
function subBatch(
  batch: Batch,
  columns: readonly OutputColumn[],
  side: 'left' | 'right',
): { batch: Batch; position: Map<number, number> } {
  const position = new Map<number, number>();
  const picked: number[] = [];
  for (const c of columns) {
    if ('side' in c.from && c.from.side === side) {
      position.set(c.from.index, picked.length);
      picked.push(c.from.index);
    }
  }
  return {
    batch: {
      fields: picked.map((i) => batch.fields[i]!),
      numRows: batch.numRows,
      columns: picked.map((i) => batch.columns[i]!),
    },
    position,
  };
}
