// Entry point of build/kernels.wasm: every kernel is a pure function over linear memory.
// The TypeScript side (src/kernels/) owns the memory above __heap_base as an arena.

/** First byte the TypeScript arena may use. */
export function heapBase(): usize {
  return __heap_base;
}

export { bitUnpack32 } from './bitpack';
export { copyBits, spreadBits } from './bits';
export { bloomCheck, bloomInsert } from './bloom';
export { byteStreamSplitDecode } from './byte_stream_split';
export { crc32 } from './crc32';
export { deltaBinaryPackedCount, deltaBinaryPackedDecode32, deltaBinaryPackedDecode64 } from './delta';
export { deltaByteArrayAssemble } from './delta_bytes';
export { dictGatherBytesCopy, dictGatherBytesCopyWide, dictGatherBytesOffsets, dictGatherFixed } from './dictionary';
export { dictBuildBytes, dictBuildFixed, dictBuildRange } from './dictionary_build';
export { checkLevels, levelsToSlots, narrowLevels } from './dremel';
// Writer encoders (issue 4, piece E).
export { bitPack32 } from './encode_bitpack';
export { byteStreamSplitEncode } from './encode_byte_stream_split';
export { deltaBinaryPackedEncode32, deltaBinaryPackedEncode64 } from './encode_delta';
export { byteArrayLengths, deltaByteArraySplit } from './encode_delta_bytes';
export { packBooleans, plainByteArrayEncode } from './encode_plain';
export { rleHybridEncode8, rleHybridEncode32 } from './encode_rle';
export { defLevelsToValidity } from './levels';
export { lz4BlockDecompress } from './lz4';
// Compression for the writer (piece C).
export { lz4BlockCompress, lz4MaxCompressedLength } from './lz4_compress';
export {
  minMaxByRank,
  minMaxByteArray,
  minMaxFixedBytes,
  minMaxFloat16,
  minMaxFloat32,
  minMaxFloat64,
  minMaxInt32,
  minMaxInt64,
} from './min_max';
export { lengthsToOffsets, plainByteArrayCompact, plainByteArrayDecode } from './plain';
export { rleHybridDecode, rleHybridDecodeBits, rleHybridToValidity } from './rle';
export {
  compactBytes,
  compactFixed,
  shredFlatOptional,
  shredListExpand,
  shredListLength,
  shredNullable,
  shredPositions,
} from './shred';
export { snappyDecompress } from './snappy';
export { snappyCompress, snappyMaxCompressedLength } from './snappy_compress';
export { spreadFixed, spreadOffsets } from './spread';
export { xxhash64Bytes, xxhash64Fixed } from './xxhash64';

// --- columnar (filter), appended as one block to keep merges easy ---

export { bitmapToIndices } from './gather';

// --- dataframe group-by (hash aggregation), appended as one block to keep merges easy ---

export {
  groupAnyAll,
  groupCount,
  groupFirstLast,
  groupM2Float64,
  groupMinMaxFloat64,
  groupMinMaxInt32,
  groupMinMaxInt64,
  groupSumFloat64,
  groupSumInt32,
  groupSumInt64,
} from './group_aggregate';
export { groupIdsBytes, groupIdsFixed4, groupIdsFixed8, packIdPairs } from './group_ids';

// --- dataframe hashing and HyperLogLog (branch dfhash), appended as one block to keep merges easy ---

export {
  hashApplyNulls,
  hashColumnBytes,
  hashColumnValues,
  hashCombine,
  hashFoldLists,
  hashGatherCodes,
  hashOfNull,
  hashPartitions,
} from './column_hash';
export { hllAddBytes, hllAddHashes, hllAddValues } from './hyperloglog';
export { radixArgsortU32, radixArgsortU64 } from './radix_argsort';
export { radixSortFloat64 } from './radix_sort';

// --- id columns of exact distinct counts ---

export {
  distinctPairCountsDense,
  distinctPairsDense,
  gatherInt32,
  groupIdsDense4,
  groupIdsDense8,
  minMaxInt32Valid,
  minMaxInt64Valid,
  offsetIdsInt32,
} from './id_columns';

// --- ZSTD decompression (RFC 8878), appended as one block to keep merges easy ---

export { zstdDecompress, zstdErrorOffset, zstdSlack } from './zstd';

// --- per-code aggregation from Parquet dictionary indices (fused partial aggregation, issue 16 item 3) ---

export {
  codeFirstRows,
  codeHistogram,
  codeSlots,
  setBits,
  slotDictMinMaxFloat64,
  slotDictMinMaxInt32,
  slotDictMinMaxInt64,
  slotDictSumFloat64,
  slotDictSumInt32,
  slotDictSumInt64,
  slotSumFloat64,
  slotSumInt32,
  slotSumInt64,
  widenFloat32,
} from './code_aggregate';

// --- whole-column reductions of decoded pages (fused scalar reductions, issue 16 item 3) ---

export { reduceFloat32, reduceFloat64, reduceInt32, reduceInt64 } from './scan_reduce';

// --- combined slots of several dictionary-encoded group-by keys (fused partials, issue 16 item 3) ---

export { combineSlots } from './multi_key';
