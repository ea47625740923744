// Split-block bloom filters (parquet-format BloomFilter.md): which literals of `=` / `in` a column chunk's filter
// proves absent.
import { Type } from '../metadata/enums.js';
import type { ColumnDescriptor } from '../schema.js';
import type { Key, KeyDomain } from './keys.js';

/** BloomFilter.md "Technical Approach": the eight odd salts, one per 32-bit word of a block. */
const SALT = new Uint32Array([
  0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31,
]);
const BLOCK_BYTES = 32;

/** A split-block bloom filter bitset. */
export class SplitBlockBloomFilter {
  private readonly words: Uint32Array;
  private readonly blocks: bigint;

  /** `bitset` holds whole 32-byte blocks of little-endian 32-bit words. */
  constructor(bitset: Uint8Array) {
    const blocks = Math.floor(bitset.byteLength / BLOCK_BYTES);
    const view = new DataView(bitset.buffer, bitset.byteOffset, blocks * BLOCK_BYTES);
    this.words = new Uint32Array(blocks * 8);
    for (let i = 0; i < this.words.length; i++) this.words[i] = view.getUint32(i * 4, true);
    this.blocks = BigInt(blocks);
  }

  /** False when the value hashed to `hash` is certainly not in the set. */
  mightContain(hash: bigint): boolean {
    if (this.blocks === 0n) return true;
    const block = Number(((hash >> 32n) * this.blocks) >> 32n) * 8;
    const key = Number(hash & 0xffffffffn);
    for (let i = 0; i < 8; i++) {
      const bit = Math.imul(key, SALT[i]!) >>> 27;
      if (((this.words[block + i]! >>> bit) & 1) === 0) return false;
    }
    return true;
  }
}

/**
 * The PLAIN encoding a writer hashed for `key` in `column` (BloomFilter.md: plain-encoded values, byte arrays without
 * their length), or undefined when the key's encoding is ambiguous (floats' zero and NaN, decimals in byte arrays,
 * booleans) and the filter must not be consulted.
 */
export function plainBytes(key: Key, column: ColumnDescriptor, domain: KeyDomain): Uint8Array | undefined {
  const out = new DataView(new ArrayBuffer(8));
  switch (column.physicalType) {
    case Type.INT32:
      if (typeof key === 'bigint') {
        if (key < -(1n << 31n) || key >= 1n << 32n) return undefined;
        key = Number(key);
      }
      if (typeof key !== 'number' || !Number.isInteger(key) || key < -(2 ** 31) || key >= 2 ** 32) return undefined;
      if (key >= 2 ** 31) out.setUint32(0, key, true);
      else out.setInt32(0, key, true);
      return new Uint8Array(out.buffer, 0, 4);
    case Type.INT64:
      if (typeof key !== 'bigint' || key < -(1n << 63n) || key >= 1n << 64n) return undefined;
      if (key >= 1n << 63n) out.setBigUint64(0, key, true);
      else out.setBigInt64(0, key, true);
      return new Uint8Array(out.buffer);
    case Type.FLOAT:
    case Type.DOUBLE:
      // -0 equals 0 but hashes differently; NaN never equals anything.
      if (typeof key !== 'number' || key === 0 || Number.isNaN(key)) return undefined;
      if (column.physicalType === Type.FLOAT) {
        out.setFloat32(0, key, true);
        return out.getFloat32(0, true) === key ? new Uint8Array(out.buffer, 0, 4) : undefined;
      }
      out.setFloat64(0, key, true);
      return new Uint8Array(out.buffer);
    case Type.BYTE_ARRAY:
      return domain.kind === 'bytes' && key instanceof Uint8Array ? key : undefined;
    case Type.FIXED_LEN_BYTE_ARRAY:
      if (domain.kind === 'bytes') return key instanceof Uint8Array ? key : undefined;
      if (domain.kind === 'decimal' && typeof key === 'bigint') return bigEndianBytes(key, column.typeLength);
      return undefined;
  }
  return undefined;
}

function bigEndianBytes(value: bigint, width: number): Uint8Array | undefined {
  if (width <= 0 || width > 64) return undefined;
  const out = new Uint8Array(width);
  let v = BigInt.asUintN(width * 8, value);
  if (BigInt.asIntN(width * 8, v) !== value) return undefined;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
