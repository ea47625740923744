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

export interface KernelExports {
  readonly memory: WebAssembly.Memory;
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
  // --- columnar (filter) ---

  /** Writes the positions of the set bits among the first `length` bits of the LSB bitmap at `bitsPtr` (reads
   *  ceil(length / 8) bytes) as ascending i32 at `outPtr`; returns how many. */
  bitmapToIndices(bitsPtr: number, length: number, outPtr: number): number;

  // --- dataframe group-by (hash aggregation) ---

  /** Dense group ids of `count` 4-byte keys (validity bitmap at `validityPtr`, 0 = all valid; nulls form one
   *  group). The table at `tablePtr` holds 2^maxBits 8-byte slots, 2^maxBits >= 2 * count. Writes an i32 id per
   *  row at `idsPtr`, each group's first row at `firstRowPtr` and key at `keysPtr`. Returns the number of groups. */
  groupIdsFixed4(
    inPtr: number,
    count: number,
    validityPtr: number,
    tablePtr: number,
    maxBits: number,
    idsPtr: number,
    firstRowPtr: number,
    keysPtr: number,
  ): number;
  /** Like groupIdsFixed4 for 8-byte keys (16-byte table slots, 8-byte keys at `keysPtr`). */
  groupIdsFixed8(
    inPtr: number,
    count: number,
    validityPtr: number,
    tablePtr: number,
    maxBits: number,
    idsPtr: number,
    firstRowPtr: number,
    keysPtr: number,
  ): number;
  /** Group ids of byte-array keys (i32 offsets relative to `base`, trusted); 8-byte table slots; `hashesPtr`
   *  receives each group's xxh64 (capacity `count` u64). Returns the number of groups. */
  groupIdsBytes(
    offsetsPtr: number,
    count: number,
    dataPtr: number,
    base: number,
    validityPtr: number,
    tablePtr: number,
    maxBits: number,
    idsPtr: number,
    firstRowPtr: number,
    hashesPtr: number,
  ): number;
  /** First rows of the distinct pairs of dense ids (a < na, b < nb) via a zeroed bitmap of na * nb bits; rows with
   *  a clear validity bit (`validityPtr`, 0 = none) are skipped. Returns how many rows were written at `outRowsPtr`. */
  distinctPairsDense(
    aPtr: number,
    bPtr: number,
    count: number,
    nb: number,
    validityPtr: number,
    bitmapPtr: number,
    outRowsPtr: number,
  ): number;
  /** u64 keys (a << 32 | b) of two i32 id columns: the composite key of a multi-column group. */
  packIdPairs(aPtr: number, bPtr: number, count: number, outPtr: number): void;
  /** Per-group sum (f64) and non-null count (f64) of f64 values. */
  groupSumFloat64(
    valuesPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    sumsPtr: number,
    countsPtr: number,
  ): void;
  /** Per-group sum (i64, wrapping) and non-null count (f64) of i64 values. */
  groupSumInt64(
    valuesPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    sumsPtr: number,
    countsPtr: number,
  ): void;
  /** Per-group sum (i64) and non-null count (f64) of i32 values. */
  groupSumInt32(
    valuesPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    sumsPtr: number,
    countsPtr: number,
  ): void;
  /** Per-group non-null count (f64). */
  groupCount(validityPtr: number, idsPtr: number, count: number, countsPtr: number): void;
  /** Per-group sum of squared deviations from the group means at `meansPtr` (f64) into `m2Ptr`. */
  groupM2Float64(
    valuesPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    meansPtr: number,
    m2Ptr: number,
  ): void;
  /** Per-group min/max of f64 (mins start NaN, maxes -Infinity; NaN is the greatest value, as in DuckDB). */
  groupMinMaxFloat64(
    valuesPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    minsPtr: number,
    maxsPtr: number,
  ): void;
  /** Per-group min/max of i64 (mins start at the largest i64, maxes at the smallest). */
  groupMinMaxInt64(
    valuesPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    minsPtr: number,
    maxsPtr: number,
  ): void;
  /** Per-group min/max of i32 (mins start at the largest i32, maxes at the smallest). */
  groupMinMaxInt32(
    valuesPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    minsPtr: number,
    maxsPtr: number,
  ): void;
  /** First and last non-null row per group (i32, start at -1). */
  groupFirstLast(validityPtr: number, idsPtr: number, count: number, firstPtr: number, lastPtr: number): void;
  /** Per-group any (bytes start 0) and all (bytes start 1) of the non-null bools of the bitmap at `bitsPtr`. */
  groupAnyAll(
    bitsPtr: number,
    validityPtr: number,
    idsPtr: number,
    count: number,
    anyPtr: number,
    allPtr: number,
  ): void;
  // --- dataframe hashing and HyperLogLog (branch dfhash) ---

