// Definition levels to an Arrow validity bitmap. A value is present (non-null) exactly when its definition level
// equals the column's maximum definition level (parquet-format README, "Nested Encoding").

import { writeBits } from './bits';

/** Sets bit (bitOffset + i) of `outPtr` when levels[i] == maxDef and clears it otherwise; returns the number of
 *  set bits. Bits outside the range keep their value. */
export function defLevelsToValidity(levelsPtr: usize, count: u32, maxDef: u32, outPtr: usize, bitOffset: u32): i32 {
  let set: u32 = 0;
  let i: u32 = 0;
  let out = outPtr + (bitOffset >>> 3);
  const d = bitOffset & 7;
  if (d !== 0 && count > 0) {
    const n = min<u32>(8 - d, count);
    const bits = levelBits(levelsPtr, n, maxDef);
    writeBits(out, d, n, bits);
    set += popcnt(bits);
    i = n;
    out++;
  }
  // Eight levels make one output byte: two 4-lane compares and their sign masks.
  const target = i32x4.splat(maxDef);
  for (; i + 8 <= count; i += 8) {
    const p = levelsPtr + ((<usize>i) << 2);
    const lo = i32x4.bitmask(i32x4.eq(v128.load(p), target));
    const hi = i32x4.bitmask(i32x4.eq(v128.load(p, 16), target));
    const byte = <u32>(lo | (hi << 4));
    store<u8>(out, byte);
    set += popcnt(byte);
    out++;
  }
  if (i < count) {
    const n = count - i;
    const bits = levelBits(levelsPtr + ((<usize>i) << 2), n, maxDef);
    writeBits(out, 0, n, bits);
    set += popcnt(bits);
  }
  return <i32>set;
}

/** Up to 8 comparisons packed LSB first. */
function levelBits(levels: usize, n: u32, maxDef: u32): u32 {
  let bits: u32 = 0;
  for (let k: u32 = 0; k < n; k++) bits |= (<u32>(load<u32>(levels + ((<usize>k) << 2)) === maxDef)) << k;
  return bits;
}
