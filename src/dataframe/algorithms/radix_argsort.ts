// The TypeScript side of the radix argsort kernels (assembly/radix_argsort.ts): key images copied into the arena,
// one stable pass per image, least significant first.
import { arena } from '../../kernels/arena.js';
import { AlgorithmError } from './errors.js';
import type { KeyImage } from './sort_keys.js';

/**
 * The stable permutation of rows 0..n-1 ordering them by `images` (the last image most significant), each image
 * compared as unsigned 32- or 64-bit integers.
 */
export function argsortImages(images: readonly KeyImage[], n: number): Int32Array {
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  if (n < 2 || images.length === 0) return identity;
  const a = arena();
  const mark = a.mark();
  try {
    const permPtr = a.alloc(4 * n);
    const keysPtr = a.alloc(8 * n);
    const scratchPtr = a.alloc(20 * n);
    const histPtr = a.alloc(8192);
    a.view(Int32Array, permPtr, n).set(identity);
    for (const image of images) {
      a.view(Uint32Array, keysPtr, image.words.length).set(image.words);
      const status =
        image.width === 64
          ? a.wasm.radixArgsortU64(keysPtr, permPtr, n, scratchPtr, histPtr)
          : a.wasm.radixArgsortU32(keysPtr, permPtr, n, scratchPtr, histPtr);
      if (status < 0) throw new AlgorithmError('MALFORMED_COLUMN', `sort: radix argsort failed (status ${status})`);
    }
    return a.view(Int32Array, permPtr, n).slice();
  } finally {
    a.release(mark);
  }
}
