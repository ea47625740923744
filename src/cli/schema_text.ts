/**
 * The Parquet schema as text, in the notation of parquet-java's `MessageType.toString()` (also printed by
 * parquet-tools and parquet-cli):
 *
 *     message schema {
 *       required int64 id;
 *       optional binary name (STRING);
 *       optional group tags (LIST) {
 *         repeated group list {
 *           optional binary element (STRING);
 *         }
 *       }
 *     }
 */
import { effectiveLogicalType } from '../parquet/arrow_types.js';
import { ConvertedType, enumName, Type } from '../parquet/metadata/enums.js';
import type { LogicalType, SchemaElement } from '../parquet/metadata/types.js';
import type { SchemaNode } from '../parquet/schema.js';

/** Lower-case physical type name as the schema notation writes it ("fixed_len_byte_array(16)"). */
export function physicalTypeText(element: SchemaElement): string {
  if (element.type === Type.FIXED_LEN_BYTE_ARRAY) return `fixed_len_byte_array(${element.typeLength ?? 0})`;
  if (element.type === Type.BYTE_ARRAY) return 'binary';
  return enumName(Type, element.type).toLowerCase();
}

/** A logical type as parquet-java prints it: "STRING", "DECIMAL(9,2)", "TIMESTAMP(MICROS,true)", "INTEGER(8,false)". */
export function logicalTypeText(logical: LogicalType): string {
  switch (logical.type) {
    case 'DECIMAL':
      return `DECIMAL(${logical.precision},${logical.scale})`;
    case 'TIME':
    case 'TIMESTAMP':
      return `${logical.type}(${logical.unit},${logical.isAdjustedToUTC})`;
    case 'INTEGER':
      return `INTEGER(${logical.bitWidth},${logical.isSigned})`;
    case 'UNRECOGNIZED':
      return `UNRECOGNIZED(${logical.fieldId})`;
    default:
      return logical.type;
  }
}

/**
 * The annotation of an element: its logical type, or else its converted type where no logical type corresponds
 * (MAP, LIST, MAP_KEY_VALUE, INTERVAL); undefined when it has neither.
 */
export function annotationText(element: SchemaElement): string | undefined {
  const logical = effectiveLogicalType(element);
  if (logical) return logicalTypeText(logical);
  if (element.convertedType !== undefined) return enumName(ConvertedType, element.convertedType);
  return undefined;
}

function nodeLine(node: SchemaNode): string {
  const { element } = node;
  const isGroup = node.columnIndex === undefined;
  const annotation = annotationText(element);
  let line = `${node.repetition.toLowerCase()} ${isGroup ? 'group' : physicalTypeText(element)} ${node.name}`;
  if (annotation) line += ` (${annotation})`;
  if (element.fieldId !== undefined) line += ` = ${element.fieldId}`;
  return line;
}

function appendNode(node: SchemaNode, indent: string, lines: string[]): void {
  if (node.columnIndex !== undefined) {
    lines.push(`${indent}${nodeLine(node)};`);
    return;
  }
  lines.push(`${indent}${nodeLine(node)} {`);
  for (const child of node.children) appendNode(child, `${indent}  `, lines);
  lines.push(`${indent}}`);
}

/** The whole schema tree under `root` (the file's root node) as text, ending with a newline. */
export function schemaText(root: SchemaNode): string {
  const lines = [`message ${root.name} {`];
  for (const child of root.children) appendNode(child, '  ', lines);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
