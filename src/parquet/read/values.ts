// Decodes the values section of a page into dense (non-null only) values in kernel memory, for every encoding of
// Encodings.md. Byte arrays come out as Arrow offsets (starting at a caller-given base) + bytes; booleans as an
// LSB-first bitmap; everything else as fixed-width little-endian values.
import type { Arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';
import { Encoding, Type } from '../metadata/enums.js';
import { checkKernel } from './kernel_status.js';

/** Physical layout of a column's values. */
export interface ValueLayout {
  readonly physicalType: number;
  /** Bytes per value for fixed-width types; 0 for BYTE_ARRAY and BOOLEAN. */
  readonly width: number;
}

/** A decoded dictionary page, kept in kernel memory for the data pages of its chunk. */
export interface Dictionary {
  readonly count: number;
  /** Fixed-width values, or BOOLEAN bits. */
  readonly valuesPtr: number;
  /** BYTE_ARRAY: count + 1 i32 offsets from 0, and the bytes. */
  readonly offsetsPtr: number;
  readonly bytesPtr: number;
}

/** Dense values of one page in kernel memory. */
export interface DenseValues {
  /** Fixed-width values, or the boolean bitmap (from bit 0). */
  readonly valuesPtr: number;
  /** BYTE_ARRAY: count + 1 offsets, the first being the base passed in. */
  readonly offsetsPtr: number;
  readonly bytesPtr: number;
  /** BYTE_ARRAY: total bytes of the values. */
  readonly bytesLength: number;
}

/** Width in bytes of a fixed-width physical type (0 for BYTE_ARRAY and BOOLEAN). */
export function physicalWidth(physicalType: number, typeLength: number): number {
  switch (physicalType) {
    case Type.INT32:
    case Type.FLOAT:
      return 4;
    case Type.INT64:
    case Type.DOUBLE:
      return 8;
    case Type.INT96:
      return 12;
    case Type.FIXED_LEN_BYTE_ARRAY:
      return typeLength;
    default:
      return 0;
  }
}

/**
 * Decodes `count` values encoded with `encoding` from `len` bytes at `ptr`. Byte-array offsets start at `base`
 * (the bytes already in the column), so that they can be copied out as final Arrow offsets.
 */
export function decodeValues(
  arena: Arena,
  layout: ValueLayout,
  encoding: number,
  ptr: number,
  len: number,
  count: number,
  base: number,
  dictionary: Dictionary | undefined,
): DenseValues {
  switch (encoding) {
    case Encoding.PLAIN:
      return decodePlain(arena, layout, ptr, len, count, base);
    case Encoding.PLAIN_DICTIONARY:
    case Encoding.RLE_DICTIONARY:
      if (!dictionary) throw new ParquetError('BAD_PAGE', 'dictionary-encoded page without a dictionary page');
      return decodeDictionary(arena, layout, ptr, len, count, base, dictionary);
    case Encoding.RLE:
      if (layout.physicalType !== Type.BOOLEAN) throw badEncoding('RLE', layout);
      return decodeRleBooleans(arena, ptr, len, count);
    case Encoding.DELTA_BINARY_PACKED:
      return decodeDeltaBinaryPacked(arena, layout, ptr, len, count);
    case Encoding.DELTA_LENGTH_BYTE_ARRAY:
      if (layout.physicalType !== Type.BYTE_ARRAY) throw badEncoding('DELTA_LENGTH_BYTE_ARRAY', layout);
      return decodeDeltaLength(arena, ptr, len, count, base);
    case Encoding.DELTA_BYTE_ARRAY:
      return decodeDeltaByteArray(arena, layout, ptr, len, count, base);
    case Encoding.BYTE_STREAM_SPLIT: {
      if (layout.width === 0) throw badEncoding('BYTE_STREAM_SPLIT', layout);
      need(len, count * layout.width, 'BYTE_STREAM_SPLIT values');
      const out = arena.alloc(count * layout.width);
      arena.wasm.byteStreamSplitDecode(ptr, count, layout.width, out);
      return fixed(out);
    }
    default:
      throw new ParquetError('BAD_ENCODING', `unsupported value encoding ${encoding}`);
  }
}

/** Decodes a dictionary page body (PLAIN values; PLAIN_DICTIONARY is a legacy alias). */
export function decodeDictionaryPage(
  arena: Arena,
  layout: ValueLayout,
  ptr: number,
  len: number,
  count: number,
): Dictionary {
  const dense = decodePlain(arena, layout, ptr, len, count, 0);
  return { count, valuesPtr: dense.valuesPtr, offsetsPtr: dense.offsetsPtr, bytesPtr: dense.bytesPtr };
}

function decodePlain(
  arena: Arena,
  layout: ValueLayout,
  ptr: number,
  len: number,
  count: number,
  base: number,
): DenseValues {
  if (layout.physicalType === Type.BOOLEAN) {
    need(len, Math.ceil(count / 8), 'PLAIN booleans');
    return fixed(ptr);
  }
  if (layout.physicalType === Type.BYTE_ARRAY) {
    // The bytes are compacted over the page's own memory (decompressed or read for this page alone, and read once),
    // instead of into a second buffer of the page's size.
    const offsets = arena.alloc((count + 1) * 4);
    checkKernel(arena.wasm.plainByteArrayCompact(ptr, len, count, offsets, base), 'PLAIN byte arrays');
    const end = arena.view(Int32Array, offsets + count * 4, 1)[0]!;
    return { valuesPtr: 0, offsetsPtr: offsets, bytesPtr: ptr, bytesLength: end - base };
  }
  need(len, count * layout.width, 'PLAIN values');
  return fixed(ptr);
}

function decodeDictionary(
  arena: Arena,
  layout: ValueLayout,
  ptr: number,
  len: number,
  count: number,
  base: number,
  dict: Dictionary,
): DenseValues {
  if (count === 0) return emptyValues(arena, base);
  if (len < 1) throw new ParquetError('BAD_ENCODING', 'dictionary indices: missing bit width');
  const bitWidth = arena.u8()[ptr]!;
  if (bitWidth > 32) throw new ParquetError('BAD_ENCODING', `dictionary indices: bit width ${bitWidth}`);
  const indices = arena.alloc(count * 4);
  checkKernel(arena.wasm.rleHybridDecode(ptr + 1, len - 1, bitWidth, count, indices), 'dictionary indices');
  if (layout.physicalType === Type.BYTE_ARRAY) {
    const offsets = arena.alloc((count + 1) * 4);
    const total = checkKernel(
      arena.wasm.dictGatherBytesOffsets(indices, count, dict.offsetsPtr, dict.count, offsets, base),
      'dictionary index',
    );
    // 32 spare bytes for the wide moves; the 32 bytes they may read past the dictionary's bytes lie below this
    // allocation, in memory allocated after the dictionary.
    const bytes = arena.alloc(total + 32);
    arena.wasm.dictGatherBytesCopyWide(indices, count, dict.offsetsPtr, dict.bytesPtr, bytes);
    return { valuesPtr: 0, offsetsPtr: offsets, bytesPtr: bytes, bytesLength: total };
  }
  if (layout.physicalType === Type.BOOLEAN) {
    throw new ParquetError('BAD_ENCODING', 'dictionary encoding of BOOLEAN values is not valid');
  }
  const out = arena.alloc(count * layout.width);
  checkKernel(
    arena.wasm.dictGatherFixed(indices, count, dict.valuesPtr, dict.count, layout.width, out),
    'dictionary index',
  );
  return fixed(out);
}

/**
 * Decodes the dictionary indices of a dictionary-encoded page (bit width byte, then the RLE/bit-packed hybrid) into
 * `count` int32 in the arena, checked to lie within a dictionary of `dictionaryCount` values; returns their pointer.
 */
export function decodeDictionaryIndices(
  arena: Arena,
  ptr: number,
  len: number,
  count: number,
  dictionaryCount: number,
): number {
  const indices = arena.alloc(count * 4 + 8);
  if (count === 0) return indices;
  if (len < 1) throw new ParquetError('BAD_ENCODING', 'dictionary indices: missing bit width');
  const bitWidth = arena.u8()[ptr]!;
  if (bitWidth > 32) throw new ParquetError('BAD_ENCODING', `dictionary indices: bit width ${bitWidth}`);
  checkKernel(arena.wasm.rleHybridDecode(ptr + 1, len - 1, bitWidth, count, indices), 'dictionary indices');
  const range = indices + count * 4;
  arena.wasm.minMaxInt32Valid(indices, count, 0, range);
  const [min, max] = arena.view(Int32Array, range, 2);
  if (min! < 0 || max! >= dictionaryCount) {
    throw new ParquetError('BAD_ENCODING', `dictionary index ${min! < 0 ? min : max} out of ${dictionaryCount}`);
  }
  return indices;
}

function decodeRleBooleans(arena: Arena, ptr: number, len: number, count: number): DenseValues {
  // Encodings.md: RLE-encoded booleans carry the 4-byte length prefix, as levels in v1 pages do.
  need(len, 4, 'RLE booleans length');
  const length = arena.u32At(ptr);
  need(len - 4, length, 'RLE booleans');
  const out = arena.alloc(Math.ceil(count / 8) + 8);
  checkKernel(arena.wasm.rleHybridDecodeBits(ptr + 4, length, count, out, 0), 'RLE booleans');
  return fixed(out);
}

function decodeDeltaBinaryPacked(
  arena: Arena,
  layout: ValueLayout,
  ptr: number,
  len: number,
  count: number,
): DenseValues {
  if (layout.physicalType === Type.INT32) {
    const out = arena.alloc(count * 4);
    checkKernel(arena.wasm.deltaBinaryPackedDecode32(ptr, len, count, out), 'DELTA_BINARY_PACKED');
    return fixed(out);
  }
  if (layout.physicalType === Type.INT64) {
    const out = arena.alloc(count * 8);
    checkKernel(arena.wasm.deltaBinaryPackedDecode64(ptr, len, count, out), 'DELTA_BINARY_PACKED');
    return fixed(out);
  }
  throw badEncoding('DELTA_BINARY_PACKED', layout);
}

/** DELTA_LENGTH_BYTE_ARRAY: the lengths (delta binary packed), then all the bytes back to back. */
function decodeDeltaLength(arena: Arena, ptr: number, len: number, count: number, base: number): DenseValues {
  const lengths = arena.alloc(count * 4);
  const used = checkKernel(
    arena.wasm.deltaBinaryPackedDecode32(ptr, len, count, lengths),
    'DELTA_LENGTH_BYTE_ARRAY lengths',
  );
  const offsets = arena.alloc((count + 1) * 4);
  const total = checkKernel(
    arena.wasm.lengthsToOffsets(lengths, count, offsets, base),
    'DELTA_LENGTH_BYTE_ARRAY lengths',
  );
  need(len - used, total, 'DELTA_LENGTH_BYTE_ARRAY bytes');
  return { valuesPtr: 0, offsetsPtr: offsets, bytesPtr: ptr + used, bytesLength: total };
}

/** DELTA_BYTE_ARRAY: prefix lengths, then suffixes as DELTA_LENGTH_BYTE_ARRAY; each value is a prefix of the
 *  previous value plus its suffix. Valid for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY. */
function decodeDeltaByteArray(
  arena: Arena,
  layout: ValueLayout,
  ptr: number,
  len: number,
  count: number,
  base: number,
): DenseValues {
  const isFixed = layout.physicalType === Type.FIXED_LEN_BYTE_ARRAY;
  if (layout.physicalType !== Type.BYTE_ARRAY && !isFixed) throw badEncoding('DELTA_BYTE_ARRAY', layout);
  const prefixes = arena.alloc(count * 4);
  const used1 = checkKernel(
    arena.wasm.deltaBinaryPackedDecode32(ptr, len, count, prefixes),
    'DELTA_BYTE_ARRAY prefixes',
  );
  const suffixes = arena.alloc(count * 4);
  const used2 = checkKernel(
    arena.wasm.deltaBinaryPackedDecode32(ptr + used1, len - used1, count, suffixes),
    'DELTA_BYTE_ARRAY suffix lengths',
  );
  let total = 0;
  const p = arena.view(Int32Array, prefixes, count);
  const s = arena.view(Int32Array, suffixes, count);
  for (let i = 0; i < count; i++) total += p[i]! + s[i]!;
  if (!(total >= 0) || total > 0x7fffffff) throw new ParquetError('BAD_ENCODING', 'DELTA_BYTE_ARRAY lengths invalid');
  const offsets = arena.alloc((count + 1) * 4);
  const bytes = arena.alloc(total);
  const suffixStart = ptr + used1 + used2;
  const written = checkKernel(
    arena.wasm.deltaByteArrayAssemble(
      prefixes,
      suffixes,
      count,
      suffixStart,
      len - used1 - used2,
      offsets,
      bytes,
      total,
      isFixed ? 0 : base,
    ),
    'DELTA_BYTE_ARRAY',
  );
  if (isFixed) {
    if (written !== count * layout.width) {
      throw new ParquetError('BAD_ENCODING', `DELTA_BYTE_ARRAY values are not ${layout.width} bytes each`);
    }
    return fixed(bytes);
  }
  return { valuesPtr: 0, offsetsPtr: offsets, bytesPtr: bytes, bytesLength: written };
}

function emptyValues(arena: Arena, base: number): DenseValues {
  const offsets = arena.alloc(4);
  arena.view(Int32Array, offsets, 1)[0] = base;
  return { valuesPtr: offsets, offsetsPtr: offsets, bytesPtr: offsets, bytesLength: 0 };
}

function fixed(ptr: number): DenseValues {
  return { valuesPtr: ptr, offsetsPtr: 0, bytesPtr: 0, bytesLength: 0 };
}

function need(have: number, want: number, what: string): void {
  if (want > have) throw new ParquetError('BAD_ENCODING', `${what}: need ${want} bytes, page has ${have}`);
}

function badEncoding(name: string, layout: ValueLayout): ParquetError {
  return new ParquetError('BAD_ENCODING', `encoding ${name} is not valid for physical type ${layout.physicalType}`);
}
