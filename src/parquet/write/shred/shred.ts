// Dremel shredding of an Arrow record batch (the Dremel paper, section 4.2; parquet-format README "Nested
// Encoding"): each leaf column's definition and repetition levels and its non-null values in physical form.
//
// The walk goes down the write tree with one entry per level slot (definition level so far, repetition level,
// index of the value in the current Arrow array or -1 once the entry ended at a null or an empty list), kept in
// kernel memory; assembly/shred.ts moves the entries through each optional node and each list. Top-level flat
// columns, the common case, take a shortcut: their definition levels are their validity bits.
import type * as arrow from 'apache-arrow';
import { arena } from '../../../kernels/arena.js';
import { ParquetError } from '../../errors.js';
import type { LeafData } from '../leaf_data.js';
import type { WriteLeaf, WriteNode, WriteSchema } from '../schema/write_schema.js';
import { arrowChild, listOffsets, nullCountOf, validityBits } from './arrow_data.js';
import { compactNonNull, isCompactable } from './compact.js';
import { arrowToPhysical, emptyValues } from './convert_values.js';

/** Options of `shredBatch`. */
export interface ShredOptions {
  /** Row number of the batch's first row in the file, so that errors name rows of the whole write. */
  readonly firstRow?: number;
}

/**
 * Shreds a record batch into one LeafData per leaf of `schema` (in column order). Top-level fields are matched by
 * name. Throws ParquetError INVALID_VALUE (naming column and row) for a null in a required field or a value that
 * does not fit its column, BAD_ARGUMENT for a missing column or an Arrow type that cannot fit its column.
 */
export function shredBatch(batch: arrow.RecordBatch, schema: WriteSchema, options: ShredOptions = {}): LeafData[] {
  const numRows = batch.numRows;
  const results: LeafData[] = new Array(schema.leaves.length);
  const shredder = new Shredder(numRows, options.firstRow ?? 0, results);
  const a = arena();
  const mark = a.mark();
  try {
    for (const node of schema.fields) {
      const index = batch.schema.fields.findIndex((f) => f.name === node.name);
      if (index < 0) {
        throw new ParquetError('BAD_ARGUMENT', `the batch has no column ${node.name}`, { column: node.name });
      }
      const data = batch.data.children[index]! as arrow.Data;
      if (data.length !== numRows) {
        throw new ParquetError('BAD_ARGUMENT', `column has ${data.length} values for ${numRows} rows`, {
          column: node.name,
        });
      }
      try {
        if (node.kind === 'leaf') shredder.flat(node.leaf, node.optional, data);
        else shredder.nested(node, data);
      } catch (err) {
        // Errors from deep inside (offsets, oversized binaries) name at least the top-level column.
        throw err instanceof ParquetError ? err.withContext({ column: node.name }) : err;
      }
      a.release(mark);
    }
  } finally {
    a.release(mark);
  }
  return results;
}

/** Level entries in kernel memory: `count` u8 definition levels, u8 repetition levels (0: all 0), i32 indexes. */
interface Entries {
  readonly count: number;
  readonly defPtr: number;
  readonly repPtr: number;
  readonly idxPtr: number;
}

class Shredder {
  constructor(
    private readonly numRows: number,
    private readonly firstRow: number,
    private readonly results: LeafData[],
  ) {}

