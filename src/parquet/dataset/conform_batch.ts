// Brings one file's record batch to the dataset's schema: columns in the dataset's order, columns the file lacks
// as all-null, widened types converted (see unify_schema.ts), and hive partition values appended as constants.
import * as arrow from 'apache-arrow';
import { ParquetError } from '../errors.js';
import { sameType, widerType } from './unify_schema.js';

/** A column of `length` nulls of any type. */
export function nullData(type: arrow.DataType, length: number): arrow.Data {
  const builder = arrow.makeBuilder({ type, nullValues: [null, undefined] });
  for (let i = 0; i < length; i++) builder.append(null);
  return builder.finish().flush();
}

/** `data` converted to `type` (one of the widenings unifySchemas allows). */
export function widenData(data: arrow.Data, type: arrow.DataType, column: string): arrow.Data {
  if (sameType(data.type, type)) return data;
  if (sameDictionary(data.type, type)) {
    // The same codes and values under the dataset's Dictionary type (each read makes its own, with its own id).
    const { length, nullCount, offset } = data;
    const nullBitmap = nullCount > 0 ? data.nullBitmap : undefined;
    const dictionary = (data as arrow.Data<arrow.Dictionary>).dictionary;
    return arrow.makeData({ type, offset, length, nullCount, nullBitmap, data: data.values, dictionary } as never);
  }
  const wider = widerType(data.type, type);
  if (!wider || !sameType(wider, type)) {
    // Only reachable when the schema was not unified over every file (unifySchemas: false, summary files).
    throw new ParquetError('BAD_SCHEMA', `column ${column} is ${data.type} in this file but ${type} in the dataset`, {
      column,
    });
  }
  const length = data.length;
  const nullBitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  if (data.offset === 0) {
    if (arrow.DataType.isInt(type) || arrow.DataType.isFloat(type)) {
      const source = data.values as ArrayLike<number | bigint>;
      const Target = type.ArrayType as unknown as {
        from(src: ArrayLike<unknown>, map: (x: never) => unknown): unknown;
      };
      const big = type.typeId === arrow.Type.Int && (type as arrow.Int).bitWidth === 64;
      const values = big
        ? Target.from(source.length > length ? sliceOf(source, length) : source, (x: number | bigint) => BigInt(x))
        : Target.from(source.length > length ? sliceOf(source, length) : source, (x: number | bigint) => Number(x));
      return arrow.makeData({ type, length, nullCount: data.nullCount, nullBitmap, data: values } as never);
    }
    if (type.typeId === arrow.Type.LargeUtf8 || type.typeId === arrow.Type.LargeBinary) {
      const offsets = BigInt64Array.from(data.valueOffsets as Int32Array, (x) => BigInt(x));
      return arrow.makeData({
        type,
        length,
        nullCount: data.nullCount,
        nullBitmap,
        valueOffsets: offsets,
        data: data.values,
      } as never);
    }
  }
  // Sliced input: convert value by value.
  const builder = arrow.makeBuilder({ type, nullValues: [null, undefined] });
  const vector = arrow.makeVector(data);
  const big = arrow.DataType.isInt(type) && type.bitWidth === 64;
  for (let i = 0; i < length; i++) {
    const v = vector.get(i) as unknown;
    builder.append(v === null ? null : big ? BigInt(v as number) : v);
  }
  const out = builder.finish().flush();
  if (out.length !== length) throw new ParquetError('BAD_SCHEMA', `cannot convert column to ${type}`, { column });
  return out;
}

/** Dictionary types that differ at most in their id. */
function sameDictionary(a: arrow.DataType, b: arrow.DataType): boolean {
  if (!arrow.DataType.isDictionary(a) || !arrow.DataType.isDictionary(b)) return false;
  return sameType(a.indices, b.indices) && sameType(a.dictionary, b.dictionary) && a.isOrdered === b.isOrdered;
}

function sliceOf<T>(source: ArrayLike<T>, length: number): T[] {
  return Array.prototype.slice.call(source, 0, length) as T[];
}

/** One appended constant column. */
export interface ConstantColumn {
  readonly field: arrow.Field;
  readonly data: (length: number) => arrow.Data;
}

/** `batch` with the fields of `target` (missing -> null, narrower -> widened), then `constants`. */
export function conformBatch(
  batch: arrow.RecordBatch,
  target: readonly arrow.Field[],
  constants: readonly ConstantColumn[],
): arrow.RecordBatch {
  const length = batch.numRows;
  const children: arrow.Data[] = [];
  for (const field of target) {
    const index = batch.schema.fields.findIndex((f) => f.name === field.name);
    const data =
      index < 0 ? nullData(field.type, length) : widenData(batch.data.children[index]!, field.type, field.name);
    children.push(data);
  }
  for (const c of constants) children.push(c.data(length));
  const fields = [...target, ...constants.map((c) => c.field)];
  const schema = new arrow.Schema(fields, batch.schema.metadata);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length, nullCount: 0, children });
  return new arrow.RecordBatch(schema, struct);
}
