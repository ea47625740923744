// Conversions between int64 columns and JavaScript numbers through the two 32-bit words of each value: a BigInt per
// element (BigInt(x), Number(b)) costs an allocation, which on columns of millions of counts dominated whole
// reductions. Little-endian word order, as typed arrays use on every platform Node runs on.
import { allocArray } from './alloc.js';

const TWO_32 = 2 ** 32;

/** Integers (|x| < 2^53, as counts are) as an int64 array on shared memory. */
export function int64FromIntegers(values: Float64Array): BigInt64Array {
  const out = allocArray(BigInt64Array, values.length);
  const words = new Int32Array(out.buffer, out.byteOffset, values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const high = Math.floor(x / TWO_32);
    words[2 * i] = x - high * TWO_32; // the low word, stored modulo 2^32
    words[2 * i + 1] = high;
  }
  return out;
}

/** The first `length` int64 values as numbers (exact below 2^53 in magnitude). */
export function integersFromInt64(values: BigInt64Array, length = values.length): Float64Array {
  const out = new Float64Array(length);
  const words = new Int32Array(values.buffer, values.byteOffset, length * 2);
  for (let i = 0; i < length; i++) out[i] = words[2 * i + 1]! * TWO_32 + (words[2 * i]! >>> 0);
  return out;
}
