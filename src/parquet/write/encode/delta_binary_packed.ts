// DELTA_BINARY_PACKED encoding (Encodings.md "Delta Encoding") of INT32 and INT64 values, by the kernel in
// assembly/encode_delta.ts: blocks of 128 deltas, 4 miniblocks of 32, as parquet-mr and arrow-rs write them.
import type { Arena } from '../../../kernels/arena.js';
import { checkEncoded, copyInView, withScratch } from './scratch.js';

/** Upper bound of the encoded size of `count` values of `bits` bits: the header (25 bytes) and, per block of 128
 *  deltas, a 10-byte minimum, 4 width bytes and 128 values of the full width. */
export function deltaBinaryPackedBound(count: number, bits: 32 | 64): number {
  const blocks = Math.ceil(Math.max(count - 1, 0) / 128);
  return 25 + blocks * (14 + 16 * bits);
}

/** Encodes INT32 (deltas wrap at 32 bits) or INT64 (wrap at 64 bits) values as DELTA_BINARY_PACKED. */
export function encodeDeltaBinaryPacked(values: Int32Array | BigInt64Array): Uint8Array {
  return withScratch((a) => {
    const inPtr = copyInView(a, values);
    const { ptr, length } = deltaBinaryPackedInArena(a, inPtr, values.length, values instanceof BigInt64Array);
    return a.u8().slice(ptr, ptr + length);
  });
}

/** Encodes `count` values at `inPtr` (i32, or i64 when `wide`) into fresh arena memory; the building block of the
 *  byte-array delta encodings, whose length streams are already in the arena. */
export function deltaBinaryPackedInArena(
  a: Arena,
  inPtr: number,
  count: number,
  wide: boolean,
): { ptr: number; length: number } {
  const cap = deltaBinaryPackedBound(count, wide ? 64 : 32);
  const ptr = a.alloc(cap);
  const length = wide
    ? a.wasm.deltaBinaryPackedEncode64(inPtr, count, ptr, cap)
    : a.wasm.deltaBinaryPackedEncode32(inPtr, count, ptr, cap);
  return { ptr, length: checkEncoded(length, 'DELTA_BINARY_PACKED') };
}
