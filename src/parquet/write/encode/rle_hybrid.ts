// RLE / bit-packed hybrid encoding (Encodings.md "Run Length Encoding / Bit-Packing Hybrid") of levels,
// dictionary indices and booleans, by the kernel in assembly/encode_rle.ts.
import { ParquetError } from '../../errors.js';
import { checkEncoded, copyInView, withScratch } from './scratch.js';

/** Upper bound of the encoded size of `count` values of `bitWidth` bits (see assembly/encode_rle.ts): at most
 *  floor(count / 8) + 1 groups of bit-packed values, as many RLE runs (5-byte header, up to 4 value bytes) and one
 *  more bit-packed header (5 bytes) than RLE runs. */
export function rleHybridBound(count: number, bitWidth: number): number {
  const groups = Math.floor(count / 8) + 1;
  return groups * bitWidth + groups * 9 + (groups + 1) * 5;
}

/**
 * Encodes `values` (each < 2^bitWidth) as RLE / bit-packed hybrid runs, without the 4-byte length prefix: runs of
 * 8 or more equal values become RLE runs, the rest bit-packed groups of 8. Levels and booleans come as one byte per
 * value (bitWidth <= 8), dictionary indices as Int32Array.
 */
export function encodeRleHybrid(values: Uint8Array | Int32Array, bitWidth: number): Uint8Array {
  const maxWidth = values instanceof Uint8Array ? 8 : 32;
  if (!Number.isInteger(bitWidth) || bitWidth < 0 || bitWidth > maxWidth) {
    throw new ParquetError('BAD_ARGUMENT', `RLE hybrid: bit width ${bitWidth} outside 0..${maxWidth}`);
  }
  const count = values.length;
  return withScratch((a) => {
    const inPtr = copyInView(a, values);
    const cap = rleHybridBound(count, bitWidth);
    const outPtr = a.alloc(cap);
    const written =
      values instanceof Uint8Array
        ? a.wasm.rleHybridEncode8(inPtr, count, bitWidth, outPtr, cap)
        : a.wasm.rleHybridEncode32(inPtr, count, bitWidth, outPtr, cap);
    checkEncoded(written, `RLE hybrid (a value is wider than ${bitWidth} bits)`);
    return a.u8().slice(outPtr, outPtr + written);
  });
}

/** RLE-encoded BOOLEAN values of a data page (Encodings.md "RLE": booleans carry the 4-byte little-endian length
 *  prefix, in v1 and v2 pages alike). `values` holds one byte, 0 or 1, per value. */
export function encodeRleBooleans(values: Uint8Array): Uint8Array {
  const body = encodeRleHybrid(values, 1);
  const out = new Uint8Array(4 + body.length);
  new DataView(out.buffer).setUint32(0, body.length, true);
  out.set(body, 4);
  return out;
}
