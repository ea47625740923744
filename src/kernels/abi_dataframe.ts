// Raw exports of build/kernels.wasm used by the DataFrame (issue 6): filter masks, group-by hash aggregation,
// column hashing, HyperLogLog and radix sort. Conventions as in abi.ts.

/** The DataFrame's kernels. */
export interface DataFrameKernels {
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
  /** Like distinctPairsDense, counting the distinct pairs per a-id into `countsPtr` (na f64, zeroed). Returns the
   *  number of distinct pairs. */
  distinctPairCountsDense(
    aPtr: number,
    bPtr: number,
    count: number,
    nb: number,
    validityPtr: number,
    bitmapPtr: number,
    countsPtr: number,
  ): number;
  /** Min and max (two i32 at `outPtr`) of the valid int32 values; returns the valid count (0: output untouched). */
  minMaxInt32Valid(valuesPtr: number, count: number, validityPtr: number, outPtr: number): number;
  /** Like minMaxInt32Valid for int64 values (two i64 at `outPtr`). */
  minMaxInt64Valid(valuesPtr: number, count: number, validityPtr: number, outPtr: number): number;
  /** Group ids of int32 keys by direct addressing: table of (max - lo + 1) zeroed i32 slots. Returns groups. */
  groupIdsDense4(
    inPtr: number,
    count: number,
    validityPtr: number,
    lo: number,
    tablePtr: number,
    idsPtr: number,
    firstRowPtr: number,
  ): number;
  /** Like groupIdsDense4 for int64 keys (`lo` as a bigint). */
  groupIdsDense8(
    inPtr: number,
    count: number,
    validityPtr: number,
    lo: bigint,
    tablePtr: number,
    idsPtr: number,
    firstRowPtr: number,
  ): number;
  /** out[i] = values[i] - lo for valid rows, 0 for null rows. */
  offsetIdsInt32(valuesPtr: number, count: number, lo: number, validityPtr: number, outPtr: number): void;
  /** out[i] = table[offset + index[i]] (int32). */
  gatherInt32(tablePtr: number, offset: number, indexPtr: number, count: number, outPtr: number): void;
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
  /** Reorders the `count` u32 row ids at `permPtr` stably so that the u64 keys at `keysPtr` (indexed by row id)
   *  ascend; scratch: `count` * 20 bytes at `scratchPtr` and 8 KiB at `histPtr`. Returns 0, or KernelStatus.Invalid
   *  when a row id is not below `count`. */
  radixArgsortU64(keysPtr: number, permPtr: number, count: number, scratchPtr: number, histPtr: number): number;
  /** radixArgsortU64 for u32 keys; scratch: `count` * 12 bytes and 8 KiB. */
  radixArgsortU32(keysPtr: number, permPtr: number, count: number, scratchPtr: number, histPtr: number): number;

  // --- per-code aggregation from Parquet dictionary indices (assembly/code_aggregate.ts) ---

  /** Histogram of `count` RLE / bit-packed hybrid dictionary indices of `bitWidth` bits (`inLen` bytes, no length
   *  prefix): adds each code's rows to the f64 at `countsPtr + 8 * code`. `scratchPtr`: 512 u32s. Returns the bytes
   *  consumed, or a KernelStatus (Invalid for an index >= `dictCount`). */
  codeHistogram(
    inPtr: number,
    inLen: number,
    bitWidth: number,
    count: number,
    dictCount: number,
    countsPtr: number,
    scratchPtr: number,
  ): number;
  /** The same stream again: stores `rowBase` + the position of each code whose i32 at `firstPtr + 4 * code` is
   *  negative, stopping once `unseen` codes have been met. Returns how many remain unseen, or a KernelStatus. */
  codeFirstRows(
    inPtr: number,
    inLen: number,
    bitWidth: number,
    count: number,
    dictCount: number,
    firstPtr: number,
    rowBase: number,
    unseen: number,
    scratchPtr: number,
  ): number;
  /** One i32 slot per row of `count` (the next dense u32 code where the validity bit is set, `dictCount` where it is
   *  clear; `validityPtr` 0 = all set) at `slotsPtr` (may be `densePtr` when all are set); adds each row to its slot's f64 at `rowsPtr` and stores
   *  `rowBase` + the first row of a slot whose i32 at `firstPtr` is negative. Returns the dense codes used, or
   *  KernelStatus.Invalid for a code >= `dictCount`. */
  codeSlots(
    densePtr: number,
    validityPtr: number,
    count: number,
    dictCount: number,
    slotsPtr: number,
    rowsPtr: number,
    firstPtr: number,
    rowBase: number,
  ): number;
  /** Sets `count` bits of the bitmap at `ptr` from bit `bitOffset`. */
  setBits(ptr: number, bitOffset: number, count: number): void;
  /** Adds each of `count` f64 values to its slot's f64 sum (i32 slots at `slotsPtr`; no validity, no counts). */
  slotSumFloat64(valuesPtr: number, slotsPtr: number, count: number, sumsPtr: number): void;
  /** slotSumFloat64 for i32 values into i64 sums. */
  slotSumInt32(valuesPtr: number, slotsPtr: number, count: number, sumsPtr: number): void;
  /** slotSumFloat64 for i64 values into i64 sums (wrapping, as groupSumInt64). */
  slotSumInt64(valuesPtr: number, slotsPtr: number, count: number, sumsPtr: number): void;
  /** Adds dict[indices[i]] (f64 dictionary of `dictCount`) to the f64 sum of slot slots[i], `count` rows; returns 0
   *  or KernelStatus.Invalid (an index past the dictionary; nothing added). */
  slotDictSumFloat64(
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    slotsPtr: number,
    count: number,
    sumsPtr: number,
  ): number;
  /** slotDictSumFloat64 for an i32 dictionary into i64 sums. */
  slotDictSumInt32(
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    slotsPtr: number,
    count: number,
    sumsPtr: number,
  ): number;
  /** Min/max per slot of dict[indices[i]] (f64; groupMinMaxFloat64's rules and initial values). */
  slotDictMinMaxFloat64(
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    slotsPtr: number,
    count: number,
    minsPtr: number,
    maxsPtr: number,
  ): number;
  /** Min/max per slot of dict[indices[i]] (i32; groupMinMaxInt32's initial values). */
  slotDictMinMaxInt32(
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    slotsPtr: number,
    count: number,
    minsPtr: number,
    maxsPtr: number,
  ): number;
  /** slotDictSumFloat64 for an i64 dictionary into i64 sums (wrapping, as groupSumInt64). */
  slotDictSumInt64(
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    slotsPtr: number,
    count: number,
    sumsPtr: number,
  ): number;
  /** Min/max per slot of dict[indices[i]] (i64; groupMinMaxInt64's initial values). */
  slotDictMinMaxInt64(
    indicesPtr: number,
    dictPtr: number,
    dictCount: number,
    slotsPtr: number,
    count: number,
    minsPtr: number,
    maxsPtr: number,
  ): number;
  /** Widens `count` f32 at `inPtr` to f64 at `outPtr`. */
  widenFloat32(inPtr: number, count: number, outPtr: number): void;
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
