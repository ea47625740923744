// Raw exports of build/kernels.wasm used by the Parquet writer (issue 4): compression, shredding, encoders,
// dictionary building, statistics, hashing and bloom filters. Conventions as in abi.ts.

/** The writer's kernels. */
export interface WriterKernels {
  // Compression for the writer (piece C).

  /** Upper bound of the snappy block size of `n` input bytes (snappy's MaxCompressedLength). */
  snappyMaxCompressedLength(n: number): number;

  /** Snappy raw block compression of [inPtr, inPtr + inLen) into `outPtr` (capacity at least
   *  snappyMaxCompressedLength(inLen) + 16; the input readable 16 bytes past its end). Returns the block length,
   *  or KernelStatus.Invalid for an input past 2^31 - 1 bytes. */
  snappyCompress(inPtr: number, inLen: number, outPtr: number): number;

  /** Upper bound of the LZ4 block size of `n` input bytes (LZ4_COMPRESSBOUND). */
  lz4MaxCompressedLength(n: number): number;

  /** LZ4 block compression of [inPtr, inPtr + inLen) into `outPtr` (capacity at least lz4MaxCompressedLength(inLen)
   *  + 16; the input readable 16 bytes past its end). Returns the block length, or KernelStatus.Invalid for an
   *  input past 2^31 - 1 bytes. */
  lz4BlockCompress(inPtr: number, inLen: number, outPtr: number): number;

  /** Writer, flat optional column (assembly/shred.ts): validity bits [bitOffset, bitOffset + count) to definition
   *  levels 0/1 (u8 at `defOut`) and the indexes of valid slots (i32 at `positionsOut`, capacity count; 0: not
   *  wanted). Returns the number of valid slots. */
  shredFlatOptional(
    validityPtr: number,
    bitOffset: number,
    count: number,
    defOut: number,
    positionsOut: number,
  ): number;

  /** Writer, one optional (`increment` 1) or required (0) node: live entries (index >= 0) whose validity bit
   *  (bitOffset + index; `validityPtr` 0: all valid) is set gain `increment` definition levels; null ones end
   *  (index -1). In place allowed. Returns 0, or -(i + 1) for the first null entry i of a required node. */
  shredNullable(
    defIn: number,
    idxIn: number,
    count: number,
    validityPtr: number,
    bitOffset: number,
    increment: number,
    defOut: number,
    idxOut: number,
  ): number;

  /** Writer: the number of entries one list level expands `count` entries into (i32 list offsets at
   *  `offsetsPtr`), or -1 if a live entry's offsets decrease or leave [0, childLength]. */
  shredListLength(idxIn: number, count: number, offsetsPtr: number, childLength: number): number;

  /** Writer: expands entries through one list level (one entry per element, repeating at `elemRep` after the
   *  first, one more definition level; empty lists and ended entries stay single ended entries). `repIn` 0: all
   *  repetition levels are 0. The outputs hold shredListLength entries. */
  shredListExpand(
    defIn: number,
    repIn: number,
    idxIn: number,
    count: number,
    offsetsPtr: number,
    elemRep: number,
    defOut: number,
    repOut: number,
    idxOut: number,
  ): void;

  /** Writer: copies the live indexes (>= 0) of `count` i32 entries to `outPtr`; returns how many. */
  shredPositions(idxIn: number, count: number, outPtr: number): number;
  /** Writer: copies the `width`-byte values of slots whose validity bit (bitOffset + i) is set, back to back, to
   *  `outPtr`. Returns the number of values copied. */
  compactFixed(
    valuesPtr: number,
    validityPtr: number,
    bitOffset: number,
    count: number,
    width: number,
    outPtr: number,
  ): number;

  /** Writer: the byte arrays of valid slots (count + 1 i32 offsets absolute into `dataPtr`) as offsets from 0
   *  (result + 1 of them at `outOffsetsPtr`) and bytes at `outDataPtr`. Returns the number of values. */
  compactBytes(
    offsetsPtr: number,
    dataPtr: number,
    validityPtr: number,
    bitOffset: number,
    count: number,
    outOffsetsPtr: number,
    outDataPtr: number,
  ): number;

  // Writer encoders (issue 4, piece E). Each writes into caller-reserved memory and returns the bytes written, or
  // a negative KernelStatus (Overflow when `outCap` is too small, Invalid for bad arguments).