  /** A top-level primitive column: definition levels straight from the validity bitmap. */
  flat(leaf: WriteLeaf, optional: boolean, data: arrow.Data): void {
    const n = data.length;
    const nulls = nullCountOf(data);
    const failAt = (defLevels: Uint8Array | undefined) => (k: number, detail: string) =>
      this.fail(leaf.name, detail, defLevels ? nthDefined(defLevels, 1, k) : k, undefined);
    if (!optional) {
      if (nulls > 0) this.fail(leaf.name, 'null in a non-nullable field', firstNull(data), undefined);
      this.store(leaf, { numLevels: n, numRows: n, values: arrowToPhysical(data, undefined, leaf, failAt(undefined)) });
      return;
    }
    if (nulls === 0) {
      const defLevels = new Uint8Array(n).fill(1);
      const values = arrowToPhysical(data, undefined, leaf, failAt(undefined));
      this.store(leaf, { numLevels: n, numRows: n, defLevels, values });
      return;
    }
    if (nulls === n) {
      this.store(leaf, { numLevels: n, numRows: n, defLevels: new Uint8Array(n), values: emptyValues(leaf) });
      return;
    }
    const a = arena();
    const bits = validityBits(data);
    const validityPtr = a.copyIn(bits.bytes);
    const defPtr = a.alloc(n);
    // Types the compaction kernel handles need no positions: their non-null values move in runs.
    const compactable = isCompactable(data.type as arrow.DataType);
    const positionsPtr = compactable ? 0 : a.alloc(n * 4);
    const valid = a.wasm.shredFlatOptional(validityPtr, bits.bitOffset, n, defPtr, positionsPtr);
    const defLevels = a.view(Uint8Array, defPtr, n).slice();
    const dense = compactable ? compactNonNull(data, validityPtr, bits.bitOffset, valid) : undefined;
    const values = dense
      ? arrowToPhysical(dense, undefined, leaf, failAt(defLevels))
      : arrowToPhysical(data, a.view(Int32Array, positionsPtr, valid).slice(), leaf, failAt(defLevels));
    this.store(leaf, { numLevels: n, numRows: n, defLevels, values });
  }

  /** A top-level nested field: the general walk, from one entry per row. */
  nested(node: WriteNode, data: arrow.Data): void {
    const a = arena();
    const n = this.numRows;
    const defPtr = a.alloc(n);
    a.u8().fill(0, defPtr, defPtr + n);
    const idxPtr = a.alloc(n * 4);
    const idx = a.view(Int32Array, idxPtr, n);
    for (let i = 0; i < n; i++) idx[i] = i;
    this.walk(node, node.name, data, { count: n, defPtr, repPtr: 0, idxPtr });
  }

  private walk(node: WriteNode, path: string, data: arrow.Data, entries: Entries): void {
    const a = arena();
    const nulls = nullCountOf(data);
    let at = entries;
    if (node.optional || nulls > 0) {
      const { count } = at;
      let validityPtr = 0;
      let bitOffset = 0;
      if (nulls > 0) {
        const bits = validityBits(data);
        validityPtr = a.copyIn(bits.bytes);
        bitOffset = bits.bitOffset;
      }
      const defPtr = a.alloc(count);
      const idxPtr = a.alloc(count * 4);
      const increment = node.optional ? 1 : 0;
      const status = a.wasm.shredNullable(
        at.defPtr,
        at.idxPtr,
        count,
        validityPtr,
        bitOffset,
        increment,
        defPtr,
        idxPtr,
      );
      if (status < 0) this.fail(path, 'null in a non-nullable field', -status - 1, at);
      at = { count, defPtr, repPtr: at.repPtr, idxPtr };
    }
    switch (node.kind) {
      case 'leaf':
        this.leaf(node.leaf, data, at);
        return;
      case 'struct':
        for (const child of node.children) {
          const mark = a.mark();
          this.walk(child, `${path}.${child.name}`, arrowChild(data, child.name, path), at);
          a.release(mark);
        }
        return;
      case 'list': {
        const { offsets, child } = listOffsets(data, path);
        const elementPath = [path, ...node.elementPath].join('.');
        this.walk(node.element, elementPath, child, this.expand(at, offsets, child.length, node.elemRep, path));
        return;
      }
      case 'map': {
        const { offsets, child } = listOffsets(data, path);
        const inner = this.expand(at, offsets, child.length, node.elemRep, path);
        const key = child.children[0] as arrow.Data | undefined;
        const value = child.children[1] as arrow.Data | undefined;
        if (!key || !value)
          throw new ParquetError('BAD_ARGUMENT', 'map entries need a key and a value', { column: path });
        const mark = a.mark();
        this.walk(node.key, `${path}.${node.entriesName}.${node.key.name}`, key, inner);
        a.release(mark);
        this.walk(node.value, `${path}.${node.entriesName}.${node.value.name}`, value, inner);
        return;
      }
    }
  }

