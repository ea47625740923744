// The buffered share of one leaf column in the row group being filled. A row group that arrives as one piece (a
// batch holding exactly its rows) is kept as that piece, no copy. Otherwise pieces are copied, as they arrive, into
// storage that is sized for the whole row group once and reused by every later row group: the caller's batches can
// be collected as soon as they are added, no row group is ever held twice (pieces plus their join), and a long
// streaming write does not churn through a row group's worth of fresh allocations per row group (freed blocks of
// varying sizes fragment the native heap, which shows up as a peak RSS creeping up with the rows written).
import type { LeafData, PhysicalValues } from './leaf_data.js';

/** Spare room on the first sizing of a growable store, so that row groups a little larger than the estimate fit. */
const ESTIMATE_MARGIN = 1 / 16;
/** Extra room for byte arrays' data, whose size per row drifts from row group to row group (longer strings later in
 *  a file): growing a store mid-write holds the old and the new copy at once, a step up in peak memory. */
const VARIABLE_SIZE_SLACK = 1.2;
/** A store that must grow grows by at least a quarter, so a long row group grows it only a few times. */
const GROWTH = 1.25;

/** Bytes appended to one growing buffer (reused across row groups here; the page index spool in file_layout.ts). */
export class ByteStore {
  private buffer: ArrayBuffer | SharedArrayBuffer;
  length = 0;

  /** `shared`: keep the bytes on a SharedArrayBuffer, so that handing them to a pool thread copies nothing. */
  constructor(private readonly shared = false) {
    this.buffer = shared ? new SharedArrayBuffer(0) : new ArrayBuffer(0);
  }

  /** Appends `bytes`, sizing the store for `expected` bytes in all when it must grow. */
  append(bytes: Uint8Array, expected: number): void {
    this.reserve(this.length + bytes.byteLength, expected);
    new Uint8Array(this.buffer, this.length, bytes.byteLength).set(bytes);
    this.length += bytes.byteLength;
  }

  /** Makes room for `need` bytes; returns the buffer (valid until the next call). */
  reserve(need: number, expected: number): ArrayBuffer | SharedArrayBuffer {
    if (need <= this.buffer.byteLength) return this.buffer;
    const grown = Math.max(
      need,
      Math.ceil(expected * (1 + ESTIMATE_MARGIN)),
      Math.ceil(this.buffer.byteLength * GROWTH),
    );
    const next = this.shared ? new SharedArrayBuffer(align8(grown)) : new ArrayBuffer(align8(grown));
    new Uint8Array(next).set(new Uint8Array(this.buffer, 0, this.length));
    this.buffer = next;
    return next;
  }

  /** The stored bytes (a view, valid until the next append). */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer, 0, this.length);
  }

  /** The backing buffer (valid until the next append). */
  get backing(): ArrayBuffer | SharedArrayBuffer {
    return this.buffer;
  }
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** `values` viewed over `bytes` (8-byte aligned at offset 0), as the kind of `like`. */
function fixedValuesOver(
  like: PhysicalValues,
  buffer: ArrayBuffer | SharedArrayBuffer,
  byteLength: number,
): PhysicalValues {
  switch (like.kind) {
    case 'int32':
      return { kind: 'int32', data: new Int32Array(buffer, 0, byteLength / 4) };
    case 'int64':
      return { kind: 'int64', data: new BigInt64Array(buffer, 0, byteLength / 8) };
    case 'float':
      return { kind: 'float', data: new Float32Array(buffer, 0, byteLength / 4) };
    case 'double':
      return { kind: 'double', data: new Float64Array(buffer, 0, byteLength / 8) };
    case 'boolean':
    case 'int96':
      return { kind: like.kind, data: new Uint8Array(buffer, 0, byteLength) };
    case 'fixed_len_byte_array':
      return { kind: like.kind, width: like.width, data: new Uint8Array(buffer, 0, byteLength) };
    case 'byte_array':
      throw new Error('unreachable: byte arrays are not fixed-width');
  }
}

/**
 * One leaf column's buffered rows. `append` pieces in row order, then `take` the row group's LeafData; the
 * views `take` returns stay valid until the next `append` (the column chunk writer copies what it keeps).
 * A `shared` buffer copies every piece, a single one included, into SharedArrayBuffer storage: the row group then
 * crosses to a pool thread without being serialized (structured clone of a typed array copies it twice, once on
 * each side; a view of shared memory crosses as a reference).
 */
export class LeafBuffer {
  /** The only piece so far, kept as given (not copied) until a second one arrives. */
  private single?: LeafData;
  private pieces = 0;
  private numLevels = 0;
  private numRows = 0;
  private hasDef = false;
  private hasRep = false;
  private like?: PhysicalValues;
  private readonly defLevels: ByteStore;
  private readonly repLevels: ByteStore;
  /** Fixed-width values' bytes, or byte arrays' data. */
  private readonly values: ByteStore;
  /** Byte arrays' offsets (i32, rebased onto `values`); holds count + 1 entries once a byte-array piece is in. */
  private readonly offsets: ByteStore;

