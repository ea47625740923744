// PLAIN encoding (Encodings.md "Plain") of every physical type: fixed-width values little-endian as they lie in
// memory (INT96 12 bytes, FIXED_LEN_BYTE_ARRAY raw), BOOLEAN bit-packed LSB first, BYTE_ARRAY as a 4-byte
// little-endian length then the bytes, per value.
import type { PhysicalValues } from '../leaf_data.js';
import { bytesOf, checkEncoded, copyInView, coveredBytes, withScratch } from './scratch.js';

/** Encodes `values` as PLAIN. */
export function encodePlain(values: PhysicalValues): Uint8Array {
  switch (values.kind) {
    case 'boolean':
      return packBooleans(values.data);
    case 'byte_array':
      return plainByteArrays(values.offsets, values.data);
    case 'int96':
    case 'fixed_len_byte_array':
      return values.data.slice();
    default:
      // Typed arrays are little-endian on every platform Node runs on (x64, arm64), as PLAIN requires.
      return bytesOf(values.data).slice();
  }
}

/** One byte per boolean (nonzero = true) to ceil(n / 8) bytes, LSB first. */
function packBooleans(data: Uint8Array): Uint8Array {
  if (data.length === 0) return new Uint8Array(0);
  return withScratch((a) => {
    const inPtr = a.copyIn(data);
    const outLen = Math.ceil(data.length / 8);
    const outPtr = a.alloc(outLen);
    a.wasm.packBooleans(inPtr, data.length, outPtr);
    return a.u8().slice(outPtr, outPtr + outLen);
  });
}

function plainByteArrays(offsets: Int32Array, data: Uint8Array): Uint8Array {
  const bytes = coveredBytes(offsets, data);
  const count = offsets.length - 1;
  const outLen = 4 * count + bytes.length;
  return withScratch((a) => {
    const offsetsPtr = copyInView(a, offsets);
    const dataPtr = a.copyIn(bytes);
    const outPtr = a.alloc(outLen);
    const written = checkEncoded(
      a.wasm.plainByteArrayEncode(offsetsPtr, count, dataPtr, offsets[0]!, outPtr, outLen),
      'PLAIN byte array offsets',
    );
    return a.u8().slice(outPtr, outPtr + written);
  });
}
