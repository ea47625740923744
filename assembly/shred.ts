// Dremel shredding (the Dremel paper, section 4.2; parquet-format README "Nested Encoding"), one Arrow nesting
// level at a time. The writer walks the Arrow tree from the root with three parallel arrays, one entry per level
// slot: the definition level reached so far (u8), the repetition level (u8) and the index of the entry's value in
// the current Arrow array (i32, -1 once an ancestor is null or an empty list: the entry stops there).

// Eight definition levels of 1, one per byte.
const ALL_ONES: u64 = <u64>0x01010101 | ((<u64>0x01010101) << 32);

/** Flat optional column (the hot path): validity bit (bitOffset + i) to definition level 1 or 0 at `defOut`, and
 *  the indexes of the valid slots at `positionsOut` (0: not wanted). Returns the number of valid slots. */
export function shredFlatOptional(
  validityPtr: usize,
  bitOffset: u32,
  count: u32,
  defOut: usize,
  positionsOut: usize,
): u32 {
  let valid: u32 = 0;
  let i: u32 = 0;
  // Whole bytes of the bitmap at once where the bit offset allows; a full byte (all valid) is the common case.
  while (i < count && ((bitOffset + i) & 7) !== 0) {
    valid += flatOne(validityPtr, bitOffset + i, i, defOut, positionsOut, valid);
    i++;
  }
  while (i + 8 <= count) {
    const byte = <u32>load<u8>(validityPtr + (<usize>(bitOffset + i) >>> 3));
    if (byte === 0xff) {
      store<u64>(defOut + i, ALL_ONES);
      if (positionsOut !== 0) {
        const p = positionsOut + ((<usize>valid) << 2);
        v128.store(p, i32x4(i, i + 1, i + 2, i + 3));
        v128.store(p, i32x4(i + 4, i + 5, i + 6, i + 7), 16);
      }
      valid += 8;
    } else if (byte === 0) {
      store<u64>(defOut + i, 0);
    } else {
      for (let b: u32 = 0; b < 8; b++) {
        const bit = (byte >>> b) & 1;
        store<u8>(defOut + i + b, <u8>bit);
        if (positionsOut !== 0) store<i32>(positionsOut + ((<usize>valid) << 2), <i32>(i + b));
        valid += bit;
      }
    }
    i += 8;
  }
  while (i < count) {
    valid += flatOne(validityPtr, bitOffset + i, i, defOut, positionsOut, valid);
    i++;
  }
  return valid;
}

function flatOne(validityPtr: usize, bit: u32, i: u32, defOut: usize, positionsOut: usize, valid: u32): u32 {
  const v = (<u32>load<u8>(validityPtr + (<usize>bit >>> 3)) >>> (bit & 7)) & 1;
  store<u8>(defOut + i, <u8>v);
  if (positionsOut !== 0) store<i32>(positionsOut + ((<usize>valid) << 2), <i32>i);
  return v;
}

/** One optional or required node: for each live entry (index >= 0), a valid value (bit bitOffset + index of the
 *  bitmap at `validityPtr`; 0: no bitmap, all valid) adds `increment` (1 for an OPTIONAL node, 0 for REQUIRED) to the
 *  definition level; a null ends the entry (index -1). Works in place when the outputs are the inputs. Returns 0, or
 *  -(i + 1) for the first entry i that is null where `increment` is 0 (a null in a required field). */
export function shredNullable(
  defIn: usize,
  idxIn: usize,
  count: u32,
  validityPtr: usize,
  bitOffset: u32,
  increment: u32,
  defOut: usize,
  idxOut: usize,
): i32 {
  for (let i: u32 = 0; i < count; i++) {
    const idx = load<i32>(idxIn + ((<usize>i) << 2));
    let def = load<u8>(defIn + i);
    let out = idx;
    if (idx >= 0) {
      let valid: u32 = 1;
      if (validityPtr !== 0) {
        const bit = <usize>bitOffset + <usize>idx;
        valid = (<u32>load<u8>(validityPtr + (bit >>> 3)) >>> <u32>(bit & 7)) & 1;
      }
      if (valid) def += <u8>increment;
      else if (increment === 0) return -(<i32>i + 1);
      else out = -1;
    }
    store<u8>(defOut + i, def);
    store<i32>(idxOut + ((<usize>i) << 2), out);
  }
  return 0;
}

/** Number of entries a list level expands `count` entries into (a live entry becomes one per element, at least
 *  one), given the list's i32 offsets; -1 if a live entry's offsets decrease or leave [0, childLength]. */
export function shredListLength(idxIn: usize, count: u32, offsetsPtr: usize, childLength: u32): f64 {
  let total: f64 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const idx = load<i32>(idxIn + ((<usize>i) << 2));
    if (idx < 0) {
      total += 1;
      continue;
    }
    const p = offsetsPtr + ((<usize>idx) << 2);
    const start = load<i32>(p);
    const end = load<i32>(p, 4);
    if (start < 0 || end < start || <u32>end > childLength) return -1;
    const n = end - start;
    total += n === 0 ? 1 : <f64>n;
  }
  return total;
}

