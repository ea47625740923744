// XXH64 over BigInt, one value at a time: the reference the xxhash64 kernels are checked against
// (xxHash's doc/xxhash_spec.md, "XXH64 algorithm description").

const MASK = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK;
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK;

function round(acc: bigint, lane: bigint): bigint {
  return mul(rotl((acc + mul(lane, P2)) & MASK, 31n), P1);
}

function merge(acc: bigint, value: bigint): bigint {
  return (mul(acc ^ round(0n, value), P1) + P4) & MASK;
}

/** The XXH64 hash of `bytes` with `seed`, as an unsigned 64-bit bigint. */
export function xxhash64Reference(bytes: Uint8Array, seed = 0n): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let p = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (seed + P1 + P2) & MASK;
    let v2 = (seed + P2) & MASK;
    let v3 = seed & MASK;
    let v4 = (seed + MASK + 1n - P1) & MASK;
    for (; p + 32 <= n; p += 32) {
      v1 = round(v1, view.getBigUint64(p, true));
      v2 = round(v2, view.getBigUint64(p + 8, true));
      v3 = round(v3, view.getBigUint64(p + 16, true));
      v4 = round(v4, view.getBigUint64(p + 24, true));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = (seed + P5) & MASK;
  }
  h = (h + BigInt(n)) & MASK;
  for (; p + 8 <= n; p += 8) h = (mul(rotl(h ^ round(0n, view.getBigUint64(p, true)), 27n), P1) + P4) & MASK;
  if (p + 4 <= n) {
    h = (mul(rotl(h ^ mul(BigInt(view.getUint32(p, true)), P1), 23n), P2) + P3) & MASK;
    p += 4;
  }
  for (; p < n; p++) h = mul(rotl(h ^ mul(BigInt(bytes[p]!), P5), 11n), P1);
  h = mul(h ^ (h >> 33n), P2);
  h = mul(h ^ (h >> 29n), P3);
  return h ^ (h >> 32n);
}
