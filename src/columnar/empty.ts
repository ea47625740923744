// Zero-row columns of any type, for empty partitions (a filter that keeps nothing, a table without batches).
import { allocOffsets, allocShared } from './alloc.js';
import { isBinaryLike } from './layout.js';
import type { Batch, Column, DataType, Field } from './types.js';

/** A column of `type` with no rows. */
export function emptyColumn(type: DataType): Column {
  const base = { type, length: 0, nullCount: 0 };
  if (type.kind === 'null') return base;
  if (isBinaryLike(type)) return { ...base, offsets: allocOffsets(type, 0), data: new Uint8Array(0) };
  switch (type.kind) {
    case 'list':
    case 'large_list':
      return { ...base, offsets: allocOffsets(type, 0), children: [emptyColumn(type.child.type)] };
    case 'map':
      return { ...base, offsets: allocOffsets(type, 0), children: [emptyColumn(type.entries.type)] };
    case 'fixed_size_list':
      return { ...base, children: [emptyColumn(type.child.type)] };
    case 'struct':
      return { ...base, children: type.children.map((f) => emptyColumn(f.type)) };
    case 'dictionary':
      return { ...base, values: allocShared(type, 0), dictionary: emptyColumn(type.value) };
    default:
      return { ...base, values: allocShared(type, 0) };
  }
}

/** A batch of `fields` with no rows. */
export function emptyBatch(fields: readonly Field[]): Batch {
  return { fields, numRows: 0, columns: fields.map((f) => emptyColumn(f.type)) };
}
