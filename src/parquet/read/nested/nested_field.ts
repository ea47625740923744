// The Arrow shape of a nested top-level field: which schema groups become lists, maps and structs, with the level
// thresholds Dremel assembly needs at each node. Follows LogicalTypes.md ("Nested Types"), including its
// backward-compatibility rules for lists and maps written by older writers.
//
// Field names: list elements keep the name the file gives them ("element", "item", "array", the repeated field's
// own name for unannotated repeated fields), as pyarrow does; map entries are always "entries" with children "key"
// and "value", as Arrow's Map type prescribes.
import * as arrow from 'apache-arrow';
import { type ArrowColumnType, type ArrowTypeOptions, arrowColumnType } from '../../arrow_types.js';
import { ParquetError } from '../../errors.js';
import { ConvertedType } from '../../metadata/enums.js';
import type { ColumnDescriptor, ParquetSchema, SchemaNode } from '../../schema.js';

/** Level thresholds of an Arrow node (see levelsToSlots in src/kernels/abi.ts). */
export interface SlotLevels {
  /** Entries with definition >= slotDef and repetition <= slotRep are this node's slots. */
  readonly slotDef: number;
  readonly slotRep: number;
  /** A slot is non-null when its definition level reaches validDef. */
  readonly validDef: number;
}

/** One node of a nested field, with its Arrow field. */
export type NestedNode = NestedLeaf | NestedStruct | NestedList | NestedMap;

interface NodeBase extends SlotLevels {
  readonly field: arrow.Field;
  /** Leaf columns under this node, in column order (the first one's levels shape the node). */
  readonly leaves: readonly ColumnDescriptor[];
}

export interface NestedLeaf extends NodeBase {
  readonly kind: 'leaf';
  readonly column: ColumnDescriptor;
  readonly arrowType: ArrowColumnType;
}

export interface NestedStruct extends NodeBase {
  readonly kind: 'struct';
  readonly children: readonly NestedNode[];
}

export interface NestedList extends NodeBase {
  readonly kind: 'list';
  /** Definition level at which the list has an element, and the repetition level of its elements. */
  readonly elemDef: number;
  readonly elemRep: number;
  readonly element: NestedNode;
}

export interface NestedMap extends NodeBase {
  readonly kind: 'map';
  readonly elemDef: number;
  readonly elemRep: number;
  readonly key: NestedNode;
  readonly value: NestedNode;
}

/** Whether a top-level schema node needs Dremel assembly (anything but a non-repeated primitive). */
export function isNestedField(node: SchemaNode): boolean {
  return node.columnIndex === undefined || node.repetition === 'REPEATED';
}

/**
 * The nested Arrow field for top-level schema node `node`, keeping only struct members with a leaf in `keep`
 * (all leaves when absent). Lists and maps are kept whole.
 */
export function nestedField(
  node: SchemaNode,
  schema: ParquetSchema,
  keep?: ReadonlySet<number>,
  types: ArrowTypeOptions = {},
): NestedNode {
  return convert(node, { def: 0, rep: 0 }, false, schema, keep, types);
}

interface Slot {
  readonly def: number;
  readonly rep: number;
}

function convert(
  node: SchemaNode,
  slot: Slot,
  asElement: boolean,
  schema: ParquetSchema,
  keep: ReadonlySet<number> | undefined,
  types: ArrowTypeOptions,
): NestedNode {
  const base = { slotDef: slot.def, slotRep: slot.rep };
  if (node.repetition === 'REPEATED' && !asElement) {
    // LogicalTypes.md: a repeated field that is not the repeated field of a LIST or MAP is a required list of
    // required elements, named as the field.
    const element = convert(
      node,
      { def: node.maxDefinitionLevel, rep: node.maxRepetitionLevel },
      true,
      schema,
      keep,
      types,
    );
    return list(node, base, node.maxDefinitionLevel - 1, node, element);
  }
  const validDef = node.maxDefinitionLevel;
  const nullable = node.repetition === 'OPTIONAL';
  if (node.columnIndex !== undefined) {
    const column = schema.columns[node.columnIndex]!;
    const arrowType = arrowColumnType(column, types);
    const field = new arrow.Field(node.name, arrowType.type, nullable, arrowType.metadata);
    return { kind: 'leaf', ...base, validDef, field, leaves: [column], column, arrowType };
  }
  if (isList(node)) return listGroup(node, base, schema, keep, types);
  if (isMap(node)) return mapGroup(node, base, schema, keep, types);
  const children = node.children
    .filter((child) => !keep || leafIndexes(child, schema).some((i) => keep.has(i)))
    .map((child) => convert(child, slot, false, schema, keep, types));
  if (children.length === 0) {
    throw new ParquetError('UNSUPPORTED', `group ${node.path.join('.')} has no columns (an empty struct)`);
  }
  const field = new arrow.Field(node.name, new arrow.Struct(children.map((c) => c.field)), nullable);
  return { kind: 'struct', ...base, validDef, field, leaves: children.flatMap((c) => c.leaves), children };
}

