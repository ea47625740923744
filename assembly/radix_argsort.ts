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
 * Reorders the `count` u32 row ids at `permPtr` stably by the u64 keys at `keysPtr` (indexed by row id, `count`
 * of them). Scratch: `count` * 20 bytes at `scratchPtr` and 8 KiB at `histPtr`. Returns 0, or INVALID when a row id
 * is not below `count` (the permutation is then unspecified).
 */
export function radixArgsortU64(keysPtr: usize, permPtr: usize, count: i32, scratchPtr: usize, histPtr: usize): i32 {
  if (count < 2) return count === 1 && load<u32>(permPtr) !== 0 ? INVALID : 0;
  const n = <usize>count;
  const keysA = scratchPtr;
  const keysB = scratchPtr + (n << 3);
  const permB = scratchPtr + (n << 4);
  memory.fill(histPtr, 0, HIST_BYTES);
  // Gather the keys in permutation order, counting all eight digit histograms in the same pass.
  for (let i: usize = 0; i < n; i++) {
    const row = load<u32>(permPtr + (i << 2));
    if (<usize>row >= n) return INVALID;
    const key = load<u64>(keysPtr + ((<usize>row) << 3));
    store<u64>(keysA + (i << 3), key);
    for (let b: usize = 0; b < 8; b++) {
      const h = histPtr + (((b << 8) + <usize>((key >> (b << 3)) & 0xff)) << 2);
      store<u32>(h, load<u32>(h) + 1);
    }
  }
  let srcKeys = keysA;
  let dstKeys = keysB;
  let srcPerm = permPtr;
  let dstPerm = permB;
  for (let b: usize = 0; b < 8; b++) {
    const hist = histPtr + ((b << 8) << 2);
    if (singleBucket(hist, n)) continue;
    prefixSums(hist);
    const shift = <u64>(b << 3);
    for (let i: usize = 0; i < n; i++) {
      const key = load<u64>(srcKeys + (i << 3));
      const h = hist + ((<usize>((key >> shift) & 0xff)) << 2);
      const at = <usize>load<u32>(h);
      store<u32>(h, <u32>at + 1);
      store<u64>(dstKeys + (at << 3), key);
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

/** {@link radixArgsortU64} for u32 keys (four digit passes). Scratch: `count` * 12 bytes and 8 KiB. */
export function radixArgsortU32(keysPtr: usize, permPtr: usize, count: i32, scratchPtr: usize, histPtr: usize): i32 {
  if (count < 2) return count === 1 && load<u32>(permPtr) !== 0 ? INVALID : 0;
  const n = <usize>count;
  const keysA = scratchPtr;
  const keysB = scratchPtr + (n << 2);
  const permB = scratchPtr + (n << 3);
  memory.fill(histPtr, 0, HIST_BYTES >> 1);
  for (let i: usize = 0; i < n; i++) {
    const row = load<u32>(permPtr + (i << 2));
    if (<usize>row >= n) return INVALID;
    const key = load<u32>(keysPtr + ((<usize>row) << 2));
    store<u32>(keysA + (i << 2), key);
    for (let b: usize = 0; b < 4; b++) {
      const h = histPtr + (((b << 8) + <usize>((key >> ((<u32>b) << 3)) & 0xff)) << 2);
      store<u32>(h, load<u32>(h) + 1);
    }
  }
  let srcKeys = keysA;
  let dstKeys = keysB;
  let srcPerm = permPtr;
  let dstPerm = permB;
  for (let b: usize = 0; b < 4; b++) {
    const hist = histPtr + ((b << 8) << 2);
    if (singleBucket(hist, n)) continue;
    prefixSums(hist);
    const shift = <u32>(b << 3);
    for (let i: usize = 0; i < n; i++) {
      const key = load<u32>(srcKeys + (i << 2));
      const h = hist + ((<usize>((key >> shift) & 0xff)) << 2);
      const at = <usize>load<u32>(h);
      store<u32>(h, <u32>at + 1);
      store<u32>(dstKeys + (at << 2), key);
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
