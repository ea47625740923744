// The raw exports of build/kernels.wasm. Every pointer is a byte offset into `memory`; lengths are in bytes
// unless named `count` (elements). Functions that can meet malformed input return a non-negative result on
// success and a negative KernelStatus on failure; they never read or write outside [ptr, ptr + len).

/** Failure codes returned (as negative numbers) by kernels that validate their input. */
export const KernelStatus = {
  /** The input ended before `count` values were decoded. */
  Truncated: -1,
  /** A value is out of range: a dictionary index past the dictionary, a bit width over 32/64, a bad header. */
  Invalid: -2,
  /** The output would exceed the capacity the caller reserved. */
  Overflow: -3,
} as const;

import type { DataFrameKernels } from './abi_dataframe.js';
import type { ScanKernels } from './abi_scan.js';
import type { WriterKernels } from './abi_writer.js';

export { HashValueKind } from './abi_dataframe.js';

/** Every export of build/kernels.wasm: the reader's, the writer's (abi_writer.ts) and the DataFrame's
 *  (abi_dataframe.ts) kernels of one module. */
export interface KernelExports extends ReaderKernels, WriterKernels, DataFrameKernels, ScanKernels {}

/**
 * The part of a WebAssembly.Memory the kernels' callers use. Declared here rather than as `WebAssembly.Memory`:
 * this interface is in the published declarations, and a consumer compiling without the DOM lib has no
 * `WebAssembly` namespace (@types/node does not declare it), so `tsc` with skipLibCheck false would fail on it.
 */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
}

/** The reader's kernels: decompression, decoding, levels and Dremel assembly. */
export interface ReaderKernels {
  readonly memory: KernelMemory;
  /** First free byte above the module's static data. */
  heapBase(): number;

  /** CRC-32 (IEEE) of `len` bytes, continuing from `crc` (0 to start). Returned as an unsigned 32-bit value. */
  crc32(ptr: number, len: number, crc: number): number;

  /** Unpacks `count` little-endian bit-packed values of `bitWidth` (0..32) bits into u32s at `out`.
   *  The input must hold ceil(count * bitWidth / 8) bytes. */
  bitUnpack32(inPtr: number, bitWidth: number, count: number, outPtr: number): void;

  /** RLE / bit-packed hybrid (Encodings.md "Run Length Encoding / Bit-Packing Hybrid", without the length
   *  prefix) of `bitWidth` (0..32) bits: decodes `count` values into u32s at `out`. Returns bytes consumed, or a
   *  negative KernelStatus. Trailing padding values of the last bit-packed group are ignored. */
  rleHybridDecode(inPtr: number, inLen: number, bitWidth: number, count: number, outPtr: number): number;

  /** Like rleHybridDecode with bitWidth 1, but writes an Arrow-style LSB bitmap starting at bit `bitOffset`
   *  of `outPtr` (booleans with RLE encoding). Returns bytes consumed or a negative KernelStatus. */
  rleHybridDecodeBits(inPtr: number, inLen: number, count: number, outPtr: number, bitOffset: number): number;

  /** Definition levels as an RLE/bit-packed hybrid of `bitWidth` bits (`inLen` bytes at `inPtr`) straight to
   *  validity: sets bit (bitOffset + i) of `outPtr` when level i == maxDef, clears it otherwise. Bit-packed runs
   *  are unpacked into `scratchPtr` (room for `count` u32s). Returns the number of set bits or a negative
   *  KernelStatus. */
  rleHybridToValidity(
    inPtr: number,
    inLen: number,
    bitWidth: number,
    count: number,
    maxDef: number,
    outPtr: number,
    bitOffset: number,
    scratchPtr: number,
  ): number;

  /** Definition levels (u32 at `levelsPtr`) to validity: sets bit (bitOffset + i) of the bitmap at `outPtr` when
   *  levels[i] == maxDef, clears it otherwise. Returns the number of set bits (non-null values). */
  defLevelsToValidity(levelsPtr: number, count: number, maxDef: number, outPtr: number, bitOffset: number): number;

  /** Copies `width`-byte values from dense `densePtr` to the positions of set bits [bitOffset, bitOffset+count)
   *  of the bitmap at `validityPtr`, writing `count` slots at `outPtr`; null slots are zero-filled. */
  spreadFixed(
    densePtr: number,
    validityPtr: number,
    bitOffset: number,
    count: number,
    width: number,
    outPtr: number,
  ): void;

