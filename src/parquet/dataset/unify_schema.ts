// Schema unification across the files of a dataset, conservative like pyarrow's `unify_schemas` with
// promote_options="permissive" restricted to lossless widenings: fields are matched by name (first file's order, new
// names appended), a field missing from a file is null there, signed ints widen to the wider signed int, unsigned
// ints to the wider unsigned int, float32 to float64, utf8 to large utf8 and binary to large binary. Any other
// difference (int vs double, string vs int, different timestamp units, nested types that differ) is a
// ParquetError('BAD_SCHEMA') naming the column and both files.
import * as arrow from 'apache-arrow';
import { ParquetError } from '../errors.js';

/** A file's Arrow schema and the file it came from. */
export interface FileSchema {
  readonly file: string;
  readonly schema: arrow.Schema;
}

/** The unified schema of `schemas`; a field is nullable when any file has it nullable or lacks it. */
export function unifySchemas(schemas: readonly FileSchema[]): arrow.Schema {
  const fields = new Map<string, { field: arrow.Field; file: string; seen: number }>();
  for (const { file, schema } of schemas) {
    for (const field of schema.fields) {
      const known = fields.get(field.name);
      if (!known) {
        fields.set(field.name, { field, file, seen: 1 });
        continue;
      }
      const type = widerType(known.field.type, field.type);
      if (!type) {
        throw new ParquetError(
          'BAD_SCHEMA',
          `column ${field.name} is ${known.field.type} in ${known.file} but ${field.type} in ${file}`,
          { column: field.name, file },
        );
      }
      const nullable = known.field.nullable || field.nullable;
      known.field = new arrow.Field(field.name, type, nullable, known.field.metadata);
      known.seen++;
    }
  }
  const unified = [...fields.values()].map(({ field, seen }) =>
    seen < schemas.length && !field.nullable ? new arrow.Field(field.name, field.type, true, field.metadata) : field,
  );
  return new arrow.Schema(unified, schemas[0]?.schema.metadata);
}

/** The type both `a` and `b` convert to without loss, or undefined when there is none this reader allows. */
export function widerType(a: arrow.DataType, b: arrow.DataType): arrow.DataType | undefined {
  if (sameType(a, b)) return a;
  if (arrow.DataType.isInt(a) && arrow.DataType.isInt(b) && a.isSigned === b.isSigned) {
    return a.bitWidth >= b.bitWidth ? a : b;
  }
  if (arrow.DataType.isFloat(a) && arrow.DataType.isFloat(b)) return a.precision >= b.precision ? a : b;
  const strings = [arrow.Type.Utf8, arrow.Type.LargeUtf8];
  if (strings.includes(a.typeId) && strings.includes(b.typeId)) return new arrow.LargeUtf8();
  const binaries = [arrow.Type.Binary, arrow.Type.LargeBinary];
  if (binaries.includes(a.typeId) && binaries.includes(b.typeId)) return new arrow.LargeBinary();
  return undefined;
}

/** Structural type equality (apache-arrow's compareTypes ignores nothing we need and checks children). */
export function sameType(a: arrow.DataType, b: arrow.DataType): boolean {
  return a.typeId === b.typeId && a.toString() === b.toString() && arrow.util.compareTypes(a, b);
}
