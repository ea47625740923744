// Bit-at-a-time reference of the little-endian bit packing of Encodings.md (RLE / bit-packing hybrid, note 1).

/** Packs values of `bitWidth` (0..64) bits, LSB first, into ceil(n * bitWidth / 8) bytes. */
export function packBits(values: readonly bigint[], bitWidth: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((values.length * bitWidth) / 8));
  let bit = 0;
  for (const value of values) {
    for (let k = 0; k < bitWidth; k++, bit++) {
      if ((value >> BigInt(k)) & 1n) out[bit >> 3]! |= 1 << (bit & 7);
    }
  }
  return out;
}

/** Unpacks `count` values of `bitWidth` bits starting at byte `offset`. */
export function unpackBits(bytes: Uint8Array, bitWidth: number, count: number, offset = 0): bigint[] {
  const out: bigint[] = [];
  let bit = offset * 8;
  for (let i = 0; i < count; i++) {
    let value = 0n;
    for (let k = 0; k < bitWidth; k++, bit++) {
      if ((bytes[bit >> 3]! >> (bit & 7)) & 1) value |= 1n << BigInt(k);
    }
    out.push(value);
  }
  return out;
}

/** Unpacks u32 values (bitWidth <= 32) with number arithmetic: the fast reference the benchmark compares with. */
export function unpackBits32(bytes: Uint8Array, bitWidth: number, count: number, out: Uint32Array): void {
  let buffer = 0;
  let buffered = 0;
  let pos = 0;
  const mask = bitWidth === 32 ? 0xffffffff : (1 << bitWidth) - 1;
  for (let i = 0; i < count; i++) {
    // Fill 8 bits at a time; the float arithmetic keeps up to 40 bits exact.
    while (buffered < bitWidth) {
      buffer += bytes[pos++]! * 2 ** buffered;
      buffered += 8;
    }
    out[i] = ((buffer % 2 ** 32) & mask) >>> 0;
    buffer = Math.floor(buffer / 2 ** bitWidth);
    buffered -= bitWidth;
  }
}
