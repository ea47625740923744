// LZ4 block compression (lz4_Block_format.md): sequences of [token][literal length bytes][literals][offset u16]
// [match length bytes]; the last sequence is literals only. The format's end-of-block rules: the last 5 bytes
// are literals, and the last match starts at least 12 bytes before the end of the block.
//
// Match finding as in snappy_compress.ts: a hash of 4 bytes indexes a table of the last position seen with that
// hash (u32 offsets into the input, so one table covers inputs of any size; candidates more than 65535 bytes
// back are ignored), and the scan step grows while nothing matches.

import { matchLength } from './match_length';

const MIN_MATCH: usize = 4;
/** The last 5 bytes are literals (lz4_Block_format.md, "End of block conditions"). */
const LAST_LITERALS: usize = 5;
/** A match may not start within the last 12 bytes. */
const MF_LIMIT: usize = 12;
const MAX_DISTANCE: usize = 65535;
const MAX_TABLE_BITS: u32 = 14;

const TABLE: usize = memory.data(4 << MAX_TABLE_BITS, 16);

/** Upper bound of the compressed size of `n` input bytes (LZ4_COMPRESSBOUND). */
export function lz4MaxCompressedLength(n: usize): usize {
  return n + n / 255 + 16;
}

function hash4(bytes: u32, shift: u32): usize {
  return <usize>((bytes * 2654435761) >>> shift);
}

/** Writes the 255-run extension of a length field whose 4-bit nibble was saturated (value >= 15). */
function writeLengthExtension(op: usize, rest: usize): usize {
  while (rest >= 255) {
    store<u8>(op++, 255);
    rest -= 255;
  }
  store<u8>(op++, <u8>rest);
  return op;
}

/** Writes a sequence header and `litLen` literals from `src`; returns the position of the offset field. The
 *  match-length nibble is `matchCode` (match length - 4, saturated to 15 by the caller). */
function emitLiterals(op: usize, src: usize, litLen: usize, matchNibble: u32): usize {
  const token = op++;
  if (litLen >= 15) {
    store<u8>(token, <u8>((15 << 4) | matchNibble));
    op = writeLengthExtension(op, litLen - 15);
  } else {
    store<u8>(token, <u8>(((<u32>litLen) << 4) | matchNibble));
  }
  if (litLen <= 16) {
    v128.store(op, v128.load(src));
  } else {
    memory.copy(op, src, litLen);
  }
  return op + litLen;
}

/** Where compressSequences stopped writing (its second result). */
let sequencesEnd: usize = 0;

/** Emits every sequence that has a match; returns the anchor (start of the final literals) and leaves the output
 *  position in `sequencesEnd`. */
function compressSequences(inPtr: usize, end: usize, outPtr: usize, shift: u32): usize {
  const matchLimit = end - MF_LIMIT;
  const extendLimit = end - LAST_LITERALS;
  let op = outPtr;
  let anchor = inPtr;
  let ip = inPtr + 1;
  let nextHash = hash4(load<u32>(ip), shift);
  while (true) {
    let skip: u32 = 32;
    let nextIp = ip;
    let candidate: usize = 0;
    do {
      ip = nextIp;
      const h = nextHash;
      nextIp = ip + <usize>(skip++ >>> 5);
      if (nextIp > matchLimit) {
        sequencesEnd = op;
        return anchor;
      }
      nextHash = hash4(load<u32>(nextIp), shift);
      candidate = inPtr + <usize>load<u32>(TABLE + (h << 2));
      store<u32>(TABLE + (h << 2), <u32>(ip - inPtr));
    } while (ip - candidate > MAX_DISTANCE || load<u32>(ip) !== load<u32>(candidate));

    // Extend backwards over literals that also match.
    while (ip > anchor && candidate > inPtr && load<u8>(ip - 1) === load<u8>(candidate - 1)) {
      ip--;
      candidate--;
    }

    while (true) {
      const matched = MIN_MATCH + matchLength(candidate + MIN_MATCH, ip + MIN_MATCH, extendLimit);
      const code = matched - MIN_MATCH;
      op = emitLiterals(op, anchor, ip - anchor, code >= 15 ? 15 : <u32>code);
      store<u16>(op, <u16>(ip - candidate));
      op += 2;
      if (code >= 15) op = writeLengthExtension(op, code - 15);
      ip += matched;
      anchor = ip;
      if (ip > matchLimit) {
        sequencesEnd = op;
        return anchor;
      }
      store<u32>(TABLE + (hash4(load<u32>(ip - 2), shift) << 2), <u32>(ip - 2 - inPtr));
      const h = hash4(load<u32>(ip), shift);
      candidate = inPtr + <usize>load<u32>(TABLE + (h << 2));
      store<u32>(TABLE + (h << 2), <u32>(ip - inPtr));
      // A match right away: a sequence with no literals.
      if (ip - candidate > MAX_DISTANCE || load<u32>(ip) !== load<u32>(candidate)) break;
    }
    ip++;
    nextHash = hash4(load<u32>(ip), shift);
  }
}

/** Compresses [inPtr, inPtr + inLen) into one LZ4 block at `outPtr`, whose capacity must be at least
 *  lz4MaxCompressedLength(inLen) + 16 (short literals are copied with 16-byte stores). The input must be
 *  readable for 16 bytes past its end. Returns the block length, or -2 (INVALID) for inputs past 2^31 - 1 bytes. */
export function lz4BlockCompress(inPtr: usize, inLen: usize, outPtr: usize): i32 {
  if (inLen > 0x7fffffff) return -2;
  const end = inPtr + inLen;
  let op = outPtr;
  let anchor = inPtr;
  if (inLen > MF_LIMIT) {
    let bits: u32 = 10;
    while (bits < MAX_TABLE_BITS && (<usize>1) << bits < inLen) bits++;
    const shift = 32 - bits;
    memory.fill(TABLE, 0, (<usize>4) << bits);
    anchor = compressSequences(inPtr, end, outPtr, shift);
    op = sequencesEnd;
  }
  // Last literals.
  const litLen = end - anchor;
  const token = op++;
  if (litLen >= 15) {
    store<u8>(token, 15 << 4);
    op = writeLengthExtension(op, litLen - 15);
  } else {
    store<u8>(token, <u8>(litLen << 4));
  }
  memory.copy(op, anchor, litLen);
  op += litLen;
  return <i32>(op - outPtr);
}
