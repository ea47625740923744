// BYTE_STREAM_SPLIT encoding (Encodings.md "Byte Stream Split"): byte k of every value in stream k, the streams
// back to back. Valid for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY; kernel in
// assembly/encode_byte_stream_split.ts.
import { ParquetError } from '../../errors.js';
import type { PhysicalValues } from '../leaf_data.js';
import { bytesOf, withScratch } from './scratch.js';

type SplittableValues = Extract<
  PhysicalValues,
  { kind: 'float' | 'double' | 'int32' | 'int64' | 'fixed_len_byte_array' }
>;

/** Number of `width`-byte values in `data`; throws BAD_ARGUMENT unless `data` holds a whole number of them. */
export function fixedValueCount(data: Uint8Array, width: number): number {
  if (!Number.isInteger(width) || width <= 0 || data.length % width !== 0) {
    throw new ParquetError('BAD_ARGUMENT', `${data.length} bytes are not a whole number of ${width}-byte values`);
  }
  return data.length / width;
}

/** Encodes fixed-width values as BYTE_STREAM_SPLIT. */
export function encodeByteStreamSplit(values: SplittableValues): Uint8Array {
  let bytes: Uint8Array;
  let width: number;
  if (values.kind === 'fixed_len_byte_array') {
    width = values.width;
    bytes = values.data;
  } else {
    width = values.data.BYTES_PER_ELEMENT;
    bytes = bytesOf(values.data);
  }
  const count = fixedValueCount(bytes, width);
  if (count === 0) return new Uint8Array(0);
  return withScratch((a) => {
    const inPtr = a.copyIn(bytes);
    const outPtr = a.alloc(bytes.length);
    a.wasm.byteStreamSplitEncode(inPtr, count, width, outPtr);
    return a.u8().slice(outPtr, outPtr + bytes.length);
  });
}
