// Entry point of build/kernels.wasm: every kernel is a pure function over linear memory.
// The TypeScript side (src/kernels/) owns the memory above __heap_base as an arena.

/** First byte the TypeScript arena may use. */
export function heapBase(): usize {
  return __heap_base;
}

export { crc32 } from './crc32';
export { lz4BlockDecompress } from './lz4';
export { snappyDecompress } from './snappy';
