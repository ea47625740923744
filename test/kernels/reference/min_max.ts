// Minimum and maximum one value at a time: the reference for assembly/min_max.ts.

/** Positions of the first minimum and first maximum of `count` items under `compare`, skipping `skip`ped ones;
 *  undefined when every item is skipped. */
export function minMaxReference(
  count: number,
  compare: (i: number, j: number) => number,
  skip: (i: number) => boolean = () => false,
): [number, number] | undefined {
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < count; i++) {
    if (skip(i)) continue;
    if (lo < 0 || compare(i, lo) < 0) lo = i;
    if (hi < 0 || compare(i, hi) > 0) hi = i;
  }
  return lo < 0 ? undefined : [lo, hi];
}

/** Big-endian two's complement value of `bytes` (0 when empty). */
export function bigEndianSigned(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return bytes.length > 0 && bytes[0]! & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/** IEEE half bits as a number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (exp === 0 ? frac * 2 ** -24 : (1 + frac / 1024) * 2 ** (exp - 15));
}
