// The schema tree of a Parquet file, rebuilt from the footer's depth-first list of SchemaElements, with each leaf's
// maximum definition and repetition levels (the Dremel encoding's level bounds).
import { ParquetError } from './errors.js';
import { FieldRepetitionType } from './metadata/enums.js';
import type { SchemaElement } from './metadata/types.js';

/** A node of the schema tree: a group (children) or a primitive leaf (a column). */
export interface SchemaNode {
  readonly element: SchemaElement;
  readonly name: string;
  /** Names from the root's child down to this node. */
  readonly path: readonly string[];
  readonly children: readonly SchemaNode[];
  readonly repetition: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
  readonly maxDefinitionLevel: number;
  readonly maxRepetitionLevel: number;
  /** Index among leaves (the column chunk index in a row group), for leaves only. */
  readonly columnIndex?: number;
}

/** A leaf column: what a column chunk holds. */
export interface ColumnDescriptor {
  readonly node: SchemaNode;
  readonly element: SchemaElement;
  readonly path: readonly string[];
  /** The dotted path, e.g. "a.b.c". */
  readonly name: string;
  readonly physicalType: number;
  readonly typeLength: number;
  readonly maxDefinitionLevel: number;
  readonly maxRepetitionLevel: number;
  readonly columnIndex: number;
}

const MAX_DEPTH = 100;

/** The schema tree of a file plus its leaf columns in column-chunk order. */
export class ParquetSchema {
  readonly root: SchemaNode;
  readonly columns: readonly ColumnDescriptor[];

  constructor(elements: readonly SchemaElement[]) {
    if (elements.length === 0) throw new ParquetError('BAD_SCHEMA', 'empty schema');
    const columns: ColumnDescriptor[] = [];
    let next = 0;

    const build = (
      parentPath: readonly string[],
      def: number,
      rep: number,
      depth: number,
      isRoot: boolean,
    ): SchemaNode => {
      if (depth > MAX_DEPTH) throw new ParquetError('BAD_SCHEMA', `schema nested deeper than ${MAX_DEPTH}`);
      const index = next++;
      const element = elements[index];
      if (!element) throw new ParquetError('BAD_SCHEMA', 'schema ends before all children are listed');
      const repetition = isRoot ? 'REQUIRED' : repetitionName(element, index);
      const maxDefinitionLevel = def + (repetition === 'REQUIRED' ? 0 : 1);
      const maxRepetitionLevel = rep + (repetition === 'REPEATED' ? 1 : 0);
      const path = isRoot ? [] : [...parentPath, element.name];
      const numChildren = element.numChildren ?? 0;
      const isGroup = isRoot || element.type === undefined;
      if (numChildren < 0 || numChildren > elements.length - next) {
        throw new ParquetError('BAD_SCHEMA', `schema element ${element.name} claims ${numChildren} children`);
      }
      if (!isGroup && numChildren > 0) {
        throw new ParquetError('BAD_SCHEMA', `primitive schema element ${element.name} has children`);
      }
      const children: SchemaNode[] = [];
      for (let i = 0; i < numChildren; i++) {
        children.push(build(path, maxDefinitionLevel, maxRepetitionLevel, depth + 1, false));
      }
      if (isGroup) {
        return { element, name: element.name, path, children, repetition, maxDefinitionLevel, maxRepetitionLevel };
      }
      const node: SchemaNode = {
        element,
        name: element.name,
        path,
        children,
        repetition,
        maxDefinitionLevel,
        maxRepetitionLevel,
        columnIndex: columns.length,
      };
      const typeLength = element.typeLength ?? 0;
      if (element.type === 7 && !(typeLength > 0)) {
        throw new ParquetError(
          'BAD_SCHEMA',
          `FIXED_LEN_BYTE_ARRAY column ${path.join('.')} has type_length ${typeLength}`,
        );
      }
      if (element.type === undefined || element.type < 0 || element.type > 7) {
        throw new ParquetError('BAD_SCHEMA', `column ${path.join('.')} has unknown physical type ${element.type}`);
      }
      columns.push({
        node,
        element,
        path,
        name: path.join('.'),
        physicalType: element.type,
        typeLength,
        maxDefinitionLevel,
        maxRepetitionLevel,
        columnIndex: columns.length,
      });
      return node;
    };

    this.root = build([], 0, 0, 0, true);
    if (next !== elements.length) {
      throw new ParquetError('BAD_SCHEMA', `schema lists ${elements.length - next} elements outside the tree`);
    }
    this.columns = columns;
  }

  /** The leaf column with this dotted path, if any. */
  column(name: string): ColumnDescriptor | undefined {
    return this.columns.find((c) => c.name === name);
  }

  /** The top-level field with this name, if any. */
  field(name: string): SchemaNode | undefined {
    return this.root.children.find((c) => c.name === name);
  }
}

function repetitionName(element: SchemaElement, index: number): SchemaNode['repetition'] {
  switch (element.repetitionType) {
    case FieldRepetitionType.REQUIRED:
      return 'REQUIRED';
    case FieldRepetitionType.OPTIONAL:
      return 'OPTIONAL';
    case FieldRepetitionType.REPEATED:
      return 'REPEATED';
    case undefined:
      // Some writers omit repetition on non-root nodes; parquet-java treats that as REQUIRED... but pyarrow as
      // OPTIONAL. Follow arrow: optional.
      return 'OPTIONAL';
    default:
      throw new ParquetError(
        'BAD_SCHEMA',
        `schema element ${index} (${element.name}) has repetition ${element.repetitionType}`,
      );
  }
}

/** The leaves under a node, in column order. */
export function leavesOf(node: SchemaNode, schema: ParquetSchema): ColumnDescriptor[] {
  if (node.columnIndex !== undefined) return [schema.columns[node.columnIndex]!];
  return node.children.flatMap((c) => leavesOf(c, schema));
}
