// ULEB128 and zigzag (Encodings.md: varint-encode, DELTA_BINARY_PACKED header), for reference encoders.

/** ULEB128 bytes of a non-negative value. */
export function uleb(value: bigint): number[] {
  const out: number[] = [];
  let v = value;
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}

/** Zigzag of a signed 64-bit value. */
export function zigzag(value: bigint): bigint {
  return BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
}

/** Reads a ULEB128 at `pos`; returns the value and the position after it. */
export function readUleb(bytes: Uint8Array, pos: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    const byte = bytes[pos++];
    if (byte === undefined) throw new Error('truncated varint');
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value, pos];
    shift += 7n;
  }
}

/** Undoes zigzag. */
export function unzigzag(value: bigint): bigint {
  return (value >> 1n) ^ -(value & 1n);
}
