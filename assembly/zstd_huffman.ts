// Huffman-coded literals of the ZSTD decoder (RFC 8878 4.2): the tree description (weights, direct or
// FSE-compressed, 4.2.1), the decoding table built from the weights, and the 1- or 4-stream decoding of literals
// (3.1.1.3.1.6).
import { brBits, brConsumed, brInit, brOverflowed, brPtr, brRead, brReload } from './zstd_bits';
import { buildTable, KIND_SYMBOL, ncLog, ncSymbols, readNCount } from './zstd_fse';
import { HUF_TABLE, NORM, RANKS, WEIGHT_TABLE, WEIGHTS, Z_BITSTREAM, Z_HUFFMAN, Z_TRUNCATED } from './zstd_state';

/** Largest code length (Max_Number_of_Bits). */
const MAX_BITS: u32 = 11;

/** Code length of the table in HUF_TABLE (its index width). */
export let hufBits: u32 = 0;

/** Reads a Huffman_Tree_Description of at most `avail` bytes at `ip` and builds HUF_TABLE. Returns the bytes used
 *  or a negative status. */
export function readHuffmanTree(ip: usize, avail: usize): i32 {
  if (avail < 1) return Z_TRUNCATED;
  const header = <u32>load<u8>(ip);
  let used: u32;
  let count: u32;
  if (header >= 128) {
    // Direct representation: header - 127 weights of 4 bits, the first in the high nibble.
    count = header - 127;
    used = 1 + ((count + 1) >> 1);
    if (<usize>used > avail) return Z_TRUNCATED;
    for (let i: u32 = 0; i < count; i++) {
      const byte = <u32>load<u8>(ip + 1 + (i >> 1));
      store<u8>(WEIGHTS + i, <u8>(i & 1 ? byte & 15 : byte >> 4));
    }
  } else {
    used = 1 + header;
    if (<usize>used > avail) return Z_TRUNCATED;
    const decoded = decodeWeights(ip + 1, header);
    if (decoded < 0) return decoded;
    count = <u32>decoded;
  }
  const status = buildHuffmanTable(count);
  return status < 0 ? status : <i32>used;
}

/** FSE-compressed weights (4.2.1.2): a table description, then two interleaved states over one backward stream.
 *  Returns the number of weights written to WEIGHTS or a negative status. */
function decodeWeights(ip: usize, size: u32): i32 {
  if (size === 0) return Z_HUFFMAN;
  const header = readNCount(ip, size, 255, 6);
  if (header < 0) return header === Z_TRUNCATED ? Z_TRUNCATED : Z_HUFFMAN;
  const log = ncLog;
  if (buildTable(NORM, ncSymbols, log, WEIGHT_TABLE, KIND_SYMBOL) < 0) return Z_HUFFMAN;
  if (!brInit(ip + <usize>header, <usize>(size - <u32>header))) return Z_HUFFMAN;
  let state1 = brRead(log);
  let state2 = brRead(log);
  let n: u32 = 0;
  // Symbols alternate between the states until a state update reads past the stream start; the other state
  // then yields the last symbol. Each step emits a weight, so 255 weights bound the loop.
  while (true) {
    if (n > 253) return Z_HUFFMAN;
    state1 = weightStep(state1, n++);
    brReload();
    if (brOverflowed()) {
      store<u8>(WEIGHTS + n++, <u8>load<u32>(WEIGHT_TABLE + ((<usize>state2) << 3), 4));
      break;
    }
    state2 = weightStep(state2, n++);
    brReload();
    if (brOverflowed()) {
      store<u8>(WEIGHTS + n++, <u8>load<u32>(WEIGHT_TABLE + ((<usize>state1) << 3), 4));
      break;
    }
  }
  return <i32>n;
}

/** Emits the weight of `state` at WEIGHTS[n] and returns the next state. */
function weightStep(state: u32, n: u32): u32 {
  const entry = WEIGHT_TABLE + ((<usize>state) << 3);
  store<u8>(WEIGHTS + n, <u8>load<u32>(entry, 4));
  return <u32>load<u16>(entry) + brRead(<u32>load<u8>(entry, 2));
}

