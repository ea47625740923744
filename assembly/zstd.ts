// ZSTD decompression (RFC 8878): frames (3.1.1), skippable frames (3.1.2), raw, RLE and compressed blocks
// (3.1.1.2), literals sections (3.1.1.3.1), sequences (zstd_sequences.ts) and the optional content checksum. Frames
// decode straight into the caller's output, one after another; the output is also each frame's window, so no
// window buffer is reserved whatever Window_Size a frame declares. Dictionaries are not supported: a frame with a
// non-zero Dictionary_ID is refused.
//
// Every length read from the input is checked against the input and output bounds before use, and every loop is
// bounded by the input or output size, so corrupt data yields a negative status, never an out-of-bounds access or
// an endless loop.
//
// Speed (bench/zstd-read.mjs, profiles of the bench's zstd file, `node bench/zstd-kernel.mjs --ab A.wasm,B.wasm`
// for kernel builds): the sequence loop (about half the kernel) and the four interleaved Huffman streams (a third)
// take most of the decode. The sequence loop holds more values than x64 has registers, and V8 spills the rest on
// every sequence; its decode is a chain of dependent loads and shifts that the copies overlap with. What moved it:
// tables at constant addresses, one container refill per sequence, three fewer live values (repeat offsets 2 and 3
// in one u64, a count-down loop), state updates before the repeat offsets, and a counted Huffman round loop.
// Tried and reverted because they did not move the figures (or slowed them): a two-symbol Huffman table, decoding
// the streams two by two or as two pairs per round, one output pointer for the four streams, byte stores per
// symbol, the Huffman table index as a load offset (slower), selects instead of branches for repeat offsets, an
// inline 8-byte match copy, decoding sequences in batches of 128 before executing them (15% slower: the copies no
// longer overlap the decode), 16-byte FSE entries read field by field (slower), the three states in one u64, the
// loop's bounds in linear memory, re-reading the entries' state fields from the tables (slower: a load on the
// critical path), pairwise sums of the state bit positions, and per-symbol precomputed entries in the FSE build.
import { xxh64 } from './xxhash64';
import { decodeLiterals, hufBits, readHuffmanTree } from './zstd_huffman';
import { decodeSequences, resetSequenceState, seqOut } from './zstd_sequences';
import {
  BLOCK_MAX,
  LIT_BUF,
  Z_BLOCK_SIZE,
  Z_CHECKSUM,
  Z_CONTENT_SIZE,
  Z_CORRUPT,
  Z_DICTIONARY,
  Z_MAGIC,
  Z_NO_PREVIOUS,
  Z_OVERFLOW,
  Z_RESERVED,
  Z_TRUNCATED,
  ZSTD_SLACK,
} from './zstd_state';

const MAGIC: u32 = 0xfd2fb528;
const SKIPPABLE_MASK: u32 = 0xfffffff0;
const SKIPPABLE_MAGIC: u32 = 0x184d2a50;

/** Input offset of the frame, block or section being decoded when the last call failed. */
let errorAt: usize = 0;

/** Whether this frame has a Huffman table yet (for Treeless literals). */
let huffmanReady = false;

// The literals of the current block, set by readLiterals.
let litStart: usize = 0;
let litEnd: usize = 0;

/** Input offset (from the start of the input) where the last failing call stopped: frame, block or section. */
export function zstdErrorOffset(): u32 {
  return <u32>errorAt;
}

/** Output bytes the caller must reserve past `outLen` for the decoder's wide stores. */
export function zstdSlack(): u32 {
  return <u32>ZSTD_SLACK;
}

/**
 * Decompresses the zstd frames [inPtr, inPtr + inLen) into [outPtr, outPtr + outLen). The caller reserves
 * zstdSlack() writable bytes past both the input and the output (wide loads and stores). Returns the number of
 * bytes produced, or a negative status (zstd_state.ts) with zstdErrorOffset() telling where.
 */
export function zstdDecompress(inPtr: usize, inLen: usize, outPtr: usize, outLen: usize): i32 {
  const inEnd = inPtr + inLen;
  const outEnd = outPtr + outLen;
  let ip = inPtr;
  let op = outPtr;
  while (ip < inEnd) {
    errorAt = ip - inPtr;
    if (inEnd - ip < 4) return Z_TRUNCATED;
    const magic = load<u32>(ip);
    if ((magic & SKIPPABLE_MASK) === SKIPPABLE_MAGIC) {
      if (inEnd - ip < 8) return Z_TRUNCATED;
      const size = <usize>load<u32>(ip, 4);
      if (size > inEnd - ip - 8) return Z_TRUNCATED;
      ip += 8 + size;
      continue;
    }
    if (magic !== MAGIC) return Z_MAGIC;
    const status = decodeFrame(inPtr, ip + 4, inEnd, op, outEnd);
    if (status < 0) return status;
    ip = frameIn;
    op = frameOut;
  }
  return <i32>(op - outPtr);
}

