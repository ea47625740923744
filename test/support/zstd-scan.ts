// Walks the frames of a zstd page (RFC 8878 section 3.1) without decoding them: the tests use it to count the
// frames the writer produced and the windows they declare.
import { ParquetError } from '../../src/parquet/errors.js';

const ZSTD_MAGIC = 0xfd2fb528;
/** Skippable frames: magic 0x184D2A50..0x184D2A5F, then a u32 LE length (RFC 8878 3.1.2). */
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/** What the frame headers of a zstd page declare. */
export interface ZstdFrameSummary {
  /** Number of zstd (non-skippable) frames. */
  frames: number;
  /** Largest buffer a decoder needs for any frame: the window, or the content size for single-segment frames. */
  largestWindow: number;
}

function corrupt(reason: string): ParquetError {
  return new ParquetError('BAD_PAGE', `ZSTD: corrupt data (${reason})`);
}

/** Reads the frame and block headers of `input`; throws BAD_PAGE if they do not tile it exactly. */
export function scanZstdFrames(input: Uint8Array): ZstdFrameSummary {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let pos = 0;
  let frames = 0;
  let largestWindow = 0;
  while (pos < input.length) {
    if (input.length - pos < 4) throw corrupt('truncated frame magic');
    const magic = view.getUint32(pos, true);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (input.length - pos < 8) throw corrupt('truncated skippable frame');
      const size = view.getUint32(pos + 4, true);
      if (size > input.length - pos - 8) throw corrupt('truncated skippable frame');
      pos += 8 + size;
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw corrupt(`bad frame magic 0x${magic.toString(16)}`);
    pos += 4;
    if (pos >= input.length) throw corrupt('truncated frame header');
    // Frame_Header_Descriptor (3.1.1.1.1).
    const descriptor = input[pos++]!;
    const contentSizeFlag = descriptor >>> 6;
    const singleSegment = (descriptor >>> 5) & 1;
    const hasChecksum = (descriptor >>> 2) & 1;
    const dictIdFlag = descriptor & 3;
    if (descriptor & 0x08) throw corrupt('reserved bit set in frame header');
    let window = 0;
    if (!singleSegment) {
      if (pos >= input.length) throw corrupt('truncated frame header');
      // Window_Descriptor (3.1.1.1.2): 2^(10 + exponent) plus eighths of it.
      const w = input[pos++]!;
      const base = 2 ** (10 + (w >>> 3));
      window = base + (base / 8) * (w & 7);
    }
    pos += dictIdFlag === 3 ? 4 : dictIdFlag;
    const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : 1 << contentSizeFlag;
    if (pos + contentSizeBytes > input.length) throw corrupt('truncated frame header');
    if (singleSegment) {
      // Frame_Content_Size (3.1.1.1.4) is then the window; 2-byte sizes are offset by 256.
      let size = 0;
      for (let i = 0; i < contentSizeBytes; i++) size += input[pos + i]! * 2 ** (8 * i);
      window = contentSizeBytes === 2 ? size + 256 : size;
    }
    pos += contentSizeBytes;
    // Blocks (3.1.1.2): 3-byte little-endian header: last flag, type, size.
    for (let last = false; !last; ) {
      if (input.length - pos < 3) throw corrupt('truncated block header');
      const header = input[pos]! | (input[pos + 1]! << 8) | (input[pos + 2]! << 16);
      pos += 3;
      last = (header & 1) === 1;
      const type = (header >>> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw corrupt('reserved block type');
      const payload = type === 1 ? 1 : size;
      if (payload > input.length - pos) throw corrupt('truncated block');
      pos += payload;
    }
    if (hasChecksum) {
      if (input.length - pos < 4) throw corrupt('truncated checksum');
      pos += 4;
    }
    frames++;
    largestWindow = Math.max(largestWindow, window);
  }
  if (frames === 0) throw corrupt('no zstd frame');
  return { frames, largestWindow };
}
