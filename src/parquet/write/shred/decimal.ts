// Arrow decimals (little-endian two's complement in 32-bit words, 4 or 8 words a value) to Parquet's DECIMAL
// representations (LogicalTypes.md "DECIMAL"): INT32, INT64, or big-endian two's complement bytes (FIXED_LEN_BYTE_ARRAY
// of a fixed width, BYTE_ARRAY of the minimal width), each value checked against the column's precision.
import type { PhysicalValues } from '../leaf_data.js';
import { decimalByteWidth } from '../schema/logical_types.js';
import type { Positions } from './gather.js';

/** Called with the index of a value that does not fit, and why; never returns. */
export type ValueFailure = (valueIndex: number, detail: string) => never;

/** Target of a decimal conversion: the physical type and, for FIXED_LEN_BYTE_ARRAY, its width. */
export type DecimalTarget =
  | { kind: 'int32' }
  | { kind: 'int64' }
  | { kind: 'fixed'; width: number }
  | { kind: 'bytes' };

/** Unscaled decimal values (words of `wordsPerValue` 32-bit words) at `positions` in the physical form `target`. */
export function decimalToPhysical(
  words: Uint32Array,
  wordsPerValue: number,
  positions: Positions,
  count: number,
  precision: number,
  target: DecimalTarget,
  fail: ValueFailure,
): PhysicalValues {
  const n = positions ? positions.length : count;
  const limit = 10n ** BigInt(precision);
  const at = (k: number): number => (positions ? positions[k]! : k) * wordsPerValue;
  const tooWide = (k: number): never => fail(k, `decimal value does not fit precision ${precision}`);
  switch (target.kind) {
    case 'int32': {
      const out = new Int32Array(n);
      const bound = 10 ** precision;
      for (let k = 0; k < n; k++) {
        const base = at(k);
        const v = words[base]! | 0;
        if (!signExtends(words, base + 1, base + wordsPerValue, v < 0) || v >= bound || v <= -bound) tooWide(k);
        out[k] = v;
      }
      return { kind: 'int32', data: out };
    }
    case 'int64': {
      const out = new BigInt64Array(n);
      const halves = new Uint32Array(out.buffer);
      for (let k = 0; k < n; k++) {
        const base = at(k);
        const lo = words[base]!;
        const hi = words[base + 1]! | 0;
        if (!signExtends(words, base + 2, base + wordsPerValue, hi < 0)) tooWide(k);
        const magnitude = Math.abs(hi * 4294967296 + lo);
        // Exact as a double below 2^53 (and so is 10^precision up to 10^22); beyond it, compare exactly.
        if (magnitude < 2 ** 53) {
          if (magnitude >= 10 ** precision) tooWide(k);
        } else {
          const v = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
          if (v >= limit || v <= -limit) tooWide(k);
        }
        halves[2 * k] = lo;
        halves[2 * k + 1] = hi;
      }
      return { kind: 'int64', data: out };
    }
    case 'fixed': {
      const { width } = target;
      const out = new Uint8Array(n * width);
      for (let k = 0; k < n; k++) {
        if (!writeBigEndian(words, at(k), wordsPerValue, limit, out, k * width, width)) tooWide(k);
      }
      return { kind: 'fixed_len_byte_array', width, data: out };
    }
    case 'bytes': {
      const width = decimalByteWidth(precision);
      const out = new Uint8Array(n * width);
      const offsets = new Int32Array(n + 1);
      for (let k = 0; k < n; k++) {
        if (!writeBigEndian(words, at(k), wordsPerValue, limit, out, k * width, width)) tooWide(k);
        offsets[k + 1] = (k + 1) * width;
      }
      return { kind: 'byte_array', offsets, data: out };
    }
  }
}

function signExtends(words: Uint32Array, from: number, to: number, negative: boolean): boolean {
  const fill = negative ? 0xffffffff : 0;
  for (let i = from; i < to; i++) if (words[i] !== fill) return false;
  return true;
}

/** Writes the value as `width` big-endian bytes at `out[offset]`; false if |value| >= limit or it needs more. */
function writeBigEndian(
  words: Uint32Array,
  base: number,
  wordsPerValue: number,
  limit: bigint,
  out: Uint8Array,
  offset: number,
  width: number,
): boolean {
  let v = 0n;
  for (let w = wordsPerValue - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[base + w]!);
  v = BigInt.asIntN(32 * wordsPerValue, v);
  if (v >= limit || v <= -limit) return false;
  const negative = v < 0n;
  const bytes = wordsPerValue * 4;
  // Little-endian byte j of the value is byte (width - 1 - j) of the output; bytes past the value sign-extend.
  for (let j = 0; j < width; j++) {
    const byte = j < bytes ? (words[base + (j >>> 2)]! >>> (8 * (j & 3))) & 0xff : negative ? 0xff : 0;
    out[offset + width - 1 - j] = byte;
  }
  return true;
}
