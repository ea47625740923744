// Partitions as plain data in the Arrow layout (types, columns, batches), their conversions to and from
// apache-arrow and JavaScript values, and the row operations every DataFrame step is built from.
export { type AllocOptions, allocArray, allocBitmap, allocOffsets, allocShared } from './alloc.js';
export { columnFromValues, numberToFloat16 } from './build.js';
export { concatBatches, concatColumns } from './concat.js';
export { decodeDictionary } from './dictionary.js';
export { emptyBatch, emptyColumn } from './empty.js';
export { filterBatch, filterColumn, type Mask, maskToIndices } from './filter.js';
export {
  batchesFromArrow,
  batchFromArrow,
  batchFromRecordBatch,
  columnFromArrow,
  fieldFromArrow,
  typeFromArrow,
} from './from_arrow.js';
export { Decimal, type ScalarValue, Timestamp, typedValue } from './js_values.js';
export {
  bitmapBytes,
  countSetBits,
  type FixedLayout,
  fixedLayout,
  getBit,
  hasLargeOffsets,
  isBinaryLike,
  isValid,
  setBit,
  sliceBitmap,
} from './layout.js';
export { batchFromRecords, inferType } from './records.js';
export { sliceBatch, sliceColumn } from './slice.js';
export { takeBatch, takeColumn } from './take.js';
export { batchToArrow, columnToArrow, fieldToArrow, typeToArrow } from './to_arrow.js';
export { parseTypeName, TYPE_NAMES, toDataType } from './type_names.js';
export type {
  Batch,
  Column,
  DataType,
  Field,
  FloatKind,
  IntervalUnit,
  IntKind,
  TimeUnit,
  TypeKind,
  TypeOf,
  ValuesArray,
} from './types.js';
export { batchToRecords, bytesAt, columnValues, float16ToNumber, type Value, valueAt } from './values.js';
