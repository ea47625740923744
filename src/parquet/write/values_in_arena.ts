// PhysicalValues copied into kernel memory once, in the one shape the writer's kernels take: fixed-width values back
// to back, or byte arrays as i32 offsets (relative to `base`) into their data.
import type { Arena } from '../../kernels/arena.js';
import type { PhysicalValues } from './leaf_data.js';

/** Values in the arena: fixed-width values (`width` bytes each) at `dataPtr`, or byte arrays. */
export interface ArenaValues {
  readonly isByteArray: boolean;
  readonly count: number;
  readonly width: number;
  readonly dataPtr: number;
  readonly dataLen: number;
  /** Byte arrays: count + 1 i32 offsets; value i is [offsets[i] - base, offsets[i + 1] - base) of the data. */
  readonly offsetsPtr: number;
  readonly base: number;
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Bytes per value of a fixed-width physical type (booleans one byte per value, as LeafData holds them). */
export function fixedWidth(values: PhysicalValues): number {
  switch (values.kind) {
    case 'boolean':
      return 1;
    case 'int32':
    case 'float':
      return 4;
    case 'int64':
    case 'double':
      return 8;
    case 'int96':
      return 12;
    case 'fixed_len_byte_array':
      return values.width;
    case 'byte_array':
      return 0;
  }
}

/** Copies `values` into `a` (the caller owns mark/release). */
export function copyValuesIn(a: Arena, values: PhysicalValues): ArenaValues {
  if (values.kind === 'byte_array') {
    const { offsets } = values;
    const count = offsets.length - 1;
    const base = count >= 0 ? offsets[0]! : 0;
    const data = values.data.subarray(base, count >= 0 ? offsets[count]! : 0);
    const offsetsPtr = a.copyIn(bytesOf(offsets));
    const dataPtr = a.copyIn(data);
    return { isByteArray: true, count: Math.max(count, 0), width: 0, dataPtr, dataLen: data.length, offsetsPtr, base };
  }
  const width = fixedWidth(values);
  const data = bytesOf(values.data);
  const count = width === 0 ? 0 : Math.floor(data.length / width);
  const dataPtr = a.copyIn(data.subarray(0, count * width));
  return { isByteArray: false, count, width, dataPtr, dataLen: count * width, offsetsPtr: 0, base: 0 };
}
