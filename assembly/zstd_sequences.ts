// The sequences section of a ZSTD compressed block (RFC 8878 3.1.1.3.2) and sequence execution (3.1.1.4-3.1.1.5):
// each sequence is decoded and executed at once (literals copied, then the match), straight into the output,
// which is also the window: a frame's output is contiguous, so a match reads the bytes decoded before it.
import {
  buildPredefined,
  buildRleTable,
  buildTable,
  KIND_LITERAL_LENGTH,
  KIND_MATCH_LENGTH,
  KIND_OFFSET,
  LL_MAX_LOG,
  LL_MAX_SYMBOL,
  ML_MAX_LOG,
  ML_MAX_SYMBOL,
  ncLog,
  ncSymbols,
  OF_MAX_LOG,
  OF_MAX_SYMBOL,
  readNCount,
} from './zstd_fse';
import {
  LL_PREDEFINED,
  LL_TABLE,
  ML_PREDEFINED,
  ML_TABLE,
  NORM,
  OF_PREDEFINED,
  OF_TABLE,
  Z_BITSTREAM,
  Z_CORRUPT,
  Z_LITERALS,
  Z_NO_PREVIOUS,
  Z_OFFSET,
  Z_OVERFLOW,
  Z_RESERVED,
  Z_TRUNCATED,
} from './zstd_state';

// Per-frame decoder state, reset by resetSequenceState at each frame start. The block's three tables always sit at
// LL_TABLE, OF_TABLE and ML_TABLE (a predefined table is copied there), so the sequence loop indexes them at
// constant addresses instead of keeping three more pointers live (it already has more values than registers).
let rep1: u32 = 1;
let rep2: u32 = 4;
let rep3: u32 = 8;
let llReady = false;
let ofReady = false;
let mlReady = false;
let llLog: u32 = 0;
let ofLog: u32 = 0;
let mlLog: u32 = 0;

/** Output position after the last executed sequence (the result of decodeSequences). */
export let seqOut: usize = 0;

/** Starts a frame: repeat offsets 1, 4, 8 and no previous tables (3.1.1.5, 3.1.1.3.2.1). */
export function resetSequenceState(): void {
  rep1 = 1;
  rep2 = 4;
  rep3 = 8;
  llReady = false;
  ofReady = false;
  mlReady = false;
}

/** Selects the table of one code kind from its 2-bit mode; returns bytes used or a negative status. */
function selectTable(mode: u32, ip: usize, avail: usize, kind: u32): i32 {
  let maxSymbol = LL_MAX_SYMBOL;
  let maxLog = LL_MAX_LOG;
  let dynamic = LL_TABLE;
  let predefined = LL_PREDEFINED;
  let predefinedLog: u32 = 6;
  if (kind === KIND_OFFSET) {
    maxSymbol = OF_MAX_SYMBOL;
    maxLog = OF_MAX_LOG;
    dynamic = OF_TABLE;
    predefined = OF_PREDEFINED;
    predefinedLog = 5;
  } else if (kind === KIND_MATCH_LENGTH) {
    maxSymbol = ML_MAX_SYMBOL;
    maxLog = ML_MAX_LOG;
    dynamic = ML_TABLE;
    predefined = ML_PREDEFINED;
  }
  let log: u32 = 0;
  let used: i32 = 0;
  if (mode === 0) {
    buildPredefined(LL_PREDEFINED, OF_PREDEFINED, ML_PREDEFINED);
    memory.copy(dynamic, predefined, ((<usize>1) << predefinedLog) << 3);
    log = predefinedLog;
  } else if (mode === 1) {
    if (avail < 1) return Z_TRUNCATED;
    if (buildRleTable(load<u8>(ip), maxSymbol, dynamic, kind) < 0) return Z_CORRUPT;
    used = 1;
  } else if (mode === 2) {
    used = readNCount(ip, avail, maxSymbol, maxLog);
    if (used < 0) return used;
    log = ncLog;
    if (buildTable(NORM, ncSymbols, log, dynamic, kind) < 0) return Z_CORRUPT;
  } else {
    // Repeat_Mode: the previous block's table of this frame, still in place.
    const ready = kind === KIND_LITERAL_LENGTH ? llReady : kind === KIND_OFFSET ? ofReady : mlReady;
    return ready ? 0 : Z_NO_PREVIOUS;
  }
  if (kind === KIND_LITERAL_LENGTH) {
    llReady = true;
    llLog = log;
  } else if (kind === KIND_OFFSET) {
    ofReady = true;
    ofLog = log;
  } else {
    mlReady = true;
    mlLog = log;
  }
  return used;
}

