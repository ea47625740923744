// References for the value-level kernels: spreads, PLAIN byte arrays, dictionary gathers, BYTE_STREAM_SPLIT,
// DELTA_BYTE_ARRAY (Encodings.md sections of the same names).

import { getBit } from './bitmap.js';

/** spreadFixed: dense values into validity slots, nulls zeroed. */
export function spreadFixedReference(
  dense: Uint8Array,
  validity: Uint8Array,
  bitOffset: number,
  count: number,
  width: number,
): Uint8Array {
  const out = new Uint8Array(count * width);
  let k = 0;
  for (let i = 0; i < count; i++) {
    if (getBit(validity, bitOffset + i)) out.set(dense.subarray(k * width, ++k * width), i * width);
  }
  return out;
}

/** spreadOffsets: null slots repeat the previous offset. */
export function spreadOffsetsReference(
  dense: Int32Array,
  validity: Uint8Array,
  bitOffset: number,
  count: number,
): Int32Array {
  const out = new Int32Array(count + 1);
  let k = 0;
  out[0] = dense[0]!;
  for (let i = 0; i < count; i++) {
    if (getBit(validity, bitOffset + i)) k++;
    out[i + 1] = dense[k]!;
  }
  return out;
}

/** PLAIN BYTE_ARRAY encoding of `values`. */
export function encodePlainByteArray(values: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(values.reduce((n, v) => n + 4 + v.length, 0));
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const v of values) {
    view.setUint32(pos, v.length, true);
    out.set(v, pos + 4);
    pos += 4 + v.length;
  }
  return out;
}

/** Arrow offsets (from `base`) and concatenated bytes of `values`. */
export function toOffsetsAndBytes(values: readonly Uint8Array[], base = 0): [Int32Array, Uint8Array] {
  const offsets = new Int32Array(values.length + 1);
  offsets[0] = base;
  values.forEach((v, i) => {
    offsets[i + 1] = offsets[i]! + v.length;
  });
  const bytes = new Uint8Array(offsets[values.length]! - base);
  values.forEach((v, i) => {
    bytes.set(v, offsets[i]! - base);
  });
  return [offsets, bytes];
}

/** BYTE_STREAM_SPLIT encoding: byte k of value i goes to stream k at position i. */
export function encodeByteStreamSplit(values: Uint8Array, width: number): Uint8Array {
  const count = values.length / width;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < count; i++) for (let k = 0; k < width; k++) out[k * count + i] = values[i * width + k]!;
  return out;
}

/** BYTE_STREAM_SPLIT decoding. */
export function decodeByteStreamSplit(streams: Uint8Array, width: number, out: Uint8Array): void {
  const count = streams.length / width;
  for (let k = 0; k < width; k++) for (let i = 0; i < count; i++) out[i * width + k] = streams[k * count + i]!;
}

/** Dictionary gather of fixed-width values. */
export function gatherFixedReference(indices: Uint32Array, dict: Uint8Array, width: number, out: Uint8Array): void {
  indices.forEach((index, i) => {
    out.set(dict.subarray(index * width, (index + 1) * width), i * width);
  });
}

/** DELTA_BYTE_ARRAY split of `values` into prefix lengths (shared with the previous value) and suffixes. */
export function splitPrefixes(values: readonly Uint8Array[]): [Int32Array, Int32Array, Uint8Array] {
  const prefixes = new Int32Array(values.length);
  const suffixes: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  values.forEach((v, i) => {
    let p = 0;
    while (p < v.length && p < previous.length && v[p] === previous[p]) p++;
    prefixes[i] = p;
    suffixes.push(v.subarray(p));
    previous = v;
  });
  const [offsets, bytes] = toOffsetsAndBytes(suffixes);
  const lengths = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) lengths[i] = offsets[i + 1]! - offsets[i]!;
  return [prefixes, lengths, bytes];
}
