// Reference encoder and decoder of DELTA_BINARY_PACKED (Encodings.md "Delta Encoding"), in BigInt so INT64
// extremes wrap exactly as the spec requires.

import { packBits, unpackBits } from './bitpack.js';
import { readUleb, uleb, unzigzag, zigzag } from './varint.js';

/** How the encoder lays out blocks; `garbageWidths` writes random bytes as the bit widths of absent miniblocks
 *  and `padding` fills miniblock padding with ones (both allowed by the spec). */
export interface DeltaLayout {
  blockSize: number;
  miniblocks: number;
  bits: 32 | 64;
  garbageWidths?: boolean;
  padding?: boolean;
}

function wrap(value: bigint, bits: number): bigint {
  return BigInt.asIntN(bits, value);
}

/** Encodes `values` (signed, already within `layout.bits`). */
export function encodeDeltaBinaryPacked(values: readonly bigint[], layout: DeltaLayout): Uint8Array {
  const { blockSize, miniblocks, bits } = layout;
  const perMiniblock = blockSize / miniblocks;
  const out: number[] = [
    ...uleb(BigInt(blockSize)),
    ...uleb(BigInt(miniblocks)),
    ...uleb(BigInt(values.length)),
    ...uleb(zigzag(values[0] ?? 0n)),
  ];
  for (let start = 1; start < values.length; start += blockSize) {
    const deltas: bigint[] = [];
    for (let i = start; i < Math.min(start + blockSize, values.length); i++) {
      deltas.push(wrap(values[i]! - values[i - 1]!, bits));
    }
    // biome-ignore lint/complexity/useMathMinMax: bigint values (Math.min takes numbers)
    const minDelta = deltas.reduce((a, b) => (b < a ? b : a));
    const relative = deltas.map((d) => BigInt.asUintN(bits, d - minDelta));
    out.push(...uleb(zigzag(minDelta)));
    const used = Math.ceil(deltas.length / perMiniblock);
    const widths: number[] = [];
    for (let m = 0; m < miniblocks; m++) {
      if (m >= used) {
        widths.push(layout.garbageWidths ? 0x41 + m : 0);
        continue;
      }
      const slice = relative.slice(m * perMiniblock, (m + 1) * perMiniblock);
      widths.push(slice.reduce((w, v) => Math.max(w, v.toString(2).length * (v === 0n ? 0 : 1)), 0));
    }
    out.push(...widths);
    for (let m = 0; m < used; m++) {
      const slice = relative.slice(m * perMiniblock, (m + 1) * perMiniblock);
      const fill = layout.padding ? (1n << BigInt(widths[m]!)) - 1n : 0n;
      while (slice.length < perMiniblock) slice.push(fill);
      out.push(...packBits(slice, widths[m]!));
    }
  }
  return Uint8Array.from(out);
}

/** Decodes `count` values (all of them by default); returns them and the bytes consumed, where the last needed
 *  block ends. */
export function decodeDeltaBinaryPacked(bytes: Uint8Array, bits: 32 | 64, count?: number): [bigint[], number] {
  const [blockSize, p1] = readUleb(bytes, 0);
  const [miniblocks, p2] = readUleb(bytes, p1);
  const [total, p3] = readUleb(bytes, p2);
  const [first, p4] = readUleb(bytes, p3);
  let pos = p4;
  const wanted = count ?? Number(total);
  const perMiniblock = Number(blockSize / miniblocks);
  const values: bigint[] = [];
  if (wanted === 0) return [values, pos];
  let last = wrap(unzigzag(first), bits);
  values.push(last);
  let remainingInStream = Number(total) - 1;
  while (values.length < wanted) {
    let minDelta: bigint;
    [minDelta, pos] = readUleb(bytes, pos);
    minDelta = unzigzag(minDelta);
    const widths = bytes.subarray(pos, pos + Number(miniblocks));
    pos += Number(miniblocks);
    const inBlock = Math.min(Number(blockSize), remainingInStream);
    remainingInStream -= inBlock;
    for (let m = 0; m < Math.ceil(inBlock / perMiniblock); m++) {
      const width = widths[m]!;
      const n = Math.min(perMiniblock, wanted - values.length);
      for (const d of unpackBits(bytes, width, Math.max(n, 0), pos)) {
        last = wrap(last + minDelta + d, bits);
        values.push(last);
      }
      pos += (perMiniblock * width) / 8;
    }
  }
  return [values, Math.min(pos, bytes.length)];
}
