// The backward bitstreams of ZSTD (RFC 8878 4.1 / 4.2.2): written forward, read from the last byte back to the
// first. The last byte's highest set bit marks where the data starts. The reader keeps a 64-bit container loaded
// from `ptr` and counts bits consumed from its top; a reload steps `ptr` back by whole consumed bytes, never
// before the stream start, so a stream shorter than 8 bytes is assembled once and never reloaded.
//
// This reader (module globals) serves the cold paths; the hot loops (Huffman streams, sequences) keep the same
// four values in locals and inline the same steps.

export let brBits: u64 = 0;
export let brConsumed: u32 = 0;
export let brPtr: usize = 0;
export let brStart: usize = 0;

/** Opens the backward stream [start, start + len). Returns false if it is empty or its last byte is zero. */
export function brInit(start: usize, len: usize): bool {
  if (len < 1) return false;
  const last = <u32>load<u8>(start + len - 1);
  if (last === 0) return false;
  brStart = start;
  const padding = clz<u32>(last) - 23; // zero bits above the end mark, plus the mark
  if (len >= 8) {
    brPtr = start + len - 8;
    brBits = load<u64>(brPtr);
    brConsumed = padding;
  } else {
    let bits: u64 = 0;
    for (let i: usize = 0; i < len; i++) bits |= (<u64>load<u8>(start + i)) << ((<u64>i) << 3);
    brBits = bits; // the empty top bytes count as consumed
    brPtr = start;
    brConsumed = ((<u32>(8 - <u32>len)) << 3) + padding;
  }
  return true;
}

/** Reads `n` (0..56) bits; past the stream's start the result is unspecified (callers check brRemaining). */
// @ts-expect-error: decorator
export function brRead(n: u32): u32 {
  const value = <u32>(((brBits << brConsumed) >> 1) >> (63 - n));
  brConsumed += n;
  return value;
}

/** Refills the container so that at least 57 bits are available (fewer near the stream start). */
// @ts-expect-error: decorator
export function brReload(): void {
  if (brPtr > brStart) {
    let bytes = <usize>(brConsumed >> 3);
    const room = brPtr - brStart;
    if (bytes > room) bytes = room;
    brPtr -= bytes;
    brConsumed -= (<u32>bytes) << 3;
    brBits = load<u64>(brPtr);
  }
}

/** True once more bits were read than the stream holds. */
// @ts-expect-error: decorator
export function brOverflowed(): bool {
  return brPtr === brStart && brConsumed > 64;
}
