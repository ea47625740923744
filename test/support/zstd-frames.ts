// Hand-built zstd frames (RFC 8878) for the decoder tests: frame headers with any window, content size, checksum
// or dictionary id; raw, RLE and compressed blocks; skippable frames. Compressed blocks carry raw literals and
// sequences whose three code tables are in RLE_Mode, so the sequence bitstream holds only extra bits and a test
// can spell out every literal length, match length and offset value (repeat offsets included).

/** Options of a frame header (3.1.1.1). */
export interface FrameHeader {
  /** Frame_Content_Size to declare; omitted: none (requires singleSegment false). */
  contentSize?: number;
  /** Single_Segment_Flag: no Window_Descriptor, the content size is the window. */
  singleSegment?: boolean;
  /** Window_Descriptor byte (exponent << 3 | mantissa) when not single-segment; default 0 (1 KiB). */
  windowDescriptor?: number;
  /** Dictionary_ID to declare (with the field size it needs); omitted: no field. */
  dictionaryId?: number;
  /** The content, to append its Content_Checksum; omitted: no checksum. */
  checksumOf?: Uint8Array;
  /** Sets the reserved descriptor bit (invalid). */
  reservedBit?: boolean;
}

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

function le(value: number | bigint, bytes: number): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}

/** A whole frame: header, the given blocks (already built, last flag included), then the checksum if asked. */
export function zstdFrame(header: FrameHeader, blocks: Uint8Array[]): Uint8Array {
  const single = header.singleSegment ?? false;
  const size = header.contentSize;
  if (single && size === undefined) throw new Error('single-segment frames need a content size');
  let fcsFlag = 0;
  let fcsBytes: number[] = [];
  if (size !== undefined) {
    if (single && size < 256) fcsBytes = le(size, 1);
    else if (size >= 256 && size < 65792) [fcsFlag, fcsBytes] = [1, le(size - 256, 2)];
    else if (size < 2 ** 32) [fcsFlag, fcsBytes] = [2, le(size, 4)];
    else [fcsFlag, fcsBytes] = [3, le(size, 8)];
  }
  let didFlag = 0;
  let didBytes: number[] = [];
  if (header.dictionaryId !== undefined) {
    const id = header.dictionaryId;
    if (id < 256) [didFlag, didBytes] = [1, le(id, 1)];
    else if (id < 65536) [didFlag, didBytes] = [2, le(id, 2)];
    else [didFlag, didBytes] = [3, le(id, 4)];
  }
  const checksum = header.checksumOf !== undefined;
  const descriptor =
    (fcsFlag << 6) | ((single ? 1 : 0) << 5) | (header.reservedBit ? 8 : 0) | ((checksum ? 1 : 0) << 2) | didFlag;
  const head = [...MAGIC, descriptor];
  if (!single) head.push(header.windowDescriptor ?? 0);
  head.push(...didBytes, ...fcsBytes);
  const tail = checksum ? le(xxh64(header.checksumOf!) & 0xffffffffn, 4) : [];
  return concat([Uint8Array.from(head), ...blocks, Uint8Array.from(tail)]);
}

/** A block header and content (3.1.1.2). */
function block(type: number, size: number, content: Uint8Array, last: boolean): Uint8Array {
  const header = (last ? 1 : 0) | (type << 1) | (size << 3);
  return concat([Uint8Array.from(le(header, 3)), content]);
}

/** A Raw_Block of `data`. */
export function rawBlock(data: Uint8Array, last = false): Uint8Array {
  return block(0, data.length, data, last);
}

/** An RLE_Block repeating `byte` `count` times. */
export function rleBlock(byte: number, count: number, last = false): Uint8Array {
  return block(1, count, Uint8Array.of(byte), last);
}

/** One sequence: literals length, match length and Offset_Value (1..3 name repeat offsets, else offset + 3). */
export interface Sequence {
  literals: number;
  match: number;
  offsetValue: number;
}

const LL_BASE = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024,
  2048, 4096, 8192, 16384, 32768, 65536,
];
const LL_BITS = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
];
const ML_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
  34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539,
];
const ML_BITS = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3,
  3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
];

function codeOf(value: number, base: number[], bits: number[]): number {
  for (let code = base.length - 1; code >= 0; code--) {
    if (value >= base[code]! && value < base[code]! + 2 ** bits[code]!) return code;
  }
  throw new Error(`no code for ${value}`);
}

/** Bits written least significant first; a backward reader takes the last written first. */
class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0n;
  private count = 0;
  write(value: number, bits: number): void {
    this.acc |= BigInt(value) << BigInt(this.count);
    this.count += bits;
    while (this.count >= 8) {
      this.bytes.push(Number(this.acc & 0xffn));
      this.acc >>= 8n;
      this.count -= 8;
    }
  }
  /** Appends the end mark (a 1 bit) and pads to a byte. */
  finish(): Uint8Array {
    this.write(1, 1);
    if (this.count > 0) this.write(0, 8 - this.count);
    return Uint8Array.from(this.bytes);
  }
}

