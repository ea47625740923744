// RLE / bit-packed hybrid encoding (Encodings.md "Run Length Encoding / Bit-Packing Hybrid") of levels,
// dictionary indices and booleans, by the kernel in assembly/encode_rle.ts. The three framings the format uses
// (bare, 4-byte length prefix, bit-width byte) are written in place, so the result is copied out of the arena once.
import { ParquetError } from '../../errors.js';
import { checkEncoded, copyInView, withScratch } from './scratch.js';

/** Upper bound of the encoded size of `count` values of `bitWidth` bits (see assembly/encode_rle.ts): at most
 *  floor(count / 8) + 1 groups of bit-packed values, as many RLE runs (5-byte header, up to 4 value bytes) and one
 *  more bit-packed header (5 bytes) than RLE runs. */
export function rleHybridBound(count: number, bitWidth: number): number {
  const groups = Math.floor(count / 8) + 1;
  return groups * bitWidth + groups * 9 + (groups + 1) * 5;
}

type Framing = 'none' | 'length' | 'bitWidth';

function encodeFramed(values: Uint8Array | Int32Array, bitWidth: number, framing: Framing): Uint8Array {
  const maxWidth = values instanceof Uint8Array ? 8 : 32;
  if (!Number.isInteger(bitWidth) || bitWidth < 0 || bitWidth > maxWidth) {
    throw new ParquetError('BAD_ARGUMENT', `RLE hybrid: bit width ${bitWidth} outside 0..${maxWidth}`);
  }
  const count = values.length;
  const prefix = framing === 'length' ? 4 : framing === 'bitWidth' ? 1 : 0;
  return withScratch((a) => {
    const inPtr = copyInView(a, values);
    const cap = rleHybridBound(count, bitWidth);
    const outPtr = a.alloc(prefix + cap);
    const bodyPtr = outPtr + prefix;
    const written =
      values instanceof Uint8Array
        ? a.wasm.rleHybridEncode8(inPtr, count, bitWidth, bodyPtr, cap)
        : a.wasm.rleHybridEncode32(inPtr, count, bitWidth, bodyPtr, cap);
    checkEncoded(written, `RLE hybrid (a value is wider than ${bitWidth} bits)`);
    const out = a.u8().slice(outPtr, bodyPtr + written);
    if (framing === 'length') new DataView(out.buffer).setUint32(0, written, true);
    else if (framing === 'bitWidth') out[0] = bitWidth;
    return out;
  });
}

/**
 * Encodes `values` (each < 2^bitWidth) as RLE / bit-packed hybrid runs, without the 4-byte length prefix (levels of
 * data pages v2): runs of 8 or more equal values become RLE runs, the rest bit-packed groups of 8 (at most 504
 * values per run). Levels and booleans come as one byte per value (bitWidth <= 8), dictionary indices as
 * Int32Array (bitWidth <= 32, read as unsigned).
 */
export function encodeRleHybrid(values: Uint8Array | Int32Array, bitWidth: number): Uint8Array {
  return encodeFramed(values, bitWidth, 'none');
}

/** encodeRleHybrid preceded by its byte length as a 4-byte little-endian integer: levels of data pages v1, and
 *  RLE-encoded booleans (Encodings.md "Run Length Encoding / Bit-Packing Hybrid": `rle-encoded-data` with
 *  `length`). */
export function encodeRleHybridWithLength(values: Uint8Array | Int32Array, bitWidth: number): Uint8Array {
  return encodeFramed(values, bitWidth, 'length');
}

/** RLE-encoded BOOLEAN values of a data page (Encodings.md "RLE": the 4-byte length prefix, in v1 and v2 pages
 *  alike). `values` holds one byte, 0 or 1, per value. */
export function encodeRleBooleans(values: Uint8Array): Uint8Array {
  return encodeFramed(values, 1, 'length');
}

/** Bit width of dictionary indices for a dictionary of `size` entries (indices 0 .. size - 1). */
export function dictionaryIndexBitWidth(size: number): number {
  return size <= 1 ? 0 : 32 - Math.clz32(size - 1);
}

/** The values section of an RLE_DICTIONARY data page (Encodings.md "Dictionary Encoding"): one byte with the bit
 *  width of the indices, then the indices RLE / bit-packed hybrid encoded. */
export function encodeDictionaryIndices(indices: Int32Array, dictionarySize: number): Uint8Array {
  return encodeFramed(indices, dictionaryIndexBitWidth(dictionarySize), 'bitWidth');
}