/**
 * Decodes the sequences section [ip, ip + size) and executes its sequences into the output from `op`, taking
 * literals from [lit, litEnd); then copies the remaining literals. Matches may reach back to `frameStart`; the
 * output must not pass `outEnd` (with ZSTD_SLACK writable bytes beyond it). Sets seqOut; returns 0 or a negative
 * status.
 */
export function decodeSequences(
  ip: usize,
  size: usize,
  lit: usize,
  litEnd: usize,
  op: usize,
  outEnd: usize,
  frameStart: usize,
): i32 {
  const end = ip + size;
  if (size < 1) return Z_TRUNCATED;
  let count = <u32>load<u8>(ip++);
  if (count >= 128) {
    if (count === 255) {
      if (end - ip < 2) return Z_TRUNCATED;
      count = <u32>load<u16>(ip) + 0x7f00;
      ip += 2;
    } else {
      if (end - ip < 1) return Z_TRUNCATED;
      count = ((count - 128) << 8) + <u32>load<u8>(ip++);
    }
  }
  if (count > 0) {
    if (end - ip < 1) return Z_TRUNCATED;
    const modes = <u32>load<u8>(ip++);
    if (modes & 3) return Z_RESERVED;
    let used = selectTable(modes >> 6, ip, end - ip, KIND_LITERAL_LENGTH);
    if (used < 0) return used;
    ip += <usize>used;
    used = selectTable((modes >> 4) & 3, ip, end - ip, KIND_OFFSET);
    if (used < 0) return used;
    ip += <usize>used;
    used = selectTable((modes >> 2) & 3, ip, end - ip, KIND_MATCH_LENGTH);
    if (used < 0) return used;
    ip += <usize>used;
    const status = executeSequences(ip, end - ip, count, lit, litEnd, op, outEnd, frameStart);
    if (status < 0) return status;
    op = seqOut;
    lit = seqLit;
  } else if (ip !== end) {
    return Z_CORRUPT;
  }
  const rest = litEnd - lit;
  if (rest > outEnd - op) return Z_OVERFLOW;
  memory.copy(op, lit, rest);
  seqOut = op + rest;
  return 0;
}

/** Literals position after the last executed sequence. */
let seqLit: usize = 0;

/** Reads a 64-bit little-endian container from the backward stream at `ptr`. */
// @ts-expect-error: decorator
function bitsAt(ptr: usize): u64 {
  return load<u64>(ptr);
}

/**
 * Copies a match from fewer than 16 bytes back (half of all matches in typical Parquet pages: repeating 4- and
 * 8-byte values), inlined into the sequence loop, whose many live locals a call would spill. Under 8 bytes back,
 * each 8-byte store doubles the distance to the source (the bytes between hold the repeating pattern), so after at
 * most three steps 8-byte steps are safe. May write up to 16 bytes past the match (the output's ZSTD_SLACK).
 */
// Called from one place: binaryen inlines it (an @inline decorator would not pass the linter).
function copyShortMatch(op: usize, dist: usize, len: usize): void {
  const src = op - dist;
  const end = op + len;
  let d = op;
  while (d - src < 8) {
    store<u64>(d, load<u64>(src));
    d += d - src;
    if (d >= end) return;
  }
  // d - src is now a multiple of `dist` from 8 to 15: copying from that far back repeats the pattern.
  let s = src;
  do {
    store<u64>(d, load<u64>(s));
    d += 8;
    s += 8;
  } while (d < end);
}

