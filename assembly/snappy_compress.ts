// Snappy raw block compression (google/snappy format_description.txt): the varint uncompressed length, then
// literals and copies. Like the reference compressor, the input is cut into 64 KiB fragments compressed
// independently, so every offset fits a copy-1 (< 2048, length 4..11) or a copy-2 (< 65536, length 1..64) and a
// hash table of u16 positions covers a whole fragment.
//
// Match finding: a hash of the 4 bytes at each position indexes the table, which holds the last position with
// that hash; a candidate whose 4 bytes equal ours starts a match, extended 8 bytes at a time. Where no match is
// found, the scan step grows (one more byte every 32 misses) so incompressible data passes quickly, as the
// reference does.

import { matchLength } from './match_length';

/** Fragment size: offsets stay below 65536 (copy-2) and table entries fit u16. */
const FRAGMENT: usize = 65536;
/** Largest hash table: 2^14 entries of u16. */
const MAX_TABLE_BITS: u32 = 14;
/** Bytes at the end of a fragment that are never a match start: the 8-byte loads of match extension stay inside
 *  the input without per-byte checks. */
const INPUT_MARGIN: usize = 15;

const TABLE: usize = memory.data(2 << MAX_TABLE_BITS, 16);

/** Upper bound of the compressed size of `n` input bytes (the reference's MaxCompressedLength). */
export function snappyMaxCompressedLength(n: usize): usize {
  return 32 + n + n / 6;
}

function hash4(bytes: u32, shift: u32): usize {
  return <usize>((bytes * 0x1e35a7bd) >>> shift);
}

/** Writes a literal of `len` >= 1 bytes from `src` at `op`; returns the new output position. */
function emitLiteral(op: usize, src: usize, len: usize): usize {
  const n = len - 1;
  if (n < 60) {
    store<u8>(op, <u8>(n << 2));
    op += 1;
  } else if (n < 0x100) {
    store<u8>(op, 60 << 2);
    store<u8>(op + 1, <u8>n);
    op += 2;
  } else if (n < 0x10000) {
    store<u8>(op, 61 << 2);
    store<u16>(op + 1, <u16>n);
    op += 3;
  } else if (n < 0x1000000) {
    store<u8>(op, 62 << 2);
    store<u16>(op + 1, <u16>n);
    store<u8>(op + 3, <u8>(n >>> 16));
    op += 4;
  } else {
    store<u8>(op, 63 << 2);
    store<u32>(op + 1, <u32>n);
    op += 5;
  }
  if (len <= 16) {
    v128.store(op, v128.load(src));
  } else {
    memory.copy(op, src, len);
  }
  return op + len;
}

/** Writes copies for a match of `len` >= 4 bytes at distance `dist` < 65536; returns the new output position. */
function emitCopy(op: usize, dist: usize, len: usize): usize {
  // Long matches: 64-byte copy-2 elements, leaving at least 4 bytes so the remainder can still be a copy-1.
  while (len >= 68) {
    store<u8>(op, (63 << 2) | 2);
    store<u16>(op + 1, <u16>dist);
    op += 3;
    len -= 64;
  }
  if (len > 64) {
    store<u8>(op, (59 << 2) | 2);
    store<u16>(op + 1, <u16>dist);
    op += 3;
    len -= 60;
  }
  if (len < 12 && dist < 2048) {
    store<u8>(op, <u8>(1 | ((len - 4) << 2) | ((dist >>> 8) << 5)));
    store<u8>(op + 1, <u8>dist);
    return op + 2;
  }
  store<u8>(op, <u8>(2 | ((len - 1) << 2)));
  store<u16>(op + 1, <u16>dist);
  return op + 3;
}

/** Compresses one fragment [base, base + len) (len <= FRAGMENT) at `op`; returns the new output position. */
function compressFragment(base: usize, len: usize, op: usize): usize {
  const end = base + len;
  if (len < INPUT_MARGIN + 1) return len > 0 ? emitLiteral(op, base, len) : op;

  let bits: u32 = 8;
  while (bits < MAX_TABLE_BITS && (<usize>1) << bits < len) bits++;
  const shift = 32 - bits;
  memory.fill(TABLE, 0, (<usize>2) << bits);

  const matchLimit = end - INPUT_MARGIN;
  let nextEmit = base;
  let ip = base + 1;
  let nextHash = hash4(load<u32>(ip), shift);

  while (true) {
    // Find a match: probe positions with a step that grows while nothing matches.
    let skip: u32 = 32;
    let nextIp = ip;
    let candidate: usize = 0;
    do {
      ip = nextIp;
      const h = nextHash;
      nextIp = ip + <usize>(skip++ >>> 5);
      if (nextIp > matchLimit) return nextEmit < end ? emitLiteral(op, nextEmit, end - nextEmit) : op;
      nextHash = hash4(load<u32>(nextIp), shift);
      candidate = base + <usize>load<u16>(TABLE + (h << 1));
      store<u16>(TABLE + (h << 1), <u16>(ip - base));
    } while (load<u32>(ip) !== load<u32>(candidate));

    const literal = ip - nextEmit;
    if (literal <= 16) {
      // The common case, kept out of emitLiteral's call: a one-byte tag and one 16-byte move.
      store<u8>(op, <u8>((literal - 1) << 2));
      v128.store(op + 1, v128.load(nextEmit));
      op += literal + 1;
    } else {
      op = emitLiteral(op, nextEmit, literal);
    }

    // Emit matches back to back while the position right after one starts another.
    while (true) {
      const matched = <usize>4 + matchLength(candidate + 4, ip + 4, end);
      op = emitCopy(op, ip - candidate, matched);
      ip += matched;
      nextEmit = ip;
      if (ip >= matchLimit) return nextEmit < end ? emitLiteral(op, nextEmit, end - nextEmit) : op;
      // Index the position before the new one too: runs and periodic data keep matching from there.
      store<u16>(TABLE + (hash4(load<u32>(ip - 1), shift) << 1), <u16>(ip - 1 - base));
      const h = hash4(load<u32>(ip), shift);
      candidate = base + <usize>load<u16>(TABLE + (h << 1));
      store<u16>(TABLE + (h << 1), <u16>(ip - base));
      if (load<u32>(ip) !== load<u32>(candidate)) break;
    }
    ip++;
    nextHash = hash4(load<u32>(ip), shift);
  }
}

/** Compresses [inPtr, inPtr + inLen) into one raw snappy block at `outPtr`, whose capacity must be at least
 *  snappyMaxCompressedLength(inLen) + 16, and the input readable for 16 bytes past its end: short literals are
 *  moved with 16-byte loads and stores. Returns the compressed length, or -2 (INVALID) for an input past 2^31 - 1
 *  bytes (Parquet page sizes are i32). */
export function snappyCompress(inPtr: usize, inLen: usize, outPtr: usize): i32 {
  if (inLen > 0x7fffffff) return -2;
  let op = outPtr;
  let n = <u32>inLen;
  while (n >= 0x80) {
    store<u8>(op++, <u8>(n | 0x80));
    n >>>= 7;
  }
  store<u8>(op++, <u8>n);
  for (let pos: usize = 0; pos < inLen; pos += FRAGMENT) {
    const len = inLen - pos < FRAGMENT ? inLen - pos : FRAGMENT;
    op = compressFragment(inPtr + pos, len, op);
  }
  return <i32>(op - outPtr);
}
