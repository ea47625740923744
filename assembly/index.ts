// Entry point of build/kernels.wasm: every kernel is a pure function over linear memory.
// The TypeScript side (src/kernels/) owns the memory above __heap_base as an arena.

/** First byte the TypeScript arena may use. */
export function heapBase(): usize {
  return __heap_base;
}

export { bitUnpack32 } from './bitpack';
export { copyBits, spreadBits } from './bits';
export { byteStreamSplitDecode } from './byte_stream_split';
export { crc32 } from './crc32';
export { deltaBinaryPackedCount, deltaBinaryPackedDecode32, deltaBinaryPackedDecode64 } from './delta';
export { deltaByteArrayAssemble } from './delta_bytes';
export { dictGatherBytesCopy, dictGatherBytesOffsets, dictGatherFixed } from './dictionary';
export { checkLevels, levelsToSlots, narrowLevels } from './dremel';
export { defLevelsToValidity } from './levels';
export { lz4BlockDecompress } from './lz4';
export { lengthsToOffsets, plainByteArrayDecode } from './plain';
export { rleHybridDecode, rleHybridDecodeBits } from './rle';
export { snappyDecompress } from './snappy';
export { spreadFixed, spreadOffsets } from './spread';

// --- columnar (filter), appended as one block to keep merges easy ---

export { bitmapToIndices } from './gather';