// Where decodeFrame stopped, in the input and the output.
let frameIn: usize = 0;
let frameOut: usize = 0;

/** Decodes one frame whose header starts at `ip` (after the magic number). Sets frameIn and frameOut. */
function decodeFrame(inPtr: usize, ip: usize, inEnd: usize, op: usize, outEnd: usize): i32 {
  if (ip >= inEnd) return Z_TRUNCATED;
  // Frame_Header_Descriptor (3.1.1.1.1).
  const descriptor = <u32>load<u8>(ip++);
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const hasChecksum = (descriptor >> 2) & 1;
  const dictionaryIdFlag = descriptor & 3;
  if (descriptor & 8) return Z_RESERVED;
  // The Window_Descriptor (3.1.1.1.2) needs no buffer here: the output is the window.
  if (!singleSegment) ip++;
  const dictionaryIdBytes: usize = dictionaryIdFlag === 3 ? 4 : <usize>dictionaryIdFlag;
  const contentSizeBytes: usize = contentSizeFlag === 0 ? <usize>singleSegment : (<usize>1) << contentSizeFlag;
  if (ip + dictionaryIdBytes + contentSizeBytes > inEnd) return Z_TRUNCATED;
  let dictionaryId: u32 = 0;
  for (let i: usize = 0; i < dictionaryIdBytes; i++) dictionaryId |= (<u32>load<u8>(ip + i)) << ((<u32>i) << 3);
  if (dictionaryId !== 0) return Z_DICTIONARY;
  ip += dictionaryIdBytes;
  let contentSize: u64 = 0;
  for (let i: usize = 0; i < contentSizeBytes; i++) contentSize |= (<u64>load<u8>(ip + i)) << ((<u64>i) << 3);
  if (contentSizeBytes === 2) contentSize += 256;
  ip += contentSizeBytes;
  const hasContentSize = contentSizeBytes > 0;
  if (hasContentSize && contentSize > <u64>(outEnd - op)) return Z_OVERFLOW;

  const frameStart = op;
  resetSequenceState();
  huffmanReady = false;
  // Data_Blocks (3.1.1.2): each block has a 3-byte header; at least one block per frame.
  let last = false;
  while (!last) {
    errorAt = ip - inPtr;
    if (inEnd - ip < 3) return Z_TRUNCATED;
    const header = <u32>load<u16>(ip) | ((<u32>load<u8>(ip, 2)) << 16);
    ip += 3;
    last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = <usize>(header >> 3);
    if (type === 3) return Z_RESERVED;
    if (size > <usize>BLOCK_MAX) return Z_BLOCK_SIZE;
    if (type === 0) {
      if (size > inEnd - ip) return Z_TRUNCATED;
      if (size > outEnd - op) return Z_OVERFLOW;
      memory.copy(op, ip, size);
      ip += size;
      op += size;
    } else if (type === 1) {
      if (inEnd - ip < 1) return Z_TRUNCATED;
      if (size > outEnd - op) return Z_OVERFLOW;
      memory.fill(op, load<u8>(ip), size);
      ip += 1;
      op += size;
    } else {
      if (size > inEnd - ip) return Z_TRUNCATED;
      const status = decodeCompressedBlock(inPtr, ip, size, op, outEnd, frameStart);
      if (status < 0) return status;
      ip += size;
      op = seqOut;
    }
  }
  if (hasContentSize && <u64>(op - frameStart) !== contentSize) return Z_CONTENT_SIZE;
  if (hasChecksum) {
    errorAt = ip - inPtr;
    if (inEnd - ip < 4) return Z_TRUNCATED;
    // Content_Checksum: the low 32 bits of XXH64 (seed 0) of the frame's content (3.1.1).
    const expected = load<u32>(ip);
    if (<u32>xxh64(frameStart, op - frameStart, 0) !== expected) return Z_CHECKSUM;
    ip += 4;
  }
  frameIn = ip;
  frameOut = op;
  return 0;
}

