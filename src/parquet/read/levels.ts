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

/** The byte length of data page v1 RLE levels at `ptr` (its 4-byte prefix), checked against the `available` bytes. */
function rleLevelsLength(arena: Arena, ptr: number, available: number): number {
  if (available < 4) throw new ParquetError('BAD_PAGE', 'levels length prefix truncated');
  const length = arena.u32At(ptr);
  if (length > available - 4) throw new ParquetError('BAD_PAGE', `levels length ${length} exceeds the page`);
  return length;
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
    const length = rleLevelsLength(arena, ptr, available);
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

/**
 * The definition levels of a data page v1 straight to validity bits: bit (bitOffset + i) of the bitmap at
 * `validityPtr` is set when level i equals `maxDef`. RLE levels are not expanded into one u32 per value first (a
 * page without nulls is one run: a bit fill). Returns the non-null count and the bytes the levels took.
 */
export function defLevelsV1ToValidity(
  arena: Arena,
  encoding: number,
  ptr: number,
  available: number,
  count: number,
  maxDef: number,
  validityPtr: number,
  bitOffset: number,
): { nonNull: number; consumed: number } {
  if (encoding !== Encoding.RLE) {
    const levels = decodeLevelsV1(arena, encoding, ptr, available, count, maxDef);
    const nonNull = arena.wasm.defLevelsToValidity(levels.ptr, count, maxDef, validityPtr, bitOffset);
    return { nonNull, consumed: levels.consumed };
  }
  const length = rleLevelsLength(arena, ptr, available);
  const nonNull = defLevelsV2ToValidity(arena, ptr + 4, length, count, maxDef, validityPtr, bitOffset);
  return { nonNull, consumed: 4 + length };
}

/** The definition levels of a data page v2 (RLE hybrid, exactly `length` bytes) straight to validity bits, as
 *  defLevelsV1ToValidity; returns the non-null count. */
export function defLevelsV2ToValidity(
  arena: Arena,
  ptr: number,
  length: number,
  count: number,
  maxDef: number,
  validityPtr: number,
  bitOffset: number,
): number {
  const scratch = arena.alloc(count * 4);
  const status = arena.wasm.rleHybridToValidity(
    ptr,
    length,
    levelBitWidth(maxDef),
    count,
    maxDef,
    validityPtr,
    bitOffset,
    scratch,
  );
  return checkKernel(status, 'levels');
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