/** Completes `count` explicit weights with the implied last one and builds HUF_TABLE (4.2.1.3). */
function buildHuffmanTable(count: u32): i32 {
  if (count === 0 || count > 255) return Z_HUFFMAN;
  let total: u32 = 0;
  for (let i: u32 = 0; i < 16; i++) store<u32>(RANKS + (i << 2), 0);
  for (let i: u32 = 0; i < count; i++) {
    const w = <u32>load<u8>(WEIGHTS + i);
    if (w > MAX_BITS) return Z_HUFFMAN;
    if (w > 0) total += (<u32>1) << (w - 1);
  }
  if (total === 0) return Z_HUFFMAN;
  const maxBits: u32 = 32 - <u32>clz<u32>(total); // highest bit of total, plus one
  if (maxBits > MAX_BITS) return Z_HUFFMAN;
  const rest = ((<u32>1) << maxBits) - total;
  if ((rest & (rest - 1)) !== 0) return Z_HUFFMAN; // the last weight must complete a full tree
  store<u8>(WEIGHTS + count, <u8>(32 - <u32>clz<u32>(rest)));
  const symbols = count + 1;
  // Codes are assigned by increasing weight, then symbol: weight w covers 2^(w-1) table entries.
  for (let i: u32 = 0; i < symbols; i++) {
    const w = <u32>load<u8>(WEIGHTS + i);
    const rank = RANKS + (w << 2);
    store<u32>(rank, load<u32>(rank) + 1);
  }
  // The table always has 2^MAX_BITS entries (a shorter code set fills it with each entry repeated), so that the
  // lookups shift by a constant rather than by 64 - maxBits.
  const scale = MAX_BITS - maxBits;
  let start: u32 = 0;
  for (let w: u32 = 1; w <= maxBits; w++) {
    const rank = RANKS + (w << 2);
    const n = load<u32>(rank);
    store<u32>(rank, start);
    start += n << (w - 1 + scale);
  }
  for (let s: u32 = 0; s < symbols; s++) {
    const w = <u32>load<u8>(WEIGHTS + s);
    if (w === 0) continue;
    const rank = RANKS + (w << 2);
    const first = load<u32>(rank);
    const span = (<u32>1) << (w - 1 + scale);
    store<u32>(rank, first + span);
    const entry = <u16>(((maxBits + 1 - w) << 8) | s);
    for (let k: u32 = 0; k < span; k++) store<u16>(HUF_TABLE + ((<usize>(first + k)) << 1), entry);
  }
  hufBits = maxBits;
  return 0;
}

/** Decodes `count` literals from the Huffman stream [src, src + size) into `dst` with HUF_TABLE. The stream must
 *  end exactly at its last symbol. Returns 0 or a negative status. */
function decodeStream(src: usize, size: usize, dst: usize, count: usize): i32 {
  if (!brInit(src, size)) return Z_BITSTREAM;
  return finishStream(brBits, brConsumed, brPtr, src, dst, dst + count);
}

/** Looks up the next symbol of a container: the table entry (symbol | bits << 8) of its top MAX_BITS bits. */
// @ts-expect-error: decorator
function lookup(bits: u64, consumed: u32, shift: u64): u32 {
  return <u32>load<u16>(HUF_TABLE + ((<usize>((bits << consumed) >> shift)) << 1));
}

/**
 * Decodes literals into [op, end) from a stream whose reader state is (bits, consumed, ptr) over a stream starting
 * at `start`, then checks that the stream ended exactly there. Returns 0 or Z_BITSTREAM.
 */