  /** The hash null rows get under `seed` (assembly/column_hash.ts), as wasm returns an i64: signed (BigInt.asUintN
   *  gives the unsigned hash). */
  hashOfNull(seed: bigint): bigint;
  /** Hashes `count` values of HashValueKind `kind` at `inPtr` (bool: an LSB bitmap) as u64s at `outPtr`: integers
   *  widened to 64 bits, floats to f64 with -0 = +0 and one NaN; rows with a clear bit in the LSB bitmap at
   *  `validityPtr` (0: none) get hashOfNull(seed). Returns 0, or KernelStatus.Invalid for an unknown kind. */
  hashColumnValues(
    inPtr: number,
    count: number,
    kind: number,
    validityPtr: number,
    seed: bigint,
    outPtr: number,
  ): number;
  /** Hashes `count` byte strings (i32 offsets relative to `base` into `dataLen` bytes at `dataPtr`) as u64s at
   *  `outPtr`, null rows as hashColumnValues. Returns 0, or KernelStatus.Invalid for bad offsets of a valid row. */
  hashColumnBytes(
    offsetsPtr: number,
    count: number,
    dataPtr: number,
    dataLen: number,
    base: number,
    validityPtr: number,
    seed: bigint,
    outPtr: number,
  ): number;
  /** out[i] = the u64 at dictHashesPtr[code i] for `count` integer codes of HashValueKind `kind` (I8..I64), null
   *  rows hashOfNull(seed). Returns 0, or KernelStatus.Invalid for a valid code outside [0, dictCount). */
  hashGatherCodes(
    codesPtr: number,
    count: number,
    kind: number,
    validityPtr: number,
    dictHashesPtr: number,
    dictCount: number,
    seed: bigint,
    outPtr: number,
  ): number;
  /** Overwrites the hash of every row with a clear validity bit with hashOfNull(seed). */
  hashApplyNulls(hashesPtr: number, count: number, validityPtr: number, seed: bigint): void;
  /** acc[i] = XXH64 of the word hashes[i] seeded with acc[i] (row hashes of several key columns). */
  hashCombine(accPtr: number, hashesPtr: number, count: number): void;
  /** Hash of each of `count` lists: its child hashes [offsets[i], offsets[i+1]) (i32, relative to `base`) folded
   *  into the hash of its length. Returns 0, or KernelStatus.Invalid for offsets outside the `childCount` children. */
  hashFoldLists(
    childHashesPtr: number,
    childCount: number,
    offsetsPtr: number,
    count: number,
    base: number,
    seed: bigint,
    outPtr: number,
  ): number;
  /** Partition numbers (i32 at `outPtr`) of `count` u64 hashes: (low 32 bits * npartitions) >> 32. */
  hashPartitions(hashesPtr: number, count: number, npartitions: number, outPtr: number): void;
  /** Adds the non-null values among `count` of HashValueKind `kind` at `inPtr` to the 2^p one-byte HyperLogLog
   *  registers at `regPtr`, hashed as hashColumnValues. Returns 0, or KernelStatus.Invalid (kind, p outside 4..18). */
  hllAddValues(
    inPtr: number,
    count: number,
    kind: number,
    validityPtr: number,
    seed: bigint,
    regPtr: number,
    p: number,
  ): number;
  /** hllAddValues for byte strings, hashed as hashColumnBytes. Returns 0, or KernelStatus.Invalid. */
  hllAddBytes(
    offsetsPtr: number,
    count: number,
    dataPtr: number,
    dataLen: number,
    base: number,
    validityPtr: number,
    seed: bigint,
    regPtr: number,
    p: number,
  ): number;
  /** Adds `count` precomputed u64 hashes to the registers, skipping those equal to `nullHash` (null rows). */
  hllAddHashes(hashesPtr: number, count: number, nullHash: bigint, regPtr: number, p: number): number;
  /** Sorts `count` f64 (no NaN) at `ptr` ascending, -0 before +0; scratch: `count` * 8 bytes at `scratchPtr` and
   *  8 KiB of histograms at `histPtr`. */
  radixSortFloat64(ptr: number, count: number, scratchPtr: number, histPtr: number): void;
}

/** The value kinds of hashColumnValues / hllAddValues (assembly/column_hash.ts KIND_*). */
export const HashValueKind = {
  I8: 0,
  U8: 1,
  I16: 2,
  U16: 3,
  I32: 4,
  U32: 5,
  I64: 6,
  F32: 7,
  F64: 8,
  Bool: 9,
} as const;