  /** Entries through one list level (its i32 offsets, one more than the list array's length). */
  private expand(at: Entries, offsets: Int32Array, childLength: number, elemRep: number, path: string): Entries {
    const a = arena();
    const offsetsPtr = a.alloc(offsets.byteLength);
    a.view(Int32Array, offsetsPtr, offsets.length).set(offsets);
    const total = a.wasm.shredListLength(at.idxPtr, at.count, offsetsPtr, childLength);
    if (total < 0) {
      throw new ParquetError('BAD_ARGUMENT', 'list offsets decrease or point past the list values', { column: path });
    }
    if (total > 0x7fffffff) {
      throw new ParquetError('UNSUPPORTED', `a batch expands to ${total} level entries; write smaller batches`, {
        column: path,
      });
    }
    const defPtr = a.alloc(total);
    const repPtr = a.alloc(total);
    const idxPtr = a.alloc(total * 4);
    a.wasm.shredListExpand(at.defPtr, at.repPtr, at.idxPtr, at.count, offsetsPtr, elemRep, defPtr, repPtr, idxPtr);
    return { count: total, defPtr, repPtr, idxPtr };
  }

  private leaf(leaf: WriteLeaf, data: arrow.Data, at: Entries): void {
    const a = arena();
    const { count } = at;
    const positionsPtr = a.alloc(count * 4);
    const live = a.wasm.shredPositions(at.idxPtr, count, positionsPtr);
    const positions = a.view(Int32Array, positionsPtr, live).slice();
    const defLevels = leaf.maxDef > 0 ? a.view(Uint8Array, at.defPtr, count).slice() : undefined;
    const repLevels = leaf.maxRep > 0 ? a.view(Uint8Array, at.repPtr, count).slice() : undefined;
    const fail = (k: number, detail: string): never => {
      const entry = defLevels ? nthDefined(defLevels, leaf.maxDef, k) : k;
      return this.fail(leaf.name, detail, entry, repLevels);
    };
    const values = arrowToPhysical(data, isIdentity(positions, data.length) ? undefined : positions, leaf, fail);
    this.store(leaf, {
      numLevels: count,
      numRows: this.numRows,
      ...(defLevels ? { defLevels } : {}),
      ...(repLevels ? { repLevels } : {}),
      values,
    });
  }

  private store(leaf: WriteLeaf, data: LeafData): void {
    this.results[leaf.columnIndex] = data;
  }

  /** Throws INVALID_VALUE for level entry `entry`, naming its row (repetition levels in kernel memory or a copy). */
  private fail(column: string, detail: string, entry: number, rep: Entries | Uint8Array | undefined): never {
    let row = entry;
    const levels =
      rep instanceof Uint8Array
        ? rep
        : rep && rep.repPtr !== 0
          ? arena().view(Uint8Array, rep.repPtr, rep.count)
          : undefined;
    if (levels) {
      row = -1;
      for (let i = 0; i <= entry; i++) if (levels[i] === 0) row++;
    }
    throw new ParquetError('INVALID_VALUE', detail, { column, row: this.firstRow + row });
  }
}

/** Index of the k-th (from 0) entry whose definition level is `maxDef`. */
function nthDefined(defLevels: Uint8Array, maxDef: number, k: number): number {
  let seen = 0;
  for (let i = 0; i < defLevels.length; i++) {
    if (defLevels[i] === maxDef && seen++ === k) return i;
  }
  return defLevels.length;
}

function firstNull(data: arrow.Data): number {
  for (let i = 0; i < data.length; i++) if (!data.getValid(i)) return i;
  return 0;
}

/** Whether `positions` are exactly 0 .. length - 1 (every value of the array, in order: no gather needed). */
function isIdentity(positions: Int32Array, length: number): boolean {
  if (positions.length !== length) return false;
  for (let i = 0; i < length; i++) if (positions[i] !== i) return false;
  return true;
}
