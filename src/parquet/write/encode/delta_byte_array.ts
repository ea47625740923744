// DELTA_BYTE_ARRAY encoding (Encodings.md "Delta Strings"): per value, the length of the prefix it shares with the
// previous value (DELTA_BINARY_PACKED), then the suffixes as DELTA_LENGTH_BYTE_ARRAY (their lengths
// DELTA_BINARY_PACKED, then their bytes). Valid for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY.
import type { PhysicalValues } from '../leaf_data.js';
import { fixedValueCount } from './byte_stream_split.js';
import { deltaBinaryPackedInArena } from './delta_binary_packed.js';
import { checkEncoded, copyInView, coveredBytes, withScratch } from './scratch.js';

type DeltaByteArrayValues = Extract<PhysicalValues, { kind: 'byte_array' | 'fixed_len_byte_array' }>;

/** Encodes BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values as DELTA_BYTE_ARRAY. */
export function encodeDeltaByteArray(values: DeltaByteArrayValues): Uint8Array {
  const fixed = values.kind === 'fixed_len_byte_array';
  const count = fixed ? fixedValueCount(values.data, values.width) : values.offsets.length - 1;
  const bytes = fixed ? values.data.subarray(0, count * values.width) : coveredBytes(values.offsets, values.data);
  return withScratch((a) => {
    const offsetsPtr = fixed ? 0 : copyInView(a, values.offsets);
    const dataPtr = a.copyIn(bytes);
    const prefixPtr = a.alloc(count * 4);
    const suffixLenPtr = a.alloc(count * 4);
    const suffixPtr = a.alloc(bytes.length);
    const suffixBytes = checkEncoded(
      a.wasm.deltaByteArraySplit(
        offsetsPtr,
        dataPtr,
        fixed ? 0 : values.offsets[0]!,
        count,
        fixed ? values.width : 0,
        prefixPtr,
        suffixLenPtr,
        suffixPtr,
        bytes.length,
      ),
      'DELTA_BYTE_ARRAY offsets',
    );
    const prefixes = deltaBinaryPackedInArena(a, prefixPtr, count, false);
    const suffixLengths = deltaBinaryPackedInArena(a, suffixLenPtr, count, false);
    const out = new Uint8Array(prefixes.length + suffixLengths.length + suffixBytes);
    const u8 = a.u8();
    out.set(u8.subarray(prefixes.ptr, prefixes.ptr + prefixes.length), 0);
    out.set(u8.subarray(suffixLengths.ptr, suffixLengths.ptr + suffixLengths.length), prefixes.length);
    out.set(u8.subarray(suffixPtr, suffixPtr + suffixBytes), prefixes.length + suffixLengths.length);
    return out;
  });
}
