// XXH64 of column values in the convention of Parquet's bloom filters (parquet-format BloomFilter.md "Hash
// Function": the PLAIN encoding of each value, byte arrays without their 4-byte length), computed by the
// assembly/xxhash64.ts kernels. Seeded variants serve the DataFrame (partitioning, HyperLogLog, group keys).
import type { Arena } from '../../kernels/arena.js';
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import type { PhysicalValues } from './leaf_data.js';
import { copyValuesIn } from './values_in_arena.js';

/** Hashes every value of `values` already in the arena; returns the pointer of count u64 hashes and the count. */
export function hashValuesInArena(a: Arena, values: PhysicalValues, seed = 0n): { ptr: number; count: number } {
  const v = copyValuesIn(a, values);
  const ptr = a.alloc(v.count * 8);
  if (!v.isByteArray) {
    a.wasm.xxhash64Fixed(v.dataPtr, v.count, v.width, BigInt.asUintN(64, seed), ptr);
  } else if (v.count > 0) {
    const status = a.wasm.xxhash64Bytes(
      v.offsetsPtr,
      v.count,
      v.dataPtr,
      v.dataLen,
      v.base,
      BigInt.asUintN(64, seed),
      ptr,
    );
    if (status < 0) throw new ParquetError('BAD_ARGUMENT', 'byte array offsets decrease or pass the data');
  }
  return { ptr, count: v.count };
}

/**
 * XXH64 (with `seed`, 0 for bloom filters) of each value: the bytes of fixed-width values (int32/float 4, int64/
 * double 8, int96 12, FLBA its width, booleans one byte 0/1) and the bytes of byte arrays. Returns one unsigned
 * 64-bit hash per value.
 */
export function hashValues(values: PhysicalValues, seed = 0n): BigUint64Array {
  const a = arena();
  const mark = a.mark();
  try {
    const { ptr, count } = hashValuesInArena(a, values, seed);
    return a.view(BigUint64Array, ptr, count).slice();
  } finally {
    a.release(mark);
  }
}

/** XXH64 (with `seed`) of each `width`-byte value packed back to back in `bytes`. */
export function hashFixedWidth(bytes: Uint8Array, width: number, seed = 0n): BigUint64Array {
  if (!Number.isInteger(width) || width <= 0) throw new ParquetError('BAD_ARGUMENT', `hash: width ${width}`);
  return hashValues({ kind: 'fixed_len_byte_array', width, data: bytes }, seed);
}

/** XXH64 (with `seed`) of each byte array given by Arrow-style `offsets` (offsets.length - 1 values) into `data`. */
export function hashByteArrays(offsets: Int32Array, data: Uint8Array, seed = 0n): BigUint64Array {
  return hashValues({ kind: 'byte_array', offsets, data }, seed);
}
