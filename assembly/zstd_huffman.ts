// Huffman-coded literals of the ZSTD decoder (RFC 8878 4.2): the tree description (weights, direct or
// FSE-compressed, 4.2.1), the decoding table built from the weights, and the 1- or 4-stream decoding of literals
// (3.1.1.3.1.6).
import {
  brBits,
  brConsumed,
  brFinished,
  brInit,
  brOverflowed,
  brPtr,
  brRead,
  brReload,
} from './zstd_bits';
import { buildTable, KIND_SYMBOL, ncLog, ncSymbols, readNCount } from './zstd_fse';
import {
  HUF_TABLE,
  NORM,
  RANKS,
  WEIGHT_TABLE,
  WEIGHTS,
  Z_BITSTREAM,
  Z_HUFFMAN,
  Z_TRUNCATED,
} from './zstd_state';

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
      store<u8>(WEIGHTS + n++, <u8>load<u32>(WEIGHT_TABLE + (<usize>state2 << 3), 4));
      break;
    }
    state2 = weightStep(state2, n++);
    brReload();
    if (brOverflowed()) {
      store<u8>(WEIGHTS + n++, <u8>load<u32>(WEIGHT_TABLE + (<usize>state1 << 3), 4));
      break;
    }
  }
  return <i32>n;
}

/** Emits the weight of `state` at WEIGHTS[n] and returns the next state. */
function weightStep(state: u32, n: u32): u32 {
  const entry = WEIGHT_TABLE + (<usize>state << 3);
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
    if (w > 0) total += <u32>1 << (w - 1);
  }
  if (total === 0) return Z_HUFFMAN;
  const maxBits: u32 = 32 - <u32>clz<u32>(total); // highest bit of total, plus one
  if (maxBits > MAX_BITS) return Z_HUFFMAN;
  const rest = (<u32>1 << maxBits) - total;
  if ((rest & (rest - 1)) !== 0) return Z_HUFFMAN; // the last weight must complete a full tree
  store<u8>(WEIGHTS + count, <u8>(32 - <u32>clz<u32>(rest)));
  const symbols = count + 1;
  // Codes are assigned by increasing weight, then symbol: weight w covers 2^(w-1) table entries.
  for (let i: u32 = 0; i < symbols; i++) {
    const w = <u32>load<u8>(WEIGHTS + i);
    const rank = RANKS + (w << 2);
    store<u32>(rank, load<u32>(rank) + 1);
  }
  let start: u32 = 0;
  for (let w: u32 = 1; w <= maxBits; w++) {
    const rank = RANKS + (w << 2);
    const n = load<u32>(rank);
    store<u32>(rank, start);
    start += n << (w - 1);
  }
  for (let s: u32 = 0; s < symbols; s++) {
    const w = <u32>load<u8>(WEIGHTS + s);
    if (w === 0) continue;
    const rank = RANKS + (w << 2);
    const first = load<u32>(rank);
    const span = <u32>1 << (w - 1);
    store<u32>(rank, first + span);
    const entry = <u16>(((maxBits + 1 - w) << 8) | s);
    for (let k: u32 = 0; k < span; k++) store<u16>(HUF_TABLE + (<usize>(first + k) << 1), entry);
  }
  hufBits = maxBits;
  return 0;
}

/**
 * Decodes `count` literals from the Huffman stream [src, src + size) into `dst` with HUF_TABLE. The stream must
 * end exactly at its last symbol. Returns 0 or a negative status.
 */
function decodeStream(src: usize, size: usize, dst: usize, count: usize): i32 {
  if (!brInit(src, size)) return Z_BITSTREAM;
  // Local copies of the reader: this loop decides the speed of literal decoding.
  let bits = brBits;
  let consumed = brConsumed;
  let ptr = brPtr;
  const start = src;
  const table = HUF_TABLE;
  const shift = <u64>(64 - hufBits);
  let op = dst;
  const end = dst + count;
  // 4 symbols of at most 11 bits fit the 57 bits a reload guarantees.
  while (end - op >= 4) {
    if (ptr > start) {
      let bytes = <usize>(consumed >> 3);
      const room = ptr - start;
      if (bytes > room) bytes = room;
      ptr -= bytes;
      consumed -= <u32>bytes << 3;
      bits = load<u64>(ptr);
    }
    let e = <u32>load<u16>(table + (<usize>((bits << consumed) >> shift) << 1));
    store<u8>(op, <u8>e);
    consumed += e >> 8;
    e = <u32>load<u16>(table + (<usize>((bits << consumed) >> shift) << 1));
    store<u8>(op, <u8>e, 1);
    consumed += e >> 8;
    e = <u32>load<u16>(table + (<usize>((bits << consumed) >> shift) << 1));
    store<u8>(op, <u8>e, 2);
    consumed += e >> 8;
    e = <u32>load<u16>(table + (<usize>((bits << consumed) >> shift) << 1));
    store<u8>(op, <u8>e, 3);
    consumed += e >> 8;
    op += 4;
  }
  while (op < end) {
    if (ptr > start) {
      let bytes = <usize>(consumed >> 3);
      const room = ptr - start;
      if (bytes > room) bytes = room;
      ptr -= bytes;
      consumed -= <u32>bytes << 3;
      bits = load<u64>(ptr);
    }
    const e = <u32>load<u16>(table + (<usize>((bits << consumed) >> shift) << 1));
    store<u8>(op, <u8>e);
    consumed += e >> 8;
    op++;
  }
  // Every bit read, none beyond: (ptr - start) whole bytes plus the container's unread bits are zero.
  if (ptr !== start || consumed !== 64) {
    if (ptr > start) {
      let bytes = <usize>(consumed >> 3);
      const room = ptr - start;
      if (bytes > room) bytes = room;
      ptr -= bytes;
      consumed -= <u32>bytes << 3;
    }
    if (ptr !== start || consumed !== 64) return Z_BITSTREAM;
  }
  return 0;
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
  let src = ip + 6;
  let status = decodeStream(src, s1, dst, segment);
  if (status < 0) return status;
  src += s1;
  status = decodeStream(src, s2, dst + segment, segment);
  if (status < 0) return status;
  src += s2;
  status = decodeStream(src, s3, dst + 2 * segment, segment);
  if (status < 0) return status;
  src += s3;
  return decodeStream(src, s4, dst + 3 * segment, regenerated - 3 * segment);
}
