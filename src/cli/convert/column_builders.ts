/**
 * Builders of one batch of a flat column, straight into Arrow buffers (validity bitmap, typed values, UTF-8 bytes
 * and offsets): the CSV reader appends parsed values row by row and takes a Data per batch.
 */
import { type Bool, type Data, type DataType, type Int64, makeData, Type, type Utf8 } from 'apache-arrow';
import type { CsvValue } from './csv_types.js';

/** Appends the values of one column for one batch; `finish` returns them as Arrow data and resets the builder. */
export interface FlatColumnBuilder {
  append(value: CsvValue | null): void;
  finish(): Data;
}

/** Validity bits (LSB first, Arrow layout) for up to `capacity` rows. */
class Validity {
  bits: Uint8Array;
  nullCount = 0;

  constructor(capacity: number) {
    this.bits = new Uint8Array((capacity + 7) >> 3);
  }

  set(row: number, valid: boolean): void {
    if (valid) this.bits[row >> 3]! |= 1 << (row & 7);
    else this.nullCount++;
  }
}

type NumericArray = BigInt64Array | Float64Array | Int32Array;

/** Builds fixed-width columns (Int64, Float64, DateDay, Timestamp) of at most `capacity` rows per batch. */
class FixedWidthBuilder implements FlatColumnBuilder {
  private length = 0;
  private validity: Validity;
  private values: NumericArray;

  constructor(
    private readonly type: DataType,
    private readonly capacity: number,
    private readonly allocate: (n: number) => NumericArray,
  ) {
    this.validity = new Validity(capacity);
    this.values = allocate(capacity);
  }

  append(value: CsvValue | null): void {
    this.validity.set(this.length, value !== null);
    if (value !== null) (this.values as unknown as (bigint | number)[])[this.length] = value as bigint | number;
    this.length++;
  }

  finish(): Data {
    const data = makeData({
      // Int64 stands for every fixed-width type here: makeData dispatches on the type's id at run time.
      type: this.type as Int64,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.nullCount > 0 ? this.validity.bits : null,
      data: this.values.subarray(0, this.length) as BigInt64Array,
    });
    this.length = 0;
    this.validity = new Validity(this.capacity);
    this.values = this.allocate(this.capacity);
    return data as Data;
  }
}

/** Builds Bool columns: values are bits like the validity bitmap. */
class BooleanBuilder implements FlatColumnBuilder {
  private length = 0;
  private validity: Validity;
  private values: Validity;

  constructor(
    private readonly type: DataType,
    private readonly capacity: number,
  ) {
    this.validity = new Validity(capacity);
    this.values = new Validity(capacity);
  }

  append(value: CsvValue | null): void {
    this.validity.set(this.length, value !== null);
    if (value === true) this.values.set(this.length, true);
    this.length++;
  }

  finish(): Data {
    const data = makeData({
      type: this.type as Bool,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.nullCount > 0 ? this.validity.bits : null,
      data: this.values.bits.subarray(0, (this.length + 7) >> 3),
    });
    this.length = 0;
    this.validity = new Validity(this.capacity);
    this.values = new Validity(this.capacity);
    return data as Data;
  }
}

/** Builds Utf8 columns: keeps the strings of the batch and encodes them once, at `finish`. */
class Utf8Builder implements FlatColumnBuilder {
  private strings: (string | null)[] = [];

  constructor(private readonly type: DataType) {}

  append(value: CsvValue | null): void {
    this.strings.push(value === null ? null : String(value));
  }

  finish(): Data {
    const strings = this.strings;
    const length = strings.length;
    const validity = new Validity(length);
    const offsets = new Int32Array(length + 1);
    let bytes = 0;
    for (let row = 0; row < length; row++) {
      const text = strings[row]!;
      validity.set(row, text !== null);
      if (text !== null) bytes += Buffer.byteLength(text, 'utf8');
      offsets[row + 1] = bytes;
    }
    if (bytes > 0x7fffffff) throw new RangeError('a batch of strings over 2 GiB; use smaller batches');
    const buffer = Buffer.allocUnsafe(bytes);
    for (let row = 0; row < length; row++) {
      const text = strings[row];
      if (text) buffer.write(text, offsets[row]!, 'utf8');
    }
    this.strings = [];
    return makeData({
      type: this.type as Utf8,
      length,
      nullCount: validity.nullCount,
      nullBitmap: validity.nullCount > 0 ? validity.bits : null,
      valueOffsets: offsets,
      data: new Uint8Array(buffer.buffer, buffer.byteOffset, bytes),
    }) as Data;
  }
}

/** A builder for columns of Arrow type `type` (as arrowTypeOf returns), batches of at most `capacity` rows. */
export function flatColumnBuilder(type: DataType, capacity: number): FlatColumnBuilder {
  switch (type.typeId) {
    case Type.Bool:
      return new BooleanBuilder(type, capacity);
    case Type.Int:
    case Type.Timestamp:
      return new FixedWidthBuilder(type, capacity, (n) => new BigInt64Array(n));
    case Type.Float:
      return new FixedWidthBuilder(type, capacity, (n) => new Float64Array(n));
    case Type.Date:
      return new FixedWidthBuilder(type, capacity, (n) => new Int32Array(n));
    case Type.Utf8:
      return new Utf8Builder(type);
    default:
      throw new TypeError(`no flat column builder for ${type}`);
  }
}
