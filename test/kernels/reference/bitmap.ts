// Bit-at-a-time references for Arrow LSB-first bitmaps: reading, writing, copying, spreading, levels.

/** Bit `i` of `bytes`. */
export function getBit(bytes: Uint8Array, i: number): number {
  return (bytes[i >> 3]! >> (i & 7)) & 1;
}

/** Sets bit `i` of `bytes` to `v`. */
export function setBit(bytes: Uint8Array, i: number, v: number): void {
  if (v) bytes[i >> 3]! |= 1 << (i & 7);
  else bytes[i >> 3]! &= ~(1 << (i & 7));
}

/** copyBits, one bit at a time. */
export function copyBitsReference(
  src: Uint8Array,
  srcOffset: number,
  dst: Uint8Array,
  dstOffset: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) setBit(dst, dstOffset + i, getBit(src, srcOffset + i));
}

/** spreadBits, one bit at a time. */
export function spreadBitsReference(
  dense: Uint8Array,
  denseOffset: number,
  validity: Uint8Array,
  bitOffset: number,
  count: number,
  out: Uint8Array,
  outOffset: number,
): void {
  let k = denseOffset;
  for (let i = 0; i < count; i++) {
    setBit(out, outOffset + i, getBit(validity, bitOffset + i) ? getBit(dense, k++) : 0);
  }
}

/** defLevelsToValidity; returns the number of set bits. */
export function levelsToValidityReference(
  levels: Uint32Array,
  maxDef: number,
  out: Uint8Array,
  bitOffset: number,
): number {
  let set = 0;
  levels.forEach((level, i) => {
    setBit(out, bitOffset + i, level === maxDef ? 1 : 0);
    if (level === maxDef) set++;
  });
  return set;
}
