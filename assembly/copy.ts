// Back-reference copies shared by the LZ77-family block decoders (snappy, LZ4). A match copies `len` bytes from
// `dist` bytes behind the write position; when dist < len the source overlaps the bytes being written, which is
// how both formats encode runs (dist 1 repeats one byte).

/** Bytes a fast copy may write past the end of the match; callers check this slack against their capacity. */
export const COPY_SLACK: usize = 16;

/** Copies a match of `len` bytes from `op - dist` to `op`, wide (8 or 16 bytes per step), possibly writing up to
 *  COPY_SLACK bytes past `op + len`. The caller has checked 1 <= dist <= bytes written so far and that
 *  `op + len + COPY_SLACK` stays inside the output buffer. */
export function copyMatchWide(op: usize, dist: usize, len: usize): void {
  let src = op - dist;
  const end = op + len;
  if (len >= 64 && dist >= len) {
    memory.copy(op, src, len);
    return;
  }
  if (dist < 8) {
    // Doubling the distance: each 8-byte store makes `op - src` more bytes of the repeating pattern valid, so
    // after at most three steps the source is 8 or more bytes behind and plain wide copies are safe.
    while (op - src < 8) {
      store<u64>(op, load<u64>(src));
      op += op - src;
      if (op >= end) return;
    }
  }
  if (op - src >= 16) {
    while (op < end) {
      v128.store(op, v128.load(src));
      src += 16;
      op += 16;
    }
  } else {
    while (op < end) {
      store<u64>(op, load<u64>(src));
      src += 8;
      op += 8;
    }
  }
}

/** Copies a match of `len` bytes from `op - dist` to `op` one byte at a time, never writing past `op + len`
 *  (used near the end of the output, where there is no slack for wide stores). */
export function copyMatchExact(op: usize, dist: usize, len: usize): void {
  if (dist >= len) {
    memory.copy(op, op - dist, len);
    return;
  }
  const end = op + len;
  let src = op - dist;
  while (op < end) {
    store<u8>(op, load<u8>(src));
    op++;
    src++;
  }
}
