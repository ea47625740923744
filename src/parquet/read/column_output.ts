// The decoded physical values of one flat column chunk, accumulated page by page in JavaScript memory (each
// page's values are copied out of kernel memory exactly once).
import { ParquetError } from '../errors.js';
import { outBytes, outCopy } from './out_memory.js';

/** Physical values of a column chunk in Arrow layout (before logical conversions). */
export interface PhysicalColumn {
  readonly length: number;
  readonly nullCount: number;
  /** Validity bitmap, absent when there are no nulls. */
  readonly validity?: Uint8Array;
  /** Fixed-width values (length * width bytes) or, for BOOLEAN, the value bitmap. */
  readonly values?: Uint8Array;
  /** BYTE_ARRAY: length + 1 offsets. */
  readonly offsets?: Int32Array;
  /** BYTE_ARRAY: the concatenated values. */
  readonly bytes?: Uint8Array;
  /** Read with its dictionary kept: `values` are int32 indices into these values (no nulls among them). */
  readonly dictionary?: PhysicalColumn;
}

const MAX_BYTES = 0x7fffffff;

/** A column of zero rows with the buffers its physical type needs. */
export function emptyPhysicalColumn(column: { physicalType: number }, keepDictionary = false): PhysicalColumn {
  const isBytes = column.physicalType === 6;
  if (keepDictionary) {
    return { length: 0, nullCount: 0, values: new Uint8Array(0), dictionary: emptyPhysicalColumn(column) };
  }
  return {
    length: 0,
    nullCount: 0,
    values: new Uint8Array(0),
    offsets: isBytes ? new Int32Array(1) : undefined,
    bytes: isBytes ? new Uint8Array(0) : undefined,
  };
}

/** A growable byte buffer for BYTE_ARRAY values. */
export class ByteSink {
  private buffer: Uint8Array;
  length = 0;

  constructor(initialCapacity: number) {
    this.buffer = outBytes(Math.max(64, Math.min(initialCapacity, MAX_BYTES)));
  }

  /** Ensures room for `total` bytes in all, when nothing has been appended yet (a better size estimate). */
  presize(total: number): void {
    if (this.length > 0 || total <= this.buffer.byteLength) return;
    this.buffer = outBytes(Math.min(MAX_BYTES, Math.ceil(total)));
  }

  /** Appends `bytes`. */
  append(bytes: Uint8Array): void {
    const end = this.length + bytes.byteLength;
    if (end > MAX_BYTES) {
      throw new ParquetError('UNSUPPORTED', 'column chunk holds more than 2 GiB of byte-array data');
    }
    if (end > this.buffer.byteLength) {
      const grown = outBytes(Math.min(MAX_BYTES, Math.max(end, this.buffer.byteLength * 2)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length = end;
  }

  /** The bytes written; copies once into an exact-size buffer when over half the capacity would be wasted. */
  finish(): Uint8Array {
    if (this.length < this.buffer.byteLength * 0.5) return outCopy(this.buffer.subarray(0, this.length));
    return this.buffer.subarray(0, this.length);
  }
}
