/** Reference for bitmapToIndices: the positions of the set bits among the first `length` bits, ascending. */
export function bitmapToIndicesReference(bits: Uint8Array, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) if ((bits[i >> 3]! >> (i & 7)) & 1) out.push(i);
  return out;
}