/** A Compressed_Block (3.1.1.3): literals section, then sequences section. Sets seqOut. */
function decodeCompressedBlock(inPtr: usize, ip: usize, size: usize, op: usize, outEnd: usize, frameStart: usize): i32 {
  const used = readLiterals(ip, size);
  if (used < 0) return used;
  errorAt = ip + <usize>used - inPtr;
  return decodeSequences(ip + <usize>used, size - <usize>used, litStart, litEnd, op, outEnd, frameStart);
}

/** Reads the Literals_Section (3.1.1.3.1) of the block [ip, ip + size) and sets litStart/litEnd. Returns the
 *  bytes it occupies or a negative status. */
function readLiterals(ip: usize, size: usize): i32 {
  if (size < 1) return Z_TRUNCATED;
  const b0 = <u32>load<u8>(ip);
  const type = b0 & 3;
  const sizeFormat = (b0 >> 2) & 3;
  if (type < 2) {
    // Raw or RLE: Regenerated_Size in 5, 12 or 20 bits.
    let headerBytes: usize;
    let regenerated: usize;
    if ((sizeFormat & 1) === 0) {
      headerBytes = 1;
      regenerated = <usize>(b0 >> 3);
    } else if (sizeFormat === 1) {
      headerBytes = 2;
      if (size < 2) return Z_TRUNCATED;
      regenerated = <usize>((b0 >> 4) | ((<u32>load<u8>(ip, 1)) << 4));
    } else {
      headerBytes = 3;
      if (size < 3) return Z_TRUNCATED;
      regenerated = <usize>((b0 >> 4) | ((<u32>load<u8>(ip, 1)) << 4) | ((<u32>load<u8>(ip, 2)) << 12));
    }
    if (regenerated > <usize>BLOCK_MAX) return Z_BLOCK_SIZE;
    if (type === 0) {
      if (regenerated > size - headerBytes) return Z_TRUNCATED;
      // Raw literals are read where they are (the input has slack for wide loads).
      litStart = ip + headerBytes;
      litEnd = litStart + regenerated;
      return <i32>(headerBytes + regenerated);
    }
    if (size < headerBytes + 1) return Z_TRUNCATED;
    memory.fill(LIT_BUF, load<u8>(ip + headerBytes), regenerated);
    litStart = LIT_BUF;
    litEnd = LIT_BUF + regenerated;
    return <i32>(headerBytes + 1);
  }
  // Compressed or Treeless: Regenerated_Size and Compressed_Size in 10, 14 or 18 bits each.
  let headerBytes: usize;
  let regenerated: usize;
  let compressed: usize;
  const fourStreams = sizeFormat !== 0;
  if (sizeFormat < 2) {
    headerBytes = 3;
    if (size < 3) return Z_TRUNCATED;
    const h = <u32>load<u16>(ip) | ((<u32>load<u8>(ip, 2)) << 16);
    regenerated = <usize>((h >> 4) & 0x3ff);
    compressed = <usize>((h >> 14) & 0x3ff);
  } else if (sizeFormat === 2) {
    headerBytes = 4;
    if (size < 4) return Z_TRUNCATED;
    const h = load<u32>(ip);
    regenerated = <usize>((h >> 4) & 0x3fff);
    compressed = <usize>((h >> 18) & 0x3fff);
  } else {
    headerBytes = 5;
    if (size < 5) return Z_TRUNCATED;
    const h = <u64>load<u32>(ip) | ((<u64>load<u8>(ip, 4)) << 32);
    regenerated = <usize>((h >> 4) & 0x3ffff);
    compressed = <usize>((h >> 22) & 0x3ffff);
  }
  if (regenerated > <usize>BLOCK_MAX) return Z_BLOCK_SIZE;
  if (compressed > size - headerBytes) return Z_TRUNCATED;
  let src = ip + headerBytes;
  let streams = compressed;
  if (type === 2) {
    const tree = readHuffmanTree(src, compressed);
    if (tree < 0) return tree;
    huffmanReady = true;
    src += <usize>tree;
    streams -= <usize>tree;
  } else if (!huffmanReady) {
    return Z_NO_PREVIOUS;
  }
  if (hufBits === 0) return Z_CORRUPT;
  const status = decodeLiterals(src, streams, LIT_BUF, regenerated, fourStreams);
  if (status < 0) return status;
  litStart = LIT_BUF;
  litEnd = LIT_BUF + regenerated;
  return <i32>(headerBytes + compressed);
}