/** A LIST-annotated group (LogicalTypes.md "Lists", with the backward-compatibility rules for its element). */
function listGroup(
  node: SchemaNode,
  base: { slotDef: number; slotRep: number },
  schema: ParquetSchema,
  keep: ReadonlySet<number> | undefined,
  types: ArrowTypeOptions,
): NestedNode {
  const repeated = node.children[0];
  if (node.children.length !== 1 || repeated?.repetition !== 'REPEATED') {
    throw new ParquetError('BAD_SCHEMA', `LIST group ${node.path.join('.')} must hold exactly one repeated field`);
  }
  const inner = { def: repeated.maxDefinitionLevel, rep: repeated.maxRepetitionLevel };
  // The repeated field itself is the (required) element when it is a primitive, a group of several fields, or a
  // one-field group named "array" or "<list>_tuple" (old Avro and Thrift writers); otherwise its only child is.
  const repeatedIsElement =
    repeated.columnIndex !== undefined ||
    repeated.children.length !== 1 ||
    repeated.name === 'array' ||
    repeated.name === `${node.name}_tuple`;
  const element = repeatedIsElement
    ? convert(repeated, inner, true, schema, keep, types)
    : convert(repeated.children[0]!, inner, false, schema, keep, types);
  return list(node, base, node.maxDefinitionLevel, repeated, element);
}

/** A MAP-annotated group (or MAP_KEY_VALUE used in its place, LogicalTypes.md "Maps"); a key-only map reads as
 *  the list of its keys, as in Arrow C++. Key and value names are not enforced. */
function mapGroup(
  node: SchemaNode,
  base: { slotDef: number; slotRep: number },
  schema: ParquetSchema,
  keep: ReadonlySet<number> | undefined,
  types: ArrowTypeOptions,
): NestedNode {
  const entries = node.children[0];
  if (
    node.children.length !== 1 ||
    entries?.repetition !== 'REPEATED' ||
    entries.columnIndex !== undefined ||
    entries.children.length < 1 ||
    entries.children.length > 2
  ) {
    throw new ParquetError(
      'BAD_SCHEMA',
      `MAP group ${node.path.join('.')} must hold one repeated group of a key and a value`,
    );
  }
  const inner = { def: entries.maxDefinitionLevel, rep: entries.maxRepetitionLevel };
  const key = convert(entries.children[0]!, inner, false, schema, keep, types);
  if (entries.children.length === 1) return list(node, base, node.maxDefinitionLevel, entries, key);
  const value = convert(entries.children[1]!, inner, false, schema, keep, types);
  const keyField = new arrow.Field('key', key.field.type, false, key.field.metadata);
  const valueField = new arrow.Field('value', value.field.type, value.field.nullable, value.field.metadata);
  const entriesField = new arrow.Field('entries', new arrow.Struct([keyField, valueField]), false);
  const field = new arrow.Field(node.name, new arrow.Map_(entriesField), node.repetition === 'OPTIONAL');
  return {
    kind: 'map',
    ...base,
    validDef: node.maxDefinitionLevel,
    elemDef: inner.def,
    elemRep: inner.rep,
    field,
    leaves: [...key.leaves, ...value.leaves],
    key,
    value,
  };
}

function list(
  node: SchemaNode,
  base: { slotDef: number; slotRep: number },
  validDef: number,
  repeated: SchemaNode,
  element: NestedNode,
): NestedList {
  const nullable = node.repetition === 'OPTIONAL';
  const field = new arrow.Field(node.name, new arrow.List(element.field), nullable);
  return {
    kind: 'list',
    ...base,
    validDef,
    elemDef: repeated.maxDefinitionLevel,
    elemRep: repeated.maxRepetitionLevel,
    field,
    leaves: element.leaves,
    element,
  };
}

function isList(node: SchemaNode): boolean {
  const { logicalType, convertedType } = node.element;
  return logicalType?.type === 'LIST' || (logicalType === undefined && convertedType === ConvertedType.LIST);
}

function isMap(node: SchemaNode): boolean {
  const { logicalType, convertedType } = node.element;
  return (
    logicalType?.type === 'MAP' ||
    (logicalType === undefined &&
      (convertedType === ConvertedType.MAP || convertedType === ConvertedType.MAP_KEY_VALUE))
  );
}

function leafIndexes(node: SchemaNode, schema: ParquetSchema): number[] {
  if (node.columnIndex !== undefined) return [node.columnIndex];
  return node.children.flatMap((c) => leafIndexes(c, schema));
}