/** Expands entries through one list level: a live entry with elements becomes one entry per element (the first
 *  keeps its repetition level, the others repeat at `elemRep`; all gain one definition level for the repeated
 *  node, and point at the element in the child array); an empty list or an ended entry stays a single ended entry.
 *  `repIn` 0 means all repetition levels are 0. */
export function shredListExpand(
  defIn: usize,
  repIn: usize,
  idxIn: usize,
  count: u32,
  offsetsPtr: usize,
  elemRep: u32,
  defOut: usize,
  repOut: usize,
  idxOut: usize,
): void {
  let o: usize = 0;
  for (let i: u32 = 0; i < count; i++) {
    const idx = load<i32>(idxIn + ((<usize>i) << 2));
    const def = load<u8>(defIn + i);
    const rep: u8 = repIn === 0 ? 0 : load<u8>(repIn + i);
    let start: i32 = 0;
    let end: i32 = 0;
    if (idx >= 0) {
      const p = offsetsPtr + ((<usize>idx) << 2);
      start = load<i32>(p);
      end = load<i32>(p, 4);
    }
    if (end <= start) {
      store<u8>(defOut + o, def);
      store<u8>(repOut + o, rep);
      store<i32>(idxOut + (o << 2), -1);
      o++;
      continue;
    }
    const elemDef = def + 1;
    for (let k = start; k < end; k++) {
      store<u8>(defOut + o, elemDef);
      store<u8>(repOut + o, k === start ? rep : <u8>elemRep);
      store<i32>(idxOut + (o << 2), k);
      o++;
    }
  }
}

/** Copies the live indexes (>= 0) of `count` entries to `outPtr`, in order; returns how many. */
export function shredPositions(idxIn: usize, count: u32, outPtr: usize): u32 {
  let n: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const idx = load<i32>(idxIn + ((<usize>i) << 2));
    store<i32>(outPtr + ((<usize>n) << 2), idx);
    n += <u32>(idx >= 0);
  }
  return n;
}

function validBit(validityPtr: usize, bit: usize): bool {
  return ((load<u8>(validityPtr + (bit >>> 3)) >>> <u8>(bit & 7)) & 1) !== 0;
}

/** Copies the `width`-byte values of the slots whose validity bit (bitOffset + i) is set, back to back, from
 *  `valuesPtr` to `outPtr`; runs of valid slots move in one copy. Returns the number of values copied. */
export function compactFixed(
  valuesPtr: usize,
  validityPtr: usize,
  bitOffset: u32,
  count: u32,
  width: u32,
  outPtr: usize,
): u32 {
  let out: usize = 0;
  let i: u32 = 0;
  const w = <usize>width;
  while (i < count) {
    // skip nulls, then copy the run of valid slots that follows
    while (i < count && !validBit(validityPtr, <usize>bitOffset + i)) i++;
    const start = i;
    while (i < count && validBit(validityPtr, <usize>bitOffset + i)) i++;
    const n = <usize>(i - start);
    memory.copy(outPtr + out * w, valuesPtr + <usize>start * w, n * w);
    out += n;
  }
  return <u32>out;
}

/** Byte arrays of the valid slots (i32 Arrow offsets at `offsetsPtr`, count + 1 of them, absolute into
 *  `dataPtr`): writes offsets from 0 (valid + 1 of them) at `outOffsetsPtr` and the bytes at `outDataPtr`, runs of
 *  valid slots moving in one copy. Returns the number of values. */
export function compactBytes(
  offsetsPtr: usize,
  dataPtr: usize,
  validityPtr: usize,
  bitOffset: u32,
  count: u32,
  outOffsetsPtr: usize,
  outDataPtr: usize,
): u32 {
  let out: u32 = 0;
  let bytes: i32 = 0;
  store<i32>(outOffsetsPtr, 0);
  let i: u32 = 0;
  while (i < count) {
    while (i < count && !validBit(validityPtr, <usize>bitOffset + i)) i++;
    const start = i;
    while (i < count && validBit(validityPtr, <usize>bitOffset + i)) i++;
    if (i === start) break;
    const first = load<i32>(offsetsPtr + ((<usize>start) << 2));
    const delta = bytes - first;
    for (let k = start; k < i; k++) {
      out++;
      store<i32>(outOffsetsPtr + ((<usize>out) << 2), load<i32>(offsetsPtr + ((<usize>(k + 1)) << 2)) + delta);
    }
    const last = load<i32>(offsetsPtr + ((<usize>i) << 2));
    memory.copy(outDataPtr + <usize>bytes, dataPtr + <usize>first, <usize>(last - first));
    bytes += last - first;
  }
  return out;
}