/**
 * A Compressed_Block of raw `literals` and `sequences`, whose codes must all share one literals-length code, one
 * offset code and one match-length code (the tables are RLE_Mode, or with `repeatTables` Repeat_Mode: the previous
 * block's, which must have had the same codes). The sequence section of an empty list is a single zero byte.
 */
export function sequencesBlock(
  literals: Uint8Array,
  sequences: Sequence[],
  last = false,
  repeatTables = false,
): Uint8Array {
  const n = literals.length;
  let litHeader: number[];
  if (n < 32) litHeader = [n << 3];
  else if (n < 4096) litHeader = [((n & 15) << 4) | 0b0100, n >> 4];
  else litHeader = [((n & 15) << 4) | 0b1100, (n >> 4) & 0xff, n >> 12];
  const parts: number[] = [...litHeader];
  const count = sequences.length;
  if (count < 128) parts.push(count);
  else if (count < 0x7f00) parts.push((count >> 8) + 128, count & 0xff);
  else parts.push(255, (count - 0x7f00) & 0xff, (count - 0x7f00) >> 8);
  let stream: Uint8Array = new Uint8Array(0);
  if (count > 0) {
    const codes = sequences.map((s) => ({
      ll: codeOf(s.literals, LL_BASE, LL_BITS),
      ml: codeOf(s.match, ML_BASE, ML_BITS),
      of: 31 - Math.clz32(s.offsetValue),
    }));
    const first = codes[0]!;
    if (codes.some((c) => c.ll !== first.ll || c.ml !== first.ml || c.of !== first.of)) {
      throw new Error('RLE_Mode tables need one code per kind in a block');
    }
    // RLE_Mode for the three kinds, or Repeat_Mode (the previous block's tables, whose codes must be these).
    if (repeatTables) parts.push(0b11111100);
    else parts.push(0b01010100, first.ll, first.of, first.ml);
    // The decoder reads, per sequence, offset then match then literals extra bits: write them in reverse.
    const writer = new BitWriter();
    for (let i = count - 1; i >= 0; i--) {
      const s = sequences[i]!;
      writer.write(s.literals - LL_BASE[first.ll]!, LL_BITS[first.ll]!);
      writer.write(s.match - ML_BASE[first.ml]!, ML_BITS[first.ml]!);
      writer.write(s.offsetValue - 2 ** first.of, first.of);
    }
    stream = writer.finish();
  }
  const content = concat([
    Uint8Array.from(parts.slice(0, litHeader.length)),
    literals,
    Uint8Array.from(parts.slice(litHeader.length)),
    stream,
  ]);
  return block(2, content.length, content, last);
}

/** A skippable frame (3.1.2) with magic nibble `nibble` and `data` as its user data. */
export function skippableFrame(data: Uint8Array, nibble = 0): Uint8Array {
  return concat([Uint8Array.from([0x50 | nibble, 0x2a, 0x4d, 0x18, ...le(data.length, 4)]), data]);
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

// XXH64 (xxHash specification, "XXH64 algorithm description") in BigInt arithmetic: slow, but independent of
// the kernel it checks.
const M64 = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;
const round = (acc: bigint, lane: bigint): bigint => (rotl((acc + lane * P2) & M64, 31n) * P1) & M64;
const merge = (acc: bigint, v: bigint): bigint => ((((acc ^ round(0n, v)) * P1) & M64) + P4) & M64;

/** XXH64 of `data` with seed 0. */
export function xxh64(data: Uint8Array): bigint {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const len = data.length;
  let p = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (P1 + P2) & M64;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (0n - P1) & M64;
    while (p + 32 <= len) {
      v1 = round(v1, view.getBigUint64(p, true));
      v2 = round(v2, view.getBigUint64(p + 8, true));
      v3 = round(v3, view.getBigUint64(p + 16, true));
      v4 = round(v4, view.getBigUint64(p + 24, true));
      p += 32;
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M64;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(len)) & M64;
  while (p + 8 <= len) {
    h ^= round(0n, view.getBigUint64(p, true));
    h = (rotl(h, 27n) * P1 + P4) & M64;
    p += 8;
  }
  if (p + 4 <= len) {
    h ^= (BigInt(view.getUint32(p, true)) * P1) & M64;
    h = (rotl(h, 23n) * P2 + P3) & M64;
    p += 4;
  }
  while (p < len) {
    h ^= (BigInt(data[p]!) * P5) & M64;
    h = (rotl(h, 11n) * P1) & M64;
    p++;
  }
  h = ((h ^ (h >> 33n)) * P2) & M64;
  h = ((h ^ (h >> 29n)) * P3) & M64;
  return h ^ (h >> 32n);
}
