// DELTA_LENGTH_BYTE_ARRAY encoding (Encodings.md "Delta-length byte array"): the value lengths as
// DELTA_BINARY_PACKED, then all the value bytes back to back.
import type { PhysicalValues } from '../leaf_data.js';
import { deltaBinaryPackedInArena } from './delta_binary_packed.js';
import { checkEncoded, copyInView, coveredBytes, withScratch } from './scratch.js';

type ByteArrayValues = Extract<PhysicalValues, { kind: 'byte_array' }>;

/** Encodes BYTE_ARRAY values as DELTA_LENGTH_BYTE_ARRAY. */
export function encodeDeltaLengthByteArray(values: ByteArrayValues): Uint8Array {
  const bytes = coveredBytes(values.offsets, values.data);
  const count = values.offsets.length - 1;
  const lengths = withScratch((a) => {
    const offsetsPtr = copyInView(a, values.offsets);
    const lengthsPtr = a.alloc(count * 4);
    checkEncoded(a.wasm.byteArrayLengths(offsetsPtr, count, lengthsPtr), 'DELTA_LENGTH_BYTE_ARRAY offsets');
    const { ptr, length } = deltaBinaryPackedInArena(a, lengthsPtr, count, false);
    const out = new Uint8Array(length + bytes.length);
    out.set(a.u8().subarray(ptr, ptr + length));
    return { out, length };
  });
  lengths.out.set(bytes, lengths.length);
  return lengths.out;
}
