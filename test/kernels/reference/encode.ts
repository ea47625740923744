// Plain-TypeScript references of the writer's encoder kernels (assembly/encode_*.ts), written for clarity: the
// kernels must produce the same bytes. Encodings.md sections: RLE / bit-packing hybrid, Plain, Delta-length byte
// array, Delta Strings, Byte Stream Split.

import { packBits } from './bitpack.js';
import { uleb } from './varint.js';

/** RLE / bit-packed hybrid with the kernel's run choice: a run of equal values first tops up the unfinished group
 *  of 8 pending bit-packed values; if 8 or more values remain (or the run ends the input and no group is
 *  unfinished) they become an RLE run, else the whole run stays bit-packed. Bit-packed runs hold at most 504
 *  values. */
export function encodeRleHybridReference(values: ArrayLike<number>, bitWidth: number): Uint8Array {
  const out: number[] = [];
  const n = values.length;
  let packedStart = 0;
  const flushPacked = (end: number): void => {
    // Runs of at most 63 groups (504 values), so that the header is one byte.
    for (let start = packedStart; start < end; start += 504) {
      const chunk: bigint[] = [];
      for (let k = start; k < Math.min(end, start + 504); k++) chunk.push(BigInt(values[k]!));
      while (chunk.length % 8 !== 0) chunk.push(0n);
      out.push(...uleb((BigInt(chunk.length / 8) << 1n) | 1n), ...packBits(chunk, bitWidth));
    }
  };
  let i = 0;
  while (i < n) {
    let run = 1;
    while (i + run < n && values[i + run] === values[i]) run++;
    const lend = (8 - ((i - packedStart) % 8)) % 8;
    if (run >= lend + 8 || (lend === 0 && i + run === n)) {
      if (i + lend > packedStart) flushPacked(i + lend);
      out.push(...uleb(BigInt(run - lend) << 1n));
      for (let k = 0; k < Math.ceil(bitWidth / 8); k++) out.push(Math.floor(values[i]! / 2 ** (8 * k)) & 0xff);
      packedStart = i + run;
    }
    i += run;
  }
  if (n > packedStart) flushPacked(n);
  return Uint8Array.from(out);
}

/** PLAIN booleans: one bit per value, LSB first. */
export function packBooleansReference(values: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v !== 0) out[i >> 3]! |= 1 << (i & 7);
  });
  return out;
}

/** Byte arrays as a list, from Arrow offsets (absolute, offsets[0] may be > 0) and data. */
export function byteArrayList(offsets: Int32Array, data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) out.push(data.subarray(offsets[i]!, offsets[i + 1]!));
  return out;
}

/** PLAIN byte arrays: a 4-byte little-endian length, then the bytes. */
export function plainByteArrayReference(values: readonly Uint8Array[]): Uint8Array {
  const out: number[] = [];
  for (const v of values)
    out.push(v.length & 0xff, (v.length >> 8) & 0xff, (v.length >> 16) & 0xff, v.length >>> 24, ...v);
  return Uint8Array.from(out);
}

/** DELTA_BYTE_ARRAY split: prefix shared with the previous value, suffix length, concatenated suffixes. */
export function deltaByteArraySplitReference(values: readonly Uint8Array[]): {
  prefixes: number[];
  suffixLengths: number[];
  suffixes: Uint8Array;
} {
  const prefixes: number[] = [];
  const suffixLengths: number[] = [];
  const suffixes: number[] = [];
  let prev: Uint8Array = new Uint8Array(0);
  for (const v of values) {
    let p = 0;
    while (p < v.length && p < prev.length && v[p] === prev[p]) p++;
    prefixes.push(p);
    suffixLengths.push(v.length - p);
    suffixes.push(...v.subarray(p));
    prev = v;
  }
  return { prefixes, suffixLengths, suffixes: Uint8Array.from(suffixes) };
}

/** BYTE_STREAM_SPLIT: byte k of value i at k * count + i. */
export function byteStreamSplitReference(data: Uint8Array, width: number): Uint8Array {
  const count = data.length / width;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < count; i++) for (let k = 0; k < width; k++) out[k * count + i] = data[i * width + k]!;
  return out;
}