function finishStream(bits: u64, consumed: u32, ptr: usize, start: usize, op: usize, end: usize): i32 {
  const shift: u64 = 64 - MAX_BITS;
  // 4 symbols of at most 11 bits fit the 57 bits a reload guarantees.
  while (end - op >= 4) {
    if (ptr > start) {
      let bytes = <usize>(consumed >> 3);
      const room = ptr - start;
      if (bytes > room) bytes = room;
      ptr -= bytes;
      consumed -= (<u32>bytes) << 3;
      bits = load<u64>(ptr);
    }
    let e = lookup(bits, consumed, shift);
    consumed += e >> 8;
    let word = e & 0xff;
    e = lookup(bits, consumed, shift);
    consumed += e >> 8;
    word |= (e & 0xff) << 8;
    e = lookup(bits, consumed, shift);
    consumed += e >> 8;
    word |= (e & 0xff) << 16;
    e = lookup(bits, consumed, shift);
    consumed += e >> 8;
    store<u32>(op, word | (e << 24));
    op += 4;
  }
  while (op < end) {
    if (ptr > start) {
      let bytes = <usize>(consumed >> 3);
      const room = ptr - start;
      if (bytes > room) bytes = room;
      ptr -= bytes;
      consumed -= (<u32>bytes) << 3;
      bits = load<u64>(ptr);
    }
    const e = lookup(bits, consumed, shift);
    store<u8>(op, <u8>e);
    consumed += e >> 8;
    op++;
  }
  // Every bit read, none beyond: no whole byte left before ptr and the container fully consumed.
  if (ptr > start) {
    let bytes = <usize>(consumed >> 3);
    const room = ptr - start;
    if (bytes > room) bytes = room;
    ptr -= bytes;
    consumed -= (<u32>bytes) << 3;
  }
  return ptr === start && consumed === 64 ? 0 : Z_BITSTREAM;
}

/**
 * Decodes `regenerated` Huffman-coded literals from the `size` bytes at `ip` (after any tree description) into
 * `dst`: one stream, or four behind a 6-byte jump table (3.1.1.3.1.6). Returns 0 or a negative status.
 */