  /** Spreads a dense run of bits (the non-null booleans, LSB first, starting at bit `denseBitOffset`) into slots
   *  of the bitmap at `outPtr` from bit `outBitOffset`, following the validity bitmap; null slots become 0. */
  spreadBits(
    densePtr: number,
    denseBitOffset: number,
    validityPtr: number,
    bitOffset: number,
    count: number,
    outPtr: number,
    outBitOffset: number,
  ): void;

  /** Copies `count` bits from bit `srcBitOffset` of `srcPtr` to bit `dstBitOffset` of `dstPtr` (LSB first). */
  copyBits(srcPtr: number, srcBitOffset: number, dstPtr: number, dstBitOffset: number, count: number): void;

  /** Spreads dense Arrow i32 offsets (denseCount + 1 entries) to `count` slots: null slots repeat the previous
   *  offset, so they are empty strings. Writes count + 1 offsets at `outPtr`. */
  spreadOffsets(denseOffsetsPtr: number, validityPtr: number, bitOffset: number, count: number, outPtr: number): void;

  /** PLAIN BYTE_ARRAY (4-byte little-endian length, then bytes, repeated): writes `count` + 1 i32 offsets at
   *  `offsetsPtr` (the first one = `baseOffset`) and the concatenated bytes at `bytesPtr` (capacity inLen).
   *  Returns bytes consumed or a negative KernelStatus. */
  plainByteArrayDecode(
    inPtr: number,
    inLen: number,
    count: number,
    offsetsPtr: number,
    bytesPtr: number,
    baseOffset: number,
  ): number;

  /** plainByteArrayDecode with the bytes moved to the front of the input itself (at `inPtr`), overwriting it:
   *  no second buffer of the page's size. Returns bytes consumed or a negative KernelStatus. */
  plainByteArrayCompact(inPtr: number, inLen: number, count: number, offsetsPtr: number, baseOffset: number): number;

  /** Dictionary gather for fixed-width values: out[i] = dict[indices[i]] with `width` bytes per value
   *  (1, 2, 4, 8, 12, 16 or any other width). Returns 0, or KernelStatus.Invalid if an index >= dictCount. */
  dictGatherFixed(
    indicesPtr: number,
    count: number,
    dictPtr: number,
    dictCount: number,
    width: number,
    outPtr: number,
  ): number;

  /** Dictionary gather for byte arrays, pass 1: writes count + 1 i32 offsets at `outOffsetsPtr` starting from
   *  `baseOffset`, from the dictionary's offsets (dictCount + 1 entries). Returns the total byte length of the
   *  gathered values, or KernelStatus.Invalid if an index >= dictCount. */
  dictGatherBytesOffsets(
    indicesPtr: number,
    count: number,
    dictOffsetsPtr: number,
    dictCount: number,
    outOffsetsPtr: number,
    baseOffset: number,
  ): number;

  /** Dictionary gather for byte arrays, pass 2: copies the bytes of each value (indices already validated by pass
   *  1) to `outBytesPtr` back to back. */
  dictGatherBytesCopy(
    indicesPtr: number,
    count: number,
    dictOffsetsPtr: number,
    dictBytesPtr: number,
    outBytesPtr: number,
  ): void;

  /** dictGatherBytesCopy moving each value of up to 32 bytes as two 16-byte moves: the caller reserves 32 writable
   *  bytes past the output and 32 readable bytes past the dictionary's bytes. */
  dictGatherBytesCopyWide(
    indicesPtr: number,
    count: number,
    dictOffsetsPtr: number,
    dictBytesPtr: number,
    outBytesPtr: number,
  ): void;

  /** DELTA_BINARY_PACKED (Encodings.md) of 32-bit values: decodes up to `count` values into i32s at `outPtr`
   *  (wrapping arithmetic, as the spec requires). Returns bytes consumed, or a negative KernelStatus. The header's
   *  total count must be >= `count`. */
  deltaBinaryPackedDecode32(inPtr: number, inLen: number, count: number, outPtr: number): number;

  /** DELTA_BINARY_PACKED of 64-bit values into i64s at `outPtr`. Returns bytes consumed or a negative status. */
  deltaBinaryPackedDecode64(inPtr: number, inLen: number, count: number, outPtr: number): number;