  constructor(private readonly shared = false) {
    this.defLevels = new ByteStore(shared);
    this.repLevels = new ByteStore(shared);
    this.values = new ByteStore(shared);
    this.offsets = new ByteStore(shared);
  }

  /** Rows buffered. */
  get rows(): number {
    return this.numRows;
  }

  /**
   * Adds `leaf` (the next rows of the column). `expectedRows` is how many rows the row group will probably hold in
   * all, to size storage once instead of growing it piece by piece.
   */
  append(leaf: LeafData, expectedRows: number): void {
    this.pieces++;
    if (this.pieces === 1 && !this.shared) {
      this.single = leaf;
      this.numLevels = leaf.numLevels;
      this.numRows = leaf.numRows;
      return;
    }
    if (this.single !== undefined) {
      const first = this.single;
      this.single = undefined;
      this.numLevels = 0;
      this.numRows = 0;
      this.copyIn(first, expectedRows);
    }
    this.copyIn(leaf, expectedRows);
  }

  /** The buffered rows as one LeafData (views valid until the next append); the buffer is then empty. */
  take(): LeafData {
    const single = this.single;
    const result: LeafData = single ?? {
      numLevels: this.numLevels,
      numRows: this.numRows,
      defLevels: this.hasDef ? this.defLevels.bytes() : undefined,
      repLevels: this.hasRep ? this.repLevels.bytes() : undefined,
      values: this.storedValues(),
    };
    this.single = undefined;
    this.pieces = 0;
    this.numLevels = 0;
    this.numRows = 0;
    this.defLevels.length = 0;
    this.repLevels.length = 0;
    this.values.length = 0;
    this.offsets.length = 0;
    return result;
  }

  private copyIn(leaf: LeafData, expectedRows: number): void {
    // Per-row sizes of this piece, scaled to the rows the row group is expected to hold.
    const scale = expectedRows / Math.max(leaf.numRows, 1);
    this.hasDef = leaf.defLevels !== undefined;
    this.hasRep = leaf.repLevels !== undefined;
    if (leaf.defLevels) this.defLevels.append(leaf.defLevels, leaf.defLevels.byteLength * scale);
    if (leaf.repLevels) this.repLevels.append(leaf.repLevels, leaf.repLevels.byteLength * scale);
    const v = leaf.values;
    this.like ??= v;
    if (v.kind === 'byte_array') this.appendByteArrays(v, scale);
    else this.values.append(bytesOf(v.data), v.data.byteLength * scale);
    this.numLevels += leaf.numLevels;
    this.numRows += leaf.numRows;
  }

  private appendByteArrays(v: Extract<PhysicalValues, { kind: 'byte_array' }>, scale: number): void {
    const count = v.offsets.length - 1;
    const first = v.offsets[0] as number;
    const last = v.offsets[count] as number;
    const dataStart = this.values.length;
    this.values.append(v.data.subarray(first, last), (last - first) * scale * VARIABLE_SIZE_SLACK);
    // offsets hold count + 1 entries: the first piece writes the leading 0, every piece its count ends.
    const stored = this.offsets.length === 0 ? 0 : this.offsets.length / 4 - 1;
    const need = (stored + count + 1) * 4;
    const buffer = this.offsets.reserve(need, (count + 1) * 4 * scale);
    const out = new Int32Array(buffer, 0, stored + count + 1);
    if (stored === 0) out[0] = 0;
    const shift = dataStart - first;
    for (let i = 1; i <= count; i++) out[stored + i] = (v.offsets[i] as number) + shift;
    this.offsets.length = need;
  }

  private storedValues(): PhysicalValues {
    const like = this.like as PhysicalValues;
    if (like.kind === 'byte_array') {
      const offsets =
        this.offsets.length === 0
          ? new Int32Array(1)
          : new Int32Array(this.offsets.backing, 0, this.offsets.length / 4);
      return { kind: 'byte_array', offsets, data: this.values.bytes() };
    }
    return fixedValuesOver(like, this.values.backing, this.values.length);
  }
}

/** Bytes a LeafData holds (levels and values), for the row group's size limit. */
export function leafDataBytes(data: LeafData): number {
  const v = data.values;
  // Byte arrays may view a larger buffer (an Arrow batch's): count only the bytes their offsets span.
  const values =
    v.kind === 'byte_array'
      ? (v.offsets[v.offsets.length - 1] as number) - (v.offsets[0] as number) + v.offsets.byteLength
      : v.data.byteLength;
  return values + (data.defLevels?.byteLength ?? 0) + (data.repLevels?.byteLength ?? 0);
}
