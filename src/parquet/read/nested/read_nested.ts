// Reads a nested top-level field of a row group: decodes each leaf's column chunk with its levels, then assembles
// the Arrow Data.
import type * as arrow from 'apache-arrow';
import type { Arena } from '../../../kernels/arena.js';
import { ParquetError } from '../../errors.js';
import type { ColumnMetaData } from '../../metadata/types.js';
import type { ColumnDescriptor, ParquetSchema, SchemaNode } from '../../schema.js';
import type { ColumnChunkOptions } from '../column_chunk.js';
import { emptyPhysicalColumn } from '../column_output.js';
import { assembleNested } from './assemble.js';
import { decodeNestedColumnChunk, type LeafLevels, type NestedLeafColumn } from './leaf_chunk.js';
import type { NestedNode } from './nested_field.js';

/** A leaf's column chunk: its metadata and its bytes (from the first page). */
export interface LeafChunk {
  readonly meta: ColumnMetaData;
  readonly bytes: Uint8Array;
}

/** Reads nested field `node`: `readChunk` fetches a leaf's column chunk; leaves are decoded one after the other so
 *  that only one chunk's bytes are needed at a time. */
export async function readNestedField(
  arena: Arena,
  schema: ParquetSchema,
  node: NestedNode,
  numRows: number,
  readChunk: (column: ColumnDescriptor) => Promise<LeafChunk>,
  options: ColumnChunkOptions,
): Promise<arrow.Data> {
  const slotDefs = new Map<number, number>();
  collectSlotDefs(node, slotDefs);
  const leaves = new Map<number, NestedLeafColumn>();
  for (const column of node.leaves) {
    try {
      if (numRows === 0) {
        leaves.set(column.columnIndex, emptyLeaf(column));
        continue;
      }
      const { meta, bytes } = await readChunk(column);
      const levels: LeafLevels = {
        slotDef: slotDefs.get(column.columnIndex)!,
        repeatedDef: repeatedDefs(schema, column),
      };
      leaves.set(column.columnIndex, decodeNestedColumnChunk(arena, column, meta, bytes, levels, options));
    } catch (err) {
      if (err instanceof ParquetError) throw err.withContext({ column: column.name });
      throw err;
    }
  }
  return assembleNested(arena, node, leaves, numRows);
}

function collectSlotDefs(node: NestedNode, out: Map<number, number>): void {
  switch (node.kind) {
    case 'leaf':
      out.set(node.column.columnIndex, node.slotDef);
      return;
    case 'struct':
      for (const child of node.children) collectSlotDefs(child, out);
      return;
    case 'list':
      collectSlotDefs(node.element, out);
      return;
    case 'map':
      collectSlotDefs(node.key, out);
      collectSlotDefs(node.value, out);
      return;
  }
}

/** Index r: the definition level of the repeated node of repetition level r on the column's path. */
function repeatedDefs(schema: ParquetSchema, column: ColumnDescriptor): Uint8Array {
  const out = new Uint8Array(column.maxRepetitionLevel + 1);
  let node = schema.root;
  for (let depth = 0; depth < column.path.length; depth++) {
    const child = node.children.find((c) => containsColumn(c, column.columnIndex));
    if (!child) break;
    if (child.repetition === 'REPEATED') out[child.maxRepetitionLevel] = child.maxDefinitionLevel;
    node = child;
  }
  return out;
}

function containsColumn(node: SchemaNode, columnIndex: number): boolean {
  if (node.columnIndex !== undefined) return node.columnIndex === columnIndex;
  return node.children.some((c) => containsColumn(c, columnIndex));
}

function emptyLeaf(column: ColumnDescriptor): NestedLeafColumn {
  return {
    column,
    rep: column.maxRepetitionLevel > 0 ? new Uint8Array(0) : undefined,
    def: new Uint8Array(0),
    values: emptyPhysicalColumn(column),
  };
}