  /** Packs `count` u32 values of `bitWidth` (0..32) bits at `inPtr` into ceil(count * bitWidth / 8) bytes at
   *  `outPtr`, LSB first (the bit packing of Encodings.md). */
  bitPack32(inPtr: number, bitWidth: number, count: number, outPtr: number): void;

  /** RLE / bit-packed hybrid encoding, without the length prefix, of `count` u8 values (`bitWidth` 0..8): runs of
   *  8+ equal values become RLE runs, the rest bit-packed runs. Invalid if a value is wider than `bitWidth`. */
  rleHybridEncode8(inPtr: number, count: number, bitWidth: number, outPtr: number, outCap: number): number;

  /** rleHybridEncode8 over u32 values (`bitWidth` 0..32): dictionary indices. */
  rleHybridEncode32(inPtr: number, count: number, bitWidth: number, outPtr: number, outCap: number): number;

  /** DELTA_BINARY_PACKED encoding of `count` i32 values (blocks of 128, 4 miniblocks; wrapping deltas). */
  deltaBinaryPackedEncode32(inPtr: number, count: number, outPtr: number, outCap: number): number;

  /** DELTA_BINARY_PACKED encoding of `count` i64 values. */
  deltaBinaryPackedEncode64(inPtr: number, count: number, outPtr: number, outCap: number): number;

  /** Writes the `count` lengths of byte arrays with i32 offsets at `offsetsPtr` (count + 1) as i32s at `outPtr`.
   *  Returns their sum, or Invalid if an offset goes backwards. */
  byteArrayLengths(offsetsPtr: number, count: number, outPtr: number): number;

  /** DELTA_BYTE_ARRAY split: for each value, the length of the prefix shared with the previous value (i32 at
   *  `prefixPtr`), the suffix length (i32 at `suffixLenPtr`), and the suffix bytes back to back at `suffixPtr`
   *  (capacity `suffixCap`). Byte arrays (`width` 0): offsets at `offsetsPtr`, `baseOffset` being the offset of
   *  the byte at `dataPtr`; fixed-width values (`width` > 0) back to back at `dataPtr`. Returns suffix bytes. */
  deltaByteArraySplit(
    offsetsPtr: number,
    dataPtr: number,
    baseOffset: number,
    count: number,
    width: number,
    prefixPtr: number,
    suffixLenPtr: number,
    suffixPtr: number,
    suffixCap: number,
  ): number;

  /** Packs `count` booleans (one byte each, nonzero = true) into ceil(count / 8) bytes, LSB first. */
  packBooleans(inPtr: number, count: number, outPtr: number): void;

  /** PLAIN BYTE_ARRAY encoding (4-byte LE length, then the bytes) of `count` values with offsets at `offsetsPtr`
   *  (count + 1), `baseOffset` being the offset of the byte at `dataPtr`. Returns bytes written. */
  plainByteArrayEncode(
    offsetsPtr: number,
    count: number,
    dataPtr: number,
    baseOffset: number,
    outPtr: number,
    outCap: number,
  ): number;

  /** BYTE_STREAM_SPLIT encoding: scatters `count` values of `width` bytes into `width` streams of `count` bytes. */
  byteStreamSplitEncode(inPtr: number, count: number, width: number, outPtr: number): void;
  // Writer: dictionary building, statistics, hashing, bloom filters.

  /** Dictionary of `count` values of `width` bytes: open addressing over at most 2^tableBits slots (>= 16; 16
   *  bytes each for width 8, else 8) at `tablePtr`, more than twice `maxDistinct`. Writes i32 indices
   *  (first-occurrence order) at `indicesPtr` and the distinct values at `dictPtr` (capacity min(count,
   *  maxDistinct) values). Returns the distinct count, or KernelStatus.Overflow once it would pass `maxDistinct`. */
  dictBuildFixed(
    inPtr: number,
    count: number,
    width: number,
    tablePtr: number,
    tableBits: number,
    maxDistinct: number,
    indicesPtr: number,
    dictPtr: number,
  ): number;

  /** Like dictBuildFixed for `count` integers (i32 for width 4, i64 for width 8) all in [lo, lo + span), through
   *  a direct map of `span` u32 slots at `mapPtr` instead of a hash table. */
  dictBuildRange(
    inPtr: number,
    count: number,
    width: number,
    lo: bigint,
    span: number,
    mapPtr: number,
    maxDistinct: number,
    indicesPtr: number,
    dictPtr: number,
  ): number;

