// Repetition and definition levels of a data page (Encodings.md: RLE/bit-packed hybrid, and the deprecated
// BIT_PACKED encoding that packs from the most significant bit).
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { Encoding } from '../metadata/enums.js';
import { checkKernel } from './kernel_status.js';

/** Bits needed to store levels up to `maxLevel`. */
export function levelBitWidth(maxLevel: number): number {
  return maxLevel === 0 ? 0 : 32 - Math.clz32(maxLevel);
}

/** Decoded levels: u32 values in the arena, and the bytes they took in the page. */
export interface Levels {
  readonly ptr: number;
  readonly consumed: number;
}

/**
 * Decodes `count` levels of a data page v1 at `ptr` (`available` bytes): RLE with its 4-byte length prefix, or
 * the legacy BIT_PACKED encoding.
 */
export function decodeLevelsV1(
  arena: Arena,
  encoding: number,
  ptr: number,
  available: number,
  count: number,
  maxLevel: number,
): Levels {
  const bitWidth = levelBitWidth(maxLevel);
  const out = arena.alloc(count * 4);
  if (encoding === Encoding.RLE) {
    if (available < 4) throw new ParquetError('BAD_PAGE', 'levels length prefix truncated');
    const length = arena.u32At(ptr);
    if (length > available - 4) throw new ParquetError('BAD_PAGE', `levels length ${length} exceeds the page`);
    checkKernel(arena.wasm.rleHybridDecode(ptr + 4, length, bitWidth, count, out), 'levels');
    return { ptr: out, consumed: 4 + length };
  }
  if (encoding === Encoding.BIT_PACKED) {
    const bytes = Math.ceil((count * bitWidth) / 8);
    if (bytes > available) throw new ParquetError('BAD_PAGE', 'bit-packed levels truncated');
    unpackMsbFirst(arena, ptr, bitWidth, count, out);
    return { ptr: out, consumed: bytes };
  }
  throw new ParquetError('BAD_ENCODING', `unsupported level encoding ${encoding}`);
}

/** Decodes `count` levels of a data page v2 (RLE hybrid, no length prefix, exactly `length` bytes). */
export function decodeLevelsV2(arena: Arena, ptr: number, length: number, count: number, maxLevel: number): number {
  const out = arena.alloc(count * 4);
  checkKernel(arena.wasm.rleHybridDecode(ptr, length, levelBitWidth(maxLevel), count, out), 'levels');
  return out;
}

/** The deprecated BIT_PACKED level encoding: values packed from the most significant bit of each byte. Rare
 *  (old parquet-mr files), so plain TypeScript. */
function unpackMsbFirst(arena: Arena, ptr: number, bitWidth: number, count: number, out: number): void {
  const bytes = arena.view(Uint8Array, ptr, Math.ceil((count * bitWidth) / 8));
  const values = arena.view(Uint32Array, out, count);
  let bit = 0;
  for (let i = 0; i < count; i++) {
    let v = 0;
    for (let b = 0; b < bitWidth; b++, bit++) v = (v << 1) | ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
    values[i] = v;
  }
}
