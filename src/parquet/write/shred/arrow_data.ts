// The parts of apache-arrow Data the shredder reads: null counts, validity bits, struct children by name, list
// offsets. Arrow JS slices value and offset buffers to the array's own first slot but keeps the validity bitmap
// whole, addressed from bit `offset`.
import * as arrow from 'apache-arrow';
import { ParquetError } from '../../errors.js';

/** Number of null slots (all of them for the Null type, which has no bitmap). */
export function nullCountOf(data: arrow.Data): number {
  if (data.typeId === arrow.Type.Null) return data.length;
  return data.nullCount;
}

/** The bytes of the validity bitmap covering the array, and the bit of its first slot (all zero for Null). */
export function validityBits(data: arrow.Data): { bytes: Uint8Array; bitOffset: number } {
  const bitOffset = data.offset & 7;
  const byteCount = (bitOffset + data.length + 7) >>> 3;
  const bitmap = data.nullBitmap;
  if (data.typeId === arrow.Type.Null || !bitmap || bitmap.length === 0) {
    return { bytes: new Uint8Array(byteCount), bitOffset };
  }
  const first = data.offset >>> 3;
  const bytes = bitmap.subarray(first, first + byteCount);
  if (bytes.length < byteCount) {
    throw new ParquetError('BAD_ARGUMENT', `validity bitmap of ${bitmap.length} bytes is too short`);
  }
  return { bytes, bitOffset };
}

/** The child of a struct array with this field name (explicit schemas match struct members by name). */
export function arrowChild(data: arrow.Data, name: string, path: string): arrow.Data {
  if (data.typeId !== arrow.Type.Struct) {
    throw new ParquetError('BAD_ARGUMENT', `expected a struct, found Arrow ${data.type}`, { column: path });
  }
  const fields = (data.type as arrow.Struct).children;
  const index = fields.findIndex((f) => f.name === name);
  const child = data.children[index] as arrow.Data | undefined;
  if (index < 0 || !child) {
    throw new ParquetError('BAD_ARGUMENT', `the struct has no field ${name}`, { column: `${path}.${name}` });
  }
  return child;
}

/** The 32-bit offsets (length + 1, into the child array) and the child of a list-like array: List, LargeList,
 *  FixedSizeList, or Map (whose child is its entries struct). */
export function listOffsets(data: arrow.Data, path: string): { offsets: Int32Array; child: arrow.Data } {
  const n = data.length;
  const child = data.children[0] as arrow.Data | undefined;
  if (!child) throw new ParquetError('BAD_ARGUMENT', `expected a list, found Arrow ${data.type}`, { column: path });
  switch (data.typeId) {
    case arrow.Type.List:
    case arrow.Type.Map:
      return { offsets: (data.valueOffsets as Int32Array).subarray(0, n + 1), child };
    case arrow.Type.LargeList: {
      const wide = data.valueOffsets as unknown as BigInt64Array;
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) {
        const v = wide[i]!;
        if (v < 0n || v > 0x7fffffffn) {
          throw new ParquetError('UNSUPPORTED', 'large list offsets past 2^31 - 1', { column: path });
        }
        offsets[i] = Number(v);
      }
      return { offsets, child };
    }
    case arrow.Type.FixedSizeList: {
      // The child is sliced with the list (stride listSize), so list i holds child values [i * size, (i + 1) * size).
      const size = (data.type as arrow.FixedSizeList).listSize;
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i <= n; i++) offsets[i] = i * size;
      return { offsets, child };
    }
    default:
      throw new ParquetError('BAD_ARGUMENT', `expected a list, found Arrow ${data.type}`, { column: path });
  }
}