  /** Reads the total value count from a DELTA_BINARY_PACKED header (for sizing), or a negative status. */
  deltaBinaryPackedCount(inPtr: number, inLen: number): number;

  /** BYTE_STREAM_SPLIT (Encodings.md): `count` values of `width` bytes, stored as `width` streams of `count`
   *  bytes each, gathered back into `outPtr`. */
  byteStreamSplitDecode(inPtr: number, count: number, width: number, outPtr: number): void;

  /** DELTA_BYTE_ARRAY reconstruction: given prefix lengths and suffix lengths (i32 arrays of `count`) and the
   *  concatenated suffix bytes, writes count + 1 offsets (from `baseOffset`) and the values at `outBytesPtr`
   *  (capacity `outCap`). Returns total bytes written, or a negative status (a prefix longer than the previous
   *  value is Invalid; too little output space is Overflow; suffix bytes shorter than the lengths is Truncated). */
  deltaByteArrayAssemble(
    prefixLensPtr: number,
    suffixLensPtr: number,
    count: number,
    suffixPtr: number,
    suffixLen: number,
    outOffsetsPtr: number,
    outBytesPtr: number,
    outCap: number,
    baseOffset: number,
  ): number;

  /** Converts `count` i32 lengths at `lensPtr` into count + 1 i32 offsets at `outPtr` from `baseOffset`. Returns
   *  the total length, or KernelStatus.Invalid if a length is negative or the sum passes 2^31 - 1. */
  lengthsToOffsets(lensPtr: number, count: number, outPtr: number, baseOffset: number): number;

  /** Snappy raw block decompression (no framing) into `outPtr` with capacity `outCap`. Returns the decompressed
   *  length, or a negative status. */
  snappyDecompress(inPtr: number, inLen: number, outPtr: number, outCap: number): number;

  /** LZ4 block format decompression (no frame) into `outPtr` with capacity `outCap`. Returns the decompressed
   *  length, or a negative status. */
  lz4BlockDecompress(inPtr: number, inLen: number, outPtr: number, outCap: number): number;

  /** ZSTD (RFC 8878) decompression of whole frames (skippable frames skipped, no dictionaries) into `outPtr`,
   *  writing at most `outLen` bytes; both buffers need zstdSlack() spare bytes past their end. Returns the bytes
   *  produced, or a negative ZSTD status (src/parquet/codecs/zstd.ts lists them). */
  zstdDecompress(inPtr: number, inLen: number, outPtr: number, outLen: number): number;

  /** Input offset where the last failing zstdDecompress call stopped (frame, block or section start). */
  zstdErrorOffset(): number;

  /** Spare bytes zstdDecompress needs past its input and its output. */
  zstdSlack(): number;

  /** Dremel assembly for one Arrow node (assembly/dremel.ts): the level entries with definition >= `slotDef` and
   *  repetition <= `slotRep` are the node's slots; a slot is valid when its definition level is >= `validDef`
   *  (validity bits written from `bitOffset` at `validityPtr`, unless it is 0). For a list (`elemRep` > 0), writes
   *  slots + 1 i32 offsets at `offsetsPtr`, counting entries of definition >= `elemDef` that are slots or repeat at
   *  `elemRep`. Levels are u8; `repPtr` 0 means all repetition levels are 0. Writes [valid, elements] (u32) at
   *  `countsPtr`. Returns the slot count, or KernelStatus.Invalid if an entry repeats an empty list. */
  levelsToSlots(
    repPtr: number,
    defPtr: number,
    count: number,
    slotDef: number,
    slotRep: number,
    validDef: number,
    elemDef: number,
    elemRep: number,
    validityPtr: number,
    bitOffset: number,
    offsetsPtr: number,
    countsPtr: number,
  ): number;

  /** Narrows `count` u32 levels to u8 (saturating at 255). */
  narrowLevels(inPtr: number, count: number, outPtr: number): void;

  /** Validates u8 levels of a leaf: definition <= maxDef, repetition <= maxRep, and repetition r > 0 only where
   *  definition >= u8 at `repDefPtr + r` (the repeated node of level r exists). Returns 0, or -(index + 1) - 16 for
   *  the first bad entry. */
  checkLevels(repPtr: number, defPtr: number, count: number, maxRep: number, maxDef: number, repDefPtr: number): number;
}