export function decodeLiterals(ip: usize, size: usize, dst: usize, regenerated: usize, fourStreams: bool): i32 {
  if (hufBits === 0) return Z_HUFFMAN;
  if (!fourStreams) return decodeStream(ip, size, dst, regenerated);
  if (size < 10) return Z_TRUNCATED;
  const s1 = <usize>load<u16>(ip);
  const s2 = <usize>load<u16>(ip, 2);
  const s3 = <usize>load<u16>(ip, 4);
  if (s1 + s2 + s3 + 6 >= size) return Z_TRUNCATED;
  const s4 = size - 6 - s1 - s2 - s3;
  const segment = (regenerated + 3) >> 2;
  if (segment * 3 > regenerated) return Z_HUFFMAN;
  const start1 = ip + 6;
  const start2 = start1 + s1;
  const start3 = start2 + s2;
  const start4 = start3 + s3;
  // The four streams are decoded together: their lookups are independent, so they overlap in the CPU.
  if (!brInit(start1, s1)) return Z_BITSTREAM;
  let bits1 = brBits;
  let used1 = brConsumed;
  let ptr1 = brPtr;
  if (!brInit(start2, s2)) return Z_BITSTREAM;
  let bits2 = brBits;
  let used2 = brConsumed;
  let ptr2 = brPtr;
  if (!brInit(start3, s3)) return Z_BITSTREAM;
  let bits3 = brBits;
  let used3 = brConsumed;
  let ptr3 = brPtr;
  if (!brInit(start4, s4)) return Z_BITSTREAM;
  let bits4 = brBits;
  let used4 = brConsumed;
  let ptr4 = brPtr;
  let op1 = dst;
  let op2 = dst + segment;
  let op3 = dst + 2 * segment;
  let op4 = dst + 3 * segment;
  const end4 = dst + regenerated;
  const shift: u64 = 64 - MAX_BITS;
  // Rounds of 5 symbols a stream. Stream 4 is the shortest: while it has 5 symbols to go, so do the others. Every
  // reload must step back whole bytes without reaching its stream's start (the careful reload is left to
  // finishStream): a round reads at most 55 bits, so a reload steps back at most 7 bytes, and a stream at least
  // 7 * n + 1 bytes from its start has n rounds to go. The inner loop counts those rounds instead of testing the
  // four streams each time (its condition cost as much as a symbol, and kept four more values live); the count is
  // taken again when they run out, since streams rarely use 11 bits a symbol.
  while (true) {
    let rounds = (end4 - op4) / 5;
    let room = ptr1 - start1;
    if (ptr2 - start2 < room) room = ptr2 - start2;
    if (ptr3 - start3 < room) room = ptr3 - start3;
    if (ptr4 - start4 < room) room = ptr4 - start4;
    if (room < 8) break;
    if ((room - 1) / 7 < rounds) rounds = (room - 1) / 7;
    if (rounds === 0) break;
    do {
      ptr1 -= <usize>(used1 >> 3);
      used1 &= 7;
      bits1 = load<u64>(ptr1);
      ptr2 -= <usize>(used2 >> 3);
      used2 &= 7;
      bits2 = load<u64>(ptr2);
      ptr3 -= <usize>(used3 >> 3);
      used3 &= 7;
      bits3 = load<u64>(ptr3);
      ptr4 -= <usize>(used4 >> 3);
      used4 &= 7;
      bits4 = load<u64>(ptr4);
      let a = lookup(bits1, used1, shift);
      let b = lookup(bits2, used2, shift);
      let c = lookup(bits3, used3, shift);
      let d = lookup(bits4, used4, shift);
      used1 += a >> 8;
      used2 += b >> 8;
      used3 += c >> 8;
      used4 += d >> 8;
      let w1 = a & 0xff;
      let w2 = b & 0xff;
      let w3 = c & 0xff;
      let w4 = d & 0xff;
      a = lookup(bits1, used1, shift);
      b = lookup(bits2, used2, shift);
      c = lookup(bits3, used3, shift);
      d = lookup(bits4, used4, shift);
      used1 += a >> 8;
      used2 += b >> 8;
      used3 += c >> 8;
      used4 += d >> 8;
      w1 |= (a & 0xff) << 8;
      w2 |= (b & 0xff) << 8;
      w3 |= (c & 0xff) << 8;
      w4 |= (d & 0xff) << 8;
      a = lookup(bits1, used1, shift);
      b = lookup(bits2, used2, shift);
      c = lookup(bits3, used3, shift);
      d = lookup(bits4, used4, shift);
      used1 += a >> 8;
      used2 += b >> 8;
      used3 += c >> 8;
      used4 += d >> 8;
      w1 |= (a & 0xff) << 16;
      w2 |= (b & 0xff) << 16;
      w3 |= (c & 0xff) << 16;
      w4 |= (d & 0xff) << 16;
      a = lookup(bits1, used1, shift);
      b = lookup(bits2, used2, shift);
      c = lookup(bits3, used3, shift);
      d = lookup(bits4, used4, shift);
      used1 += a >> 8;
      used2 += b >> 8;
      used3 += c >> 8;
      used4 += d >> 8;
      store<u32>(op1, w1 | (a << 24));
      store<u32>(op2, w2 | (b << 24));
      store<u32>(op3, w3 | (c << 24));
      store<u32>(op4, w4 | (d << 24));
      // A fifth symbol per refill: 5 x 11 bits fit the 57 a refill leaves (at most 7 bits of the container used).
      a = lookup(bits1, used1, shift);
      b = lookup(bits2, used2, shift);
      c = lookup(bits3, used3, shift);
      d = lookup(bits4, used4, shift);
      used1 += a >> 8;
      used2 += b >> 8;
      used3 += c >> 8;
      used4 += d >> 8;
      store<u8>(op1, <u8>a, 4);
      store<u8>(op2, <u8>b, 4);
      store<u8>(op3, <u8>c, 4);
      store<u8>(op4, <u8>d, 4);
      op1 += 5;
      op2 += 5;
      op3 += 5;
      op4 += 5;
    } while (--rounds > 0);
  }
  let status = finishStream(bits1, used1, ptr1, start1, op1, dst + segment);
  if (status < 0) return status;
  status = finishStream(bits2, used2, ptr2, start2, op2, dst + 2 * segment);
  if (status < 0) return status;
  status = finishStream(bits3, used3, ptr3, start3, op3, dst + 3 * segment);
  if (status < 0) return status;
  return finishStream(bits4, used4, ptr4, start4, op4, end4);
}
