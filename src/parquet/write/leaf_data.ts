// The writer's hand-off between the Arrow side (schema mapping, shredding, value conversion) and the Parquet side
// (encodings, pages, column chunks): one leaf column's levels and its non-null values in Parquet physical form.

/**
 * Non-null values of one leaf column, dense, in the column's physical type (parquet.thrift `Type`).
 * Byte arrays keep Arrow's offsets + data layout so that strings need no per-value objects.
 */
export type PhysicalValues =
  | { readonly kind: 'boolean'; readonly data: Uint8Array } // one byte (0 or 1) per value
  | { readonly kind: 'int32'; readonly data: Int32Array }
  | { readonly kind: 'int64'; readonly data: BigInt64Array }
  | { readonly kind: 'int96'; readonly data: Uint8Array } // 12 bytes per value
  | { readonly kind: 'float'; readonly data: Float32Array }
  | { readonly kind: 'double'; readonly data: Float64Array }
  // Value i is data[offsets[i], offsets[i + 1]); offsets.length = n + 1 and offsets[0] need not be 0, so a range of
  // values is a subarray of offsets over the same data.
  | { readonly kind: 'byte_array'; readonly offsets: Int32Array; readonly data: Uint8Array }
  | { readonly kind: 'fixed_len_byte_array'; readonly width: number; readonly data: Uint8Array };

/**
 * One leaf column of a batch, shredded (Dremel): one definition/repetition level per slot, and the values of the
 * slots whose definition level equals the maximum. Levels fit a byte because the writer refuses schemas nested
 * deeper than 100 (as the reader does).
 */
export interface LeafData {
  /** Number of level entries (slots): rows for flat columns, more or fewer for repeated ones. */
  readonly numLevels: number;
  /** Number of rows (slots with repetition level 0). */
  readonly numRows: number;
  /** Definition levels; undefined when the leaf's maximum definition level is 0 (all slots hold values). */
  readonly defLevels?: Uint8Array;
  /** Repetition levels; undefined when the leaf's maximum repetition level is 0. */
  readonly repLevels?: Uint8Array;
  readonly values: PhysicalValues;
}

/** Number of values in `values`. */
export function physicalLength(values: PhysicalValues): number {
  switch (values.kind) {
    case 'byte_array':
      return values.offsets.length - 1;
    case 'int96':
      return values.data.length / 12;
    case 'fixed_len_byte_array':
      return values.width === 0 ? 0 : values.data.length / values.width;
    default:
      return values.data.length;
  }
}

/** Values [start, end) of `values`, sharing memory (no copy). */
export function slicePhysical(values: PhysicalValues, start: number, end: number): PhysicalValues {
  switch (values.kind) {
    case 'byte_array':
      return { kind: 'byte_array', offsets: values.offsets.subarray(start, end + 1), data: values.data };
    case 'int96':
      return { kind: 'int96', data: values.data.subarray(start * 12, end * 12) };
    case 'fixed_len_byte_array':
      return {
        kind: values.kind,
        width: values.width,
        data: values.data.subarray(start * values.width, end * values.width),
      };
    case 'boolean':
      return { kind: 'boolean', data: values.data.subarray(start, end) };
    case 'int32':
      return { kind: 'int32', data: values.data.subarray(start, end) };
    case 'int64':
      return { kind: 'int64', data: values.data.subarray(start, end) };
    case 'float':
      return { kind: 'float', data: values.data.subarray(start, end) };
    case 'double':
      return { kind: 'double', data: values.data.subarray(start, end) };
  }
}

const KINDS: readonly PhysicalValues['kind'][] = [
  'boolean',
  'int32',
  'int64',
  'int96',
  'float',
  'double',
  'byte_array',
  'fixed_len_byte_array',
];

/** The PhysicalValues kind of a parquet.thrift physical `Type` value. */
export function physicalKind(type: number): PhysicalValues['kind'] {
  const kind = KINDS[type];
  if (kind === undefined) throw new RangeError(`unknown physical type ${type}`);
  return kind;
}
