// An explicit Parquet schema (the footer's depth-first SchemaElements) as a write schema: Arrow columns are matched
// to its top-level fields by name, and their values converted to its leaf types when written (src/parquet/write/
// shred/). Lists and maps are recognised as the reader recognises them (LogicalTypes.md, "Nested Types", with its
// backward-compatibility rules), so a schema read from a file can be written again unchanged.
import { effectiveLogicalType } from '../../arrow_types.js';
import { ParquetError } from '../../errors.js';
import { ConvertedType } from '../../metadata/enums.js';
import type { SchemaElement } from '../../metadata/types.js';
import { ParquetSchema, type SchemaNode } from '../../schema.js';
import type { WriteLeaf, WriteNode, WriteSchema } from './write_schema.js';

/** The write schema for explicit Parquet SchemaElements (root first). Throws BAD_SCHEMA on an invalid tree. */
export function schemaFromParquet(elements: readonly SchemaElement[]): WriteSchema {
  const schema = new ParquetSchema(elements);
  const leaves: WriteLeaf[] = schema.columns.map((column) => {
    const logicalType = effectiveLogicalType(column.element);
    const { convertedType } = column.element;
    return {
      path: column.path,
      name: column.name,
      columnIndex: column.columnIndex,
      element: column.element,
      physicalType: column.physicalType,
      typeLength: column.typeLength,
      maxDef: column.maxDefinitionLevel,
      maxRep: column.maxRepetitionLevel,
      ...(logicalType ? { logicalType } : {}),
      ...(convertedType !== undefined ? { convertedType } : {}),
    };
  });
  const fields = schema.root.children.map((node) => writeNode(node, false, leaves));
  return { elements: elements.map((e) => ({ ...e })), leaves, fields };
}

function writeNode(node: SchemaNode, asElement: boolean, leaves: readonly WriteLeaf[]): WriteNode {
  const name = node.name;
  const def = node.maxDefinitionLevel;
  const rep = node.maxRepetitionLevel;
  if (node.repetition === 'REPEATED' && !asElement) {
    // A repeated field outside a LIST or MAP is a required list of required elements (LogicalTypes.md).
    const element = writeNode(node, true, leaves);
    return { kind: 'list', name, optional: false, def: def - 1, rep: rep - 1, elemRep: rep, elementPath: [], element };
  }
  // A repeated node standing for a list element gets its definition level from the list expansion, not from
  // being optional.
  const optional = node.repetition === 'OPTIONAL';
  if (node.columnIndex !== undefined) {
    return { kind: 'leaf', name, optional, def, rep, leaf: leaves[node.columnIndex]! };
  }
  if (node.children.length === 0) {
    throw new ParquetError('BAD_SCHEMA', `group ${node.path.join('.')} has no fields`);
  }
  if (isAnnotated(node, 'LIST')) {
    const repeated = node.children[0];
    if (node.children.length !== 1 || repeated?.repetition !== 'REPEATED') {
      throw new ParquetError('BAD_SCHEMA', `LIST group ${node.path.join('.')} must hold exactly one repeated field`);
    }
    const repeatedIsElement =
      repeated.columnIndex !== undefined ||
      repeated.children.length !== 1 ||
      repeated.name === 'array' ||
      repeated.name === `${node.name}_tuple`;
    const element = repeatedIsElement
      ? writeNode(repeated, true, leaves)
      : writeNode(repeated.children[0]!, false, leaves);
    const elementPath = repeatedIsElement ? [repeated.name] : [repeated.name, repeated.children[0]!.name];
    return { kind: 'list', name, optional, def, rep, elemRep: repeated.maxRepetitionLevel, elementPath, element };
  }
  if (isAnnotated(node, 'MAP')) {
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
    const key = writeNode(entries.children[0]!, false, leaves);
    const elemRep = entries.maxRepetitionLevel;
    // A key-only map reads as the list of its keys (as in Arrow C++ and our reader): write it from one.
    if (entries.children.length === 1) {
      const elementPath = [entries.name, entries.children[0]!.name];
      return { kind: 'list', name, optional, def, rep, elemRep, elementPath, element: key };
    }
    const value = writeNode(entries.children[1]!, false, leaves);
    return { kind: 'map', name, optional, def, rep, elemRep, entriesName: entries.name, key, value };
  }
  const children = node.children.map((child) => writeNode(child, false, leaves));
  return { kind: 'struct', name, optional, def, rep, children };
}

function isAnnotated(node: SchemaNode, kind: 'LIST' | 'MAP'): boolean {
  const { logicalType, convertedType } = node.element;
  if (logicalType) return logicalType.type === kind;
  if (kind === 'LIST') return convertedType === ConvertedType.LIST;
  return convertedType === ConvertedType.MAP || convertedType === ConvertedType.MAP_KEY_VALUE;
}
