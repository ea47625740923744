// Open-addressing hash tables in caller-provided memory, shared by the writer's dictionary builder
// (dictionary_build.ts) and the DataFrame's group ids (group_ids.ts): linear probing at a load of at most 1/2, in
// tables that start small and double, rebuilt from the distinct keys, so that few distinct keys probe a table that
// stays in cache. Two slot layouts:
// - fixed keys (4 or 8 bytes) sit in the slot beside their entry: slots of 2 * sizeof<T>() bytes, key then u32
//   entry, one memory access per probe;
// - other keys are found through a 32-bit tag of their 64-bit hash: slots of 8 bytes, tag then u32 entry, the
//   caller comparing the bytes on a tag match.
// An entry is the key's index + 1; 0 marks an empty slot.

const FIB32: u32 = 0x9e3779b1;
const FIB64: u64 = ((<u64>0x9e3779b9) << 32) | 0x7f4a7c15;

/**
 * The table size (log2) to grow to from 2^bits: twice as large, or four times when most rows since the last growth
 * brought a new key (a high-cardinality column would otherwise rebuild its table at every doubling).
 */
export function grownBits(bits: i32, maxBits: i32, newKeys: i32, newRows: i32): i32 {
  return min(bits + (newKeys << 1 > newRows ? 2 : 1), maxBits);
}

/** Home slot of a fixed key in a table of 2^bits slots (Fibonacci hashing: the product's top bits). */
export function homeSlot<T>(v: T, bits: i32): u32 {
  if (sizeof<T>() === 4) return (<u32>v * FIB32) >>> (32 - bits);
  return <u32>((<u64>v * FIB64) >> <u64>(64 - bits));
}

/**
 * Probes for fixed key `v` from its home slot: its index when present, else -(s + 1) for the empty slot s where it
 * would go.
 */
export function findFixed<T>(tablePtr: usize, bits: i32, v: T): i32 {
  const slotSize = (<usize>sizeof<T>()) << 1;
  const mask: u32 = (1 << bits) - 1;
  let slot = homeSlot<T>(v, bits);
  while (true) {
    const s = tablePtr + <usize>slot * slotSize;
    const entry = load<u32>(s, sizeof<T>());
    if (entry === 0) return -(<i32>slot + 1);
    if (load<T>(s) === v) return <i32>entry - 1;
    slot = (slot + 1) & mask;
  }
}

/** Stores fixed key `v` with `index` in `slot` (an empty slot findFixed returned). */
export function storeFixed<T>(tablePtr: usize, slot: u32, v: T, index: i32): void {
  const s = tablePtr + <usize>slot * ((<usize>sizeof<T>()) << 1);
  store<T>(s, v);
  store<u32>(s, <u32>(index + 1), sizeof<T>());
}

/** Clears a table of 2^bits fixed-key slots and inserts keys [0, n) of the array at `keysPtr`, but index `skip`. */
export function rebuildFixed<T>(tablePtr: usize, bits: i32, keysPtr: usize, n: i32, skip: i32): void {
  memory.fill(tablePtr, 0, ((<usize>sizeof<T>()) << 1) << bits);
  for (let k: i32 = 0; k < n; k++) {
    if (k === skip) continue;
    const v = load<T>(keysPtr + <usize>k * sizeof<T>());
    storeFixed<T>(tablePtr, <u32>(-findFixed<T>(tablePtr, bits, v) - 1), v, k);
  }
}

/** Slot for a hash in a table of 2^bits tagged slots: the hash's upper bits pick it, its low 32 bits are the tag. */
export function taggedSlot(hash: u64, bits: i32): u32 {
  return <u32>(hash >> <u64>(64 - bits));
}

/** Stores the tag of `hash` with `entry` (index + 1) in `slot`. */
export function storeTagged(tablePtr: usize, slot: u32, hash: u64, entry: u32): void {
  store<u32>(tablePtr + ((<usize>slot) << 3), <u32>hash);
  store<u32>(tablePtr + ((<usize>slot) << 3), entry, 4);
}

/** Inserts a key known to be absent by its hash (rebuilding a grown table). */
export function insertTagged(tablePtr: usize, bits: i32, hash: u64, entry: u32): void {
  const mask: u32 = (1 << bits) - 1;
  let slot = taggedSlot(hash, bits);
  while (load<u32>(tablePtr + ((<usize>slot) << 3), 4) !== 0) slot = (slot + 1) & mask;
  storeTagged(tablePtr, slot, hash, entry);
}

/** Whether `len` bytes at a and b are equal, eight bytes per step (memory.compare goes byte by byte unless both
 *  pointers share their alignment). */
export function bytesEqual(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) if (load<u64>(a + i) !== load<u64>(b + i)) return false;
  if (i + 4 <= len) {
    if (load<u32>(a + i) !== load<u32>(b + i)) return false;
    i += 4;
  }
  for (; i < len; i++) if (load<u8>(a + i) !== load<u8>(b + i)) return false;
  return true;
}
