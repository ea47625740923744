// Column hashing and HyperLogLog register updates over BigInt, one value at a time: the reference the
// assembly/column_hash.ts and assembly/hyperloglog.ts kernels are checked against.
import { xxhash64Reference } from './xxhash64.js';

const MASK = (1n << 64n) - 1n;

/** XXH64 of the 8 little-endian bytes of `word` with `seed`. */
export function hashWordReference(word: bigint, seed: bigint): bigint {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, word & MASK, true);
  return xxhash64Reference(bytes, seed & MASK);
}

/** The hash of a null row: "nullnull" hashed with the seed mixed with the golden ratio. */
export function nullHashReference(seed: bigint): bigint {
  return hashWordReference(0x6e756c6c6e756c6cn, (seed ^ 0x9e3779b97f4a7c15n) & MASK);
}

/** The 64-bit word an integer (any width, signed or not) is hashed as. */
export function integerWord(value: bigint | number): bigint {
  return BigInt.asUintN(64, BigInt(value));
}

/** The 64-bit word a float is hashed as: the f64 bits, -0 as +0, every NaN as 0x7ff8000000000000. */
export function floatWord(value: number): bigint {
  if (Number.isNaN(value)) return 0x7ff8000000000000n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value === 0 ? 0 : value, true);
  return view.getBigUint64(0, true);
}

/** The row-hash combination of hashCombine: XXH64 of the word `next` seeded with `acc`. */
export function combineReference(acc: bigint, next: bigint): bigint {
  return hashWordReference(next, acc);
}

/** Applies hash `h` to HyperLogLog registers of precision p (index: top p bits; rank of the other 64 - p bits). */
export function hllUpdateReference(registers: Uint8Array, p: number, h: bigint): void {
  const index = Number(h >> BigInt(64 - p));
  const rest = (h << BigInt(p)) & MASK;
  let rank = 1;
  while (rank <= 64 - p && ((rest >> BigInt(64 - rank)) & 1n) === 0n) rank++;
  if (rank > registers[index]!) registers[index] = rank;
}
