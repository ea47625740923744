// The partition data model: plain JSON type descriptors and columns in the Apache Arrow memory layout, made only of
// objects, numbers, strings and typed arrays so that a Batch survives structured clone (threads) unchanged.
// Arrow columnar format: https://arrow.apache.org/docs/format/Columnar.html

/** Integer kinds, by signedness and width. */
export type IntKind = 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64';
/** Floating-point kinds (float16 values are stored as their raw 16-bit patterns, as Arrow does). */
export type FloatKind = 'float16' | 'float32' | 'float64';
/** Resolution of times, timestamps and durations. */
export type TimeUnit = 's' | 'ms' | 'us' | 'ns';
/** Arrow's three interval layouts. */
export type IntervalUnit = 'year_month' | 'day_time' | 'month_day_nano';

/** A column's logical type, as plain JSON. */
export type DataType =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool' }
  | { readonly kind: IntKind }
  | { readonly kind: FloatKind }
  | { readonly kind: 'utf8' | 'large_utf8' | 'binary' | 'large_binary' }
  | { readonly kind: 'fixed_size_binary'; readonly byteWidth: number }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number; readonly bitWidth: 128 | 256 }
  /** date32: days since the epoch (Int32Array); date64: milliseconds since the epoch (BigInt64Array). */
  | { readonly kind: 'date32' | 'date64' }
  /** Time of day; 's'/'ms' in an Int32Array, 'us'/'ns' in a BigInt64Array. */
  | { readonly kind: 'time'; readonly unit: TimeUnit }
  /** Since the epoch; with a timezone the instant is UTC-based ("isAdjustedToUTC"), without it is local time. */
  | { readonly kind: 'timestamp'; readonly unit: TimeUnit; readonly timezone?: string }
  | { readonly kind: 'duration'; readonly unit: TimeUnit }
  | { readonly kind: 'interval'; readonly unit: IntervalUnit }
  | { readonly kind: 'list' | 'large_list'; readonly child: Field }
  | { readonly kind: 'fixed_size_list'; readonly listSize: number; readonly child: Field }
  | { readonly kind: 'struct'; readonly children: readonly Field[] }
  /** `entries` is a non-nullable struct field of two children, key and value. */
  | { readonly kind: 'map'; readonly entries: Field; readonly keysSorted: boolean }
  /** Values are `index`-typed codes into the column's `dictionary` (a column of type `value`). */
  | {
      readonly kind: 'dictionary';
      readonly index: { readonly kind: IntKind };
      readonly value: DataType;
      readonly ordered: boolean;
      readonly id?: number;
    };

/** The `kind` strings of DataType. */
export type TypeKind = DataType['kind'];

/** The DataType of kind K. */
export type TypeOf<K extends TypeKind> = Extract<DataType, { readonly kind: K }>;

/** A named, typed column slot of a schema. */
export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Typed arrays a column's `values` may be. */
export type ValuesArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/**
 * One column of a partition, in the Arrow layout, with every buffer starting at row 0:
 * - `validity`: LSB-first bitmap, bit i = row i is valid; absent when no row is null (`nullCount` 0).
 * - `values`: fixed-width values, `length * stride` elements (stride: 4 or 8 u32 words for decimals, 2/4 i32 for
 *   day_time/month_day_nano intervals, byteWidth bytes for fixed_size_binary); for bool an LSB bitmap.
 * - `offsets` + `data`: variable-size values (utf8, binary, lists, maps): `length + 1` offsets into `data` (bytes)
 *   or into `children[0]` (lists, maps). `offsets[0]` need not be 0: a slice shares the bytes of its source.
 * - `children`: struct fields, the list/map/fixed_size_list child (fixed_size_list child rows start at row 0).
 * - `dictionary`: the dictionary of a dictionary column (its `values` are the indices).
 * Null slots hold unspecified (but in-range) values.
 */
export interface Column {
  readonly type: DataType;
  readonly length: number;
  readonly nullCount: number;
  readonly validity?: Uint8Array;
  readonly values?: ValuesArray;
  readonly offsets?: Int32Array | BigInt64Array;
  readonly data?: Uint8Array;
  readonly children?: readonly Column[];
  readonly dictionary?: Column;
}

/** A partition: a schema and one column per field, all `numRows` long. */
export interface Batch {
  readonly fields: readonly Field[];
  readonly numRows: number;
  readonly columns: readonly Column[];
}
