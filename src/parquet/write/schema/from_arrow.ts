// Arrow schema -> Parquet schema: the inverse of the reader's mapping (src/parquet/arrow_types.ts,
// src/parquet/read/nested/nested_field.ts) wherever the reader can express the type. Nested types follow
// LogicalTypes.md in the three-level form pyarrow writes: a LIST group holding a repeated group "list" holding
// "element"; a MAP group holding a repeated group "key_value" of a required "key" and a "value".
import * as arrow from 'apache-arrow';
import { ParquetError } from '../../errors.js';
import { FieldRepetitionType } from '../../metadata/enums.js';
import type { LogicalType, SchemaElement } from '../../metadata/types.js';
import { convertedTypeFields, type LeafTypeOptions, leafTypeFor } from './logical_types.js';
import type { WriteLeaf, WriteNode, WriteSchema } from './write_schema.js';

/** Options of `schemaFromArrow`. */
export interface ArrowSchemaOptions extends LeafTypeOptions {
  /** Field ids by dotted Parquet path ("a", "a.list.element"), overriding Arrow's `PARQUET:field_id` metadata. */
  readonly fieldIds?: Readonly<Record<string, number>>;
}

/** Arrow field metadata key of a Parquet field id (pyarrow's). */
export const FIELD_ID_KEY = 'PARQUET:field_id';

/** The schema depth the writer accepts, as the reader (levels must fit a byte). */
const MAX_DEPTH = 100;

/** The Parquet schema for an Arrow schema, with each top-level field's write tree. */
export function schemaFromArrow(schema: arrow.Schema, options: ArrowSchemaOptions = {}): WriteSchema {
  const builder = new ArrowSchemaBuilder(options);
  const elements = builder.elements;
  elements.push({ name: 'schema', numChildren: schema.fields.length });
  const fields = schema.fields.map((field) => builder.field(field, field.name, [], { def: 0, rep: 0, depth: 1 }));
  return { elements, leaves: builder.leaves, fields };
}

interface Position {
  readonly def: number;
  readonly rep: number;
  readonly depth: number;
}

class ArrowSchemaBuilder {
  readonly elements: SchemaElement[] = [];
  readonly leaves: WriteLeaf[] = [];

  constructor(private readonly options: ArrowSchemaOptions) {}

  /** Adds the elements of `field` (written under `name`) and returns its write node. */
  field(field: arrow.Field, name: string, parentPath: readonly string[], at: Position): WriteNode {
    const path = [...parentPath, name];
    const dotted = path.join('.');
    if (at.depth > MAX_DEPTH) throw new ParquetError('UNSUPPORTED', `schema nested deeper than ${MAX_DEPTH}`);
    const type = field.type as arrow.DataType;
    // A Null column has nothing but nulls: it must be OPTIONAL whatever the field says (as pyarrow writes it).
    const optional = field.nullable || type.typeId === arrow.Type.Null;
    const def = at.def + (optional ? 1 : 0);
    const rep = at.rep;
    const base = {
      name,
      repetitionType: optional ? FieldRepetitionType.OPTIONAL : FieldRepetitionType.REQUIRED,
      ...this.fieldId(field, dotted),
    };
    const inner = { def, rep, depth: at.depth + 1 };
    switch (type.typeId) {
      case arrow.Type.Struct: {
        const children = (type as arrow.Struct).children;
        if (children.length === 0) {
          throw new ParquetError('UNSUPPORTED', 'a struct with no fields has no Parquet form', { column: dotted });
        }
        this.elements.push({ ...base, numChildren: children.length });
        const nodes = children.map((child) => this.field(child, child.name, path, inner));
        return { kind: 'struct', name, optional, def, rep, children: nodes };
      }
      case arrow.Type.List:
      case arrow.Type.LargeList:
      case arrow.Type.FixedSizeList: {
        const logicalType: LogicalType = { type: 'LIST' };
        this.elements.push({ ...base, numChildren: 1, logicalType, ...convertedTypeFields(logicalType) });
        this.elements.push({ name: 'list', repetitionType: FieldRepetitionType.REPEATED, numChildren: 1 });
        const elemAt = { def: def + 1, rep: rep + 1, depth: at.depth + 2 };
        const child = (type as arrow.List).children[0]!;
        const element = this.field(child, 'element', [...path, 'list'], elemAt);
        return { kind: 'list', name, optional, def, rep, elemRep: rep + 1, elementPath: ['list', 'element'], element };
      }
      case arrow.Type.Map: {
        const logicalType: LogicalType = { type: 'MAP' };
        this.elements.push({ ...base, numChildren: 1, logicalType, ...convertedTypeFields(logicalType) });
        this.elements.push({ name: 'key_value', repetitionType: FieldRepetitionType.REPEATED, numChildren: 2 });
        const entries = (type as arrow.Map_).children[0]!.type as arrow.Struct;
        const [keyField, valueField] = entries.children;
        if (!keyField || !valueField)
          throw new ParquetError('BAD_ARGUMENT', 'map without key and value', { column: dotted });
        const entryPath = [...path, 'key_value'];
        const entryAt = { def: def + 1, rep: rep + 1, depth: at.depth + 2 };
        // LogicalTypes.md: map keys are required.
        const keyRequired = new arrow.Field(keyField.name, keyField.type, false, keyField.metadata);
        const key = this.field(keyRequired, 'key', entryPath, entryAt);
        const value = this.field(valueField, 'value', entryPath, entryAt);
        return { kind: 'map', name, optional, def, rep, elemRep: rep + 1, entriesName: 'key_value', key, value };
      }
      default: {
        const leafType = leafTypeFor(type, field.metadata, this.options, dotted);
        const element: SchemaElement = { ...base, ...leafType };
        this.elements.push(element);
        const leaf: WriteLeaf = {
          path,
          name: dotted,
          columnIndex: this.leaves.length,
          element,
          physicalType: leafType.type!,
          typeLength: leafType.typeLength ?? 0,
          maxDef: def,
          maxRep: rep,
          ...(leafType.logicalType ? { logicalType: leafType.logicalType } : {}),
          ...(leafType.convertedType !== undefined ? { convertedType: leafType.convertedType } : {}),
        };
        this.leaves.push(leaf);
        return { kind: 'leaf', name, optional, def, rep, leaf };
      }
    }
  }

  private fieldId(field: arrow.Field, dotted: string): { fieldId?: number } {
    const explicit = this.options.fieldIds?.[dotted];
    if (explicit !== undefined) return { fieldId: explicit };
    const text = field.metadata.get(FIELD_ID_KEY);
    if (text === undefined) return {};
    const id = Number(text);
    if (!Number.isInteger(id) || id < -(2 ** 31) || id >= 2 ** 31) {
      throw new ParquetError('BAD_ARGUMENT', `field id ${JSON.stringify(text)} is not a 32-bit integer`, {
        column: dotted,
      });
    }
    // pyarrow writes -1 for "no id"; keep it out of the file.
    return id < 0 ? {} : { fieldId: id };
  }
}
