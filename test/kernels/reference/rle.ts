// Reference encoder and decoder of the RLE / bit-packed hybrid (Encodings.md "Run Length Encoding / Bit-Packing
// Hybrid", encoded-data without the length prefix).

import { packBits, unpackBits } from './bitpack.js';
import type { Random } from './random.js';
import { readUleb, uleb } from './varint.js';

/** Encodes `values` choosing at random between RLE runs and bit-packed runs (multiples of 8 values, the last one
 *  padded with zeros), so tests see mixed streams. */
export function encodeRleHybrid(values: readonly number[], bitWidth: number, random: Random): Uint8Array {
  const out: number[] = [];
  const valueBytes = Math.ceil(bitWidth / 8);
  let i = 0;
  while (i < values.length) {
    let run = 1;
    while (i + run < values.length && values[i + run] === values[i]) run++;
    if (run >= 2 && random.below(4) !== 0) {
      out.push(...uleb(BigInt(run) << 1n));
      for (let k = 0; k < valueBytes; k++) out.push((values[i]! >>> (8 * k)) & 0xff);
      i += run;
    } else {
      const groups = 1 + random.below(4);
      const chunk = values.slice(i, i + groups * 8).map(BigInt);
      while (chunk.length < groups * 8) chunk.push(0n);
      out.push(...uleb((BigInt(groups) << 1n) | 1n));
      out.push(...packBits(chunk, bitWidth));
      i += groups * 8;
    }
  }
  return Uint8Array.from(out);
}

/** Decodes `count` values; returns them and the bytes consumed (the last bit-packed run as far as present). */
export function decodeRleHybrid(bytes: Uint8Array, bitWidth: number, count: number): [number[], number] {
  const out: number[] = [];
  let pos = 0;
  while (out.length < count) {
    const [header, next] = readUleb(bytes, pos);
    pos = next;
    if (header & 1n) {
      const runValues = Number(header >> 1n) * 8;
      const n = Math.min(runValues, count - out.length);
      for (const v of unpackBits(bytes, bitWidth, n, pos)) out.push(Number(v));
      pos = Math.min(bytes.length, pos + (runValues * bitWidth) / 8);
    } else {
      let value = 0;
      for (let k = 0; k < Math.ceil(bitWidth / 8); k++) value += bytes[pos++]! * 2 ** (8 * k);
      const n = Math.min(Number(header >> 1n), count - out.length);
      for (let k = 0; k < n; k++) out.push(value);
    }
  }
  return [out, pos];
}