  /** Dictionary of `count` byte arrays (i32 offsets relative to `base` into the data at `dataPtr`): at most
   *  2^tableBits (>= 16) slots of 8 bytes at `tablePtr`, more than twice maxPlainBytes / 4. Writes i32 indices at
   *  `indicesPtr`, the dictionary's distinct + 1 offsets (from 0) at `dictOffsetsPtr` and its bytes at `dictDataPtr` (capacity
   *  min(maxPlainBytes, value bytes)). Returns the distinct count, or KernelStatus.Overflow once the dictionary's
   *  PLAIN size would pass `maxPlainBytes`. */
  dictBuildBytes(
    offsetsPtr: number,
    count: number,
    dataPtr: number,
    base: number,
    tablePtr: number,
    tableBits: number,
    maxPlainBytes: number,
    indicesPtr: number,
    dictOffsetsPtr: number,
    dictDataPtr: number,
  ): number;

  /** Min and max of `count` (>= 1) i32s, signed or unsigned, written as two i32 at `outPtr` (32 bytes scratch). */
  minMaxInt32(ptr: number, count: number, unsigned: number, outPtr: number): void;
  /** Min and max of `count` (>= 1) i64s, signed or unsigned, written as two i64 at `outPtr`. */
  minMaxInt64(ptr: number, count: number, unsigned: number, outPtr: number): void;
  /** Min and max of the non-NaN f32s among `count`, written as two f32 at `outPtr`; returns 0 if all are NaN. */
  minMaxFloat32(ptr: number, count: number, outPtr: number): number;
  /** Min and max of the non-NaN f64s among `count`, written as two f64 at `outPtr`; returns 0 if all are NaN. */
  minMaxFloat64(ptr: number, count: number, outPtr: number): number;
  /** Bits of the min and max non-NaN float16 (u16 LE each) at `outPtr`; returns 0 if all are NaN. */
  minMaxFloat16(ptr: number, count: number, outPtr: number): number;
  /** Indices (two i32 at `outPtr`) of the first min and first max of `count` (>= 1) values of `width` bytes,
   *  compared unsigned-lexicographically or (`signed`) as big-endian two's complement. */
  minMaxFixedBytes(ptr: number, count: number, width: number, signed: number, outPtr: number): void;
  /** Like minMaxFixedBytes for byte arrays given by i32 offsets relative to `base` into the data at `dataPtr`. */
  minMaxByteArray(
    offsetsPtr: number,
    count: number,
    dataPtr: number,
    base: number,
    signed: number,
    outPtr: number,
  ): void;

  /** Dictionary entries (two i32 at `outPtr`) of the lowest and highest rank among the entries indices[0..count)
   *  refer to; `ranksPtr` holds one i32 rank per entry of the `dictCount`-entry dictionary (negative: never a
   *  bound). Returns 1, 0 when no entry has a rank, or KernelStatus.Invalid for an index outside the dictionary. */
  minMaxByRank(indicesPtr: number, count: number, ranksPtr: number, dictCount: number, outPtr: number): number;

  /** XXH64 with `seed` of `count` values of `width` bytes each, written as u64s at `outPtr`. */
  xxhash64Fixed(inPtr: number, count: number, width: number, seed: bigint, outPtr: number): void;
  /** XXH64 with `seed` of `count` byte arrays (i32 offsets relative to `base` into `dataLen` bytes at `dataPtr`),
   *  written as u64s at `outPtr`. Returns 0, or KernelStatus.Invalid for offsets that decrease or leave the data. */
  xxhash64Bytes(
    offsetsPtr: number,
    count: number,
    dataPtr: number,
    dataLen: number,
    base: number,
    seed: bigint,
    outPtr: number,
  ): number;

  /** Split-block bloom filter (BloomFilter.md): sets the bits of `count` u64 hashes in `numBlocks` 32-byte blocks. */
  bloomInsert(bitsetPtr: number, numBlocks: number, hashesPtr: number, count: number): void;
  /** Writes one byte per hash at `outPtr`: 1 when it might be in the bitset, 0 when it certainly is not. */
  bloomCheck(bitsetPtr: number, numBlocks: number, hashesPtr: number, count: number, outPtr: number): void;
}
