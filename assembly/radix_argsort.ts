// Stable LSD radix argsort over order-preserving unsigned key images, the local sort of sortValues / setIndex
// (src/dataframe/algorithms/sort.ts). The caller turns each sort key into images whose unsigned order is the wanted
// order (signed ints with the sign bit flipped, floats as in radix_sort.ts, string ranks, descending keys
// complemented) and calls the kernel once per image, least significant first: because every pass is stable, the
// permutation ends up sorted by the whole key tuple (the classic LSD composition).
//
// Keys are indexed by row; `perm` holds row ids and is reordered so that keys[perm[i]] ascends, equal keys keeping
// their order in `perm`. One pass per byte (8-bit digits, 256-entry histograms); a byte every key shares is skipped,
// so small images (null flags, 33-bit images, small ranks) cost one or two passes.
import { INVALID } from './status';

/** Histogram bytes the argsorts need at `histPtr` (8 digit histograms of 256 u32). */
const HIST_BYTES: usize = 8 * 256 * 4;

/** True when every one of the `n` keys falls in one bucket of the histogram at `hist` (the pass would do nothing). */
function singleBucket(hist: usize, n: usize): bool {
  for (let d: usize = 0; d < 256; d++) {
    const c = load<u32>(hist + (d << 2));
    if (c !== 0) return <usize>c === n;
  }
  return true;
}

/** Turns counts into starting offsets (exclusive prefix sums), in place. */
function prefixSums(hist: usize): void {
  let sum: u32 = 0;
  for (let d: usize = 0; d < 256; d++) {
    const c = load<u32>(hist + (d << 2));
    store<u32>(hist + (d << 2), sum);
    sum += c;
  }
}

/**
 * Reorders the `count` u32 row ids at `permPtr` stably by the keys of type K (u32 or u64) at `keysPtr` (indexed by
 * row id): one gather pass that also counts every digit histogram, then one scatter pass per byte of K that the
 * keys do not all share. Scratch: 2 * count keys + count row ids at `scratchPtr`, HIST_BYTES at `histPtr`.
 */
function argsortBy<K>(keysPtr: usize, permPtr: usize, count: i32, scratchPtr: usize, histPtr: usize): i32 {
  if (count < 2) return count === 1 && load<u32>(permPtr) !== 0 ? INVALID : 0;
  const n = <usize>count;
  const width = sizeof<K>();
  const keysA = scratchPtr;
  const keysB = scratchPtr + n * width;
  const permB = scratchPtr + 2 * n * width;
  memory.fill(histPtr, 0, HIST_BYTES);
  // Gather the keys in permutation order, counting all digit histograms in the same pass.
  for (let i: usize = 0; i < n; i++) {
    const row = load<u32>(permPtr + (i << 2));
    if (<usize>row >= n) return INVALID;
    const key = load<K>(keysPtr + <usize>row * width);
    store<K>(keysA + i * width, key);
    for (let b: usize = 0; b < width; b++) {
      const h = histPtr + (((b << 8) + <usize>((key >> <K>(b << 3)) & <K>0xff)) << 2);
      store<u32>(h, load<u32>(h) + 1);
    }
  }
  let srcKeys = keysA;
  let dstKeys = keysB;
  let srcPerm = permPtr;
  let dstPerm = permB;
  for (let b: usize = 0; b < width; b++) {
    const hist = histPtr + ((b << 8) << 2);
    if (singleBucket(hist, n)) continue;
    prefixSums(hist);
    const shift = <K>(b << 3);
    for (let i: usize = 0; i < n; i++) {
      const key = load<K>(srcKeys + i * width);
      const h = hist + ((<usize>((key >> shift) & <K>0xff)) << 2);
      const at = <usize>load<u32>(h);
      store<u32>(h, <u32>at + 1);
      store<K>(dstKeys + at * width, key);
      store<u32>(dstPerm + (at << 2), load<u32>(srcPerm + (i << 2)));
    }
    let t = srcKeys;
    srcKeys = dstKeys;
    dstKeys = t;
    t = srcPerm;
    srcPerm = dstPerm;
    dstPerm = t;
  }
  if (srcPerm !== permPtr) memory.copy(permPtr, srcPerm, n << 2);
  return 0;
}

/**
 * Reorders the `count` u32 row ids at `permPtr` stably by the u64 keys at `keysPtr` (indexed by row id, `count`
 * of them). Scratch: `count` * 20 bytes at `scratchPtr` and 8 KiB at `histPtr`. Returns 0, or INVALID when a row id
 * is not below `count` (the permutation is then unspecified).
 */
export function radixArgsortU64(keysPtr: usize, permPtr: usize, count: i32, scratchPtr: usize, histPtr: usize): i32 {
  return argsortBy<u64>(keysPtr, permPtr, count, scratchPtr, histPtr);
}

/** Like radixArgsortU64 for u32 keys (scratch: `count` * 12 bytes). */
export function radixArgsortU32(keysPtr: usize, permPtr: usize, count: i32, scratchPtr: usize, histPtr: usize): i32 {
  return argsortBy<u32>(keysPtr, permPtr, count, scratchPtr, histPtr);
}