/** The sequence loop (3.1.1.3.2.2 decoding order; 3.1.1.5 repeat offsets). */
function executeSequences(
  src: usize,
  size: usize,
  count: u32,
  lit: usize,
  litEnd: usize,
  op: usize,
  outEnd: usize,
  frameStart: usize,
): i32 {
  if (size < 1) return Z_TRUNCATED;
  const last = <u32>load<u8>(src + size - 1);
  if (last === 0) return Z_BITSTREAM;
  const start = src;
  const padding = clz<u32>(last) - 23;
  let bits: u64;
  let consumed: u32;
  let ptr: usize;
  if (size >= 8) {
    ptr = src + size - 8;
    bits = bitsAt(ptr);
    consumed = padding;
  } else {
    let assembled: u64 = 0;
    for (let i: usize = 0; i < size; i++) assembled |= (<u64>load<u8>(src + i)) << ((<u64>i) << 3);
    bits = assembled; // the empty top bytes count as consumed
    ptr = src;
    consumed = ((<u32>(8 - <u32>size)) << 3) + padding;
  }
  // Initial states: literals length, offset, match length, in that order.
  let llState = <u32>(((bits << consumed) >> 1) >> (63 - llLog));
  consumed += llLog;
  let ofState = <u32>(((bits << consumed) >> 1) >> (63 - ofLog));
  consumed += ofLog;
  let mlState = <u32>(((bits << consumed) >> 1) >> (63 - mlLog));
  consumed += mlLog;
  // The loop has more live values than the machine has registers; these save three: repeat offsets 2 (low half)
  // and 3 (high half) share one value ("r3 = r2; r2 = r1" is one shift and one or), the loop counts down, and the
  // offset test is one unsigned comparison.
  let r1 = rep1;
  let r23 = <u64>rep2 | ((<u64>rep3) << 32);
  for (let left = count; left > 0; left--) {
    // One refill per sequence. At least 8 bytes from the stream start (all but the last few sequences), it steps
    // back by the whole bytes consumed at once; closer, by no more than the bytes left.
    if (ptr - start >= 8) {
      ptr -= <usize>(consumed >> 3);
      consumed &= 7;
      bits = bitsAt(ptr);
    } else if (ptr > start) {
      let bytes = <usize>(consumed >> 3);
      const room = ptr - start;
      if (bytes > room) bytes = room;
      ptr -= bytes;
      consumed -= (<u32>bytes) << 3;
      bits = bitsAt(ptr);
    }
    const llEntry = load<u64>((<usize>llState) << 3, LL_TABLE);
    const mlEntry = load<u64>((<usize>mlState) << 3, ML_TABLE);
    const ofEntry = load<u64>((<usize>ofState) << 3, OF_TABLE);
    // Extra bits: offset, then match length, then literals length.
    const ofBits = <u32>(ofEntry >> 24) & 0xff;
    let ofValue = <u32>(ofEntry >> 32) + <u32>(((bits << consumed) >> 1) >> (63 - ofBits));
    consumed += ofBits;
    const mlBits = <u32>(mlEntry >> 24) & 0xff;
    const ml = <u32>(mlEntry >> 32) + <u32>(((bits << consumed) >> 1) >> (63 - mlBits));
    consumed += mlBits;
    const llBits = <u32>(llEntry >> 24) & 0xff;
    // The refill at the top leaves at least 57 bits: enough for the extra bits and the three state updates (at most
    // 9 + 9 + 8 bits) while the extra bits take at most 31. Beyond that (long offsets or lengths: rare), a second
    // refill before the literals length bits (at most 7 + 31 + 16 bits read by then).
    if (ofBits + mlBits + llBits > 31) {
      let bytes = <usize>(consumed >> 3);
      const room = ptr - start;
      if (bytes > room) bytes = room;
      ptr -= bytes;
      consumed -= (<u32>bytes) << 3;
      bits = bitsAt(ptr);
    }
    const ll = <u32>(llEntry >> 32) + <u32>(((bits << consumed) >> 1) >> (63 - llBits));
    consumed += llBits;
    if (left > 1) {
      // State updates: literals length, match length, offset. Before the repeat offsets, so that the next states
      // (the loop's critical path) come first and the three table entries die sooner.
      let nb = <u32>(llEntry >> 16) & 0xff;
      llState = (<u32>llEntry & 0xffff) + <u32>(((bits << consumed) >> 1) >> (63 - nb));
      consumed += nb;
      nb = <u32>(mlEntry >> 16) & 0xff;
      mlState = (<u32>mlEntry & 0xffff) + <u32>(((bits << consumed) >> 1) >> (63 - nb));
      consumed += nb;
      nb = <u32>(ofEntry >> 16) & 0xff;
      ofState = (<u32>ofEntry & 0xffff) + <u32>(((bits << consumed) >> 1) >> (63 - nb));
      consumed += nb;
    }
    // Repeat offsets: values 1..3 name one (shifted by one when there are no literals), above 3 a new offset.
    let offset: u32;
    if (ofValue > 3) {
      offset = ofValue - 3;
      r23 = (r23 << 32) | <u64>r1;
      r1 = offset;
    } else {
      const index = ofValue - (ll === 0 ? 0 : 1);
      if (index === 0) {
        offset = r1;
      } else if (index === 1) {
        offset = <u32>r23;
        r23 = (r23 & 0xffffffff00000000) | <u64>r1;
        r1 = offset;
      } else {
        offset = index === 2 ? <u32>(r23 >> 32) : r1 - 1;
        r23 = (r23 << 32) | <u64>r1;
        r1 = offset;
      }
    }
    // Execute: literals, then the match.
    const litLen = <usize>ll;
    const matchLen = <usize>ml;
    if (litLen > litEnd - lit) return Z_LITERALS;
    if (litLen + matchLen > outEnd - op) return Z_OVERFLOW;
    // 32 bytes whatever the length (the output and the literals have ZSTD_SLACK bytes to spare): lengths spread
    // around 16 (text) made a <= 16 test mispredict; over 32 is rare.
    v128.store(op, v128.load(lit));
    v128.store(op, v128.load(lit, 16), 16);
    if (litLen > 32) {
      let s = lit + 32;
      let d = op + 32;
      const stop = op + litLen;
      do {
        v128.store(d, v128.load(s));
        d += 16;
        s += 16;
      } while (d < stop);
    }
    op += litLen;
    lit += litLen;
    const dist = <usize>offset;
    if (dist - 1 >= op - frameStart) return Z_OFFSET; // also 0, which wraps around
    // Wide copies may write 16 bytes past the match: the output has ZSTD_SLACK bytes past outEnd. Matches at
    // least 16 bytes back (most of them) are copied here in 16-byte steps; closer ones repeat a short pattern.
    if (dist >= 16) {
      // Two 16-byte steps at once, as for the literals: each reads bytes at least 16 behind what it writes.
      const from = op - dist;
      v128.store(op, v128.load(from));
      v128.store(op, v128.load(from, 16), 16);
      if (matchLen > 32) {
        let s = from + 32;
        let d = op + 32;
        const stop = op + matchLen;
        do {
          v128.store(d, v128.load(s));
          d += 16;
          s += 16;
        } while (d < stop);
      }
    } else {
      copyShortMatch(op, dist, matchLen);
    }
    op += matchLen;
  }
  // The stream must end exactly after the last sequence's extra bits.
  if (ptr > start) {
    let bytes = <usize>(consumed >> 3);
    const room = ptr - start;
    if (bytes > room) bytes = room;
    ptr -= bytes;
    consumed -= (<u32>bytes) << 3;
  }
  if (ptr !== start || consumed !== 64) return Z_BITSTREAM;
  rep1 = r1;
  rep2 = <u32>r23;
  rep3 = <u32>(r23 >> 32);
  seqOut = op;
  seqLit = lit;
  return 0;
}
