// ZSTD compression for the writer, by zstd-codec (libzstd compiled to wasm with a fixed 16 MB heap).
//
// Its one-shot ZSTD_compress needs the input, the output and the level's tables in that heap at once, so large
// pages (measured: 6 MiB at level 1, 2 MiB at level 12, 1 MiB at level 19 abort with "OOM") cannot be compressed
// in one call. A page is therefore cut into frames of at most frameBytes(level) each, written back to back: RFC
// 8878 section 3.1 defines a zstd stream as a sequence of frames, and libzstd's ZSTD_decompress, arrow-rs's
// decoder and our reader all decode every frame of a page. Each frame records its content size, so decoders
// reserve only that much window. Should the heap still run out (fragmentation), the frame size is halved and the
// module rebuilt.
import { ParquetError } from '../errors.js';
import { discardZstdModule, loadZstdModule, type ZstdModule } from './zstd-wasm.js';

/** zstd's level range (ZSTD_minCLevel() is -131072; 22 is ZSTD_maxCLevel()). */
export const ZSTD_MIN_LEVEL = -131072;
export const ZSTD_MAX_LEVEL = 22;

/** Smallest frame tried before giving up: level 22 tables for a 64 KiB input fit the heap with room. */
const MIN_FRAME = 64 << 10;

/** The frame size that last worked per level (halved after an out-of-heap abort). */
const frameSizeByLevel = new Map<number, number>();

/** Largest input per frame at `level`: the sizes measured to fit the heap, halved for safety. */
function frameBytes(level: number): number {
  const known = frameSizeByLevel.get(level);
  if (known !== undefined) return known;
  if (level <= 9) return 1 << 20;
  return 256 << 10;
}

/** Compresses `input` into one or more zstd frames at `level` (ZSTD_minCLevel..22; 0 is zstd's default, 3). */
export function zstdCompress(input: Uint8Array, level: number): Uint8Array {
  if (!Number.isInteger(level) || level < ZSTD_MIN_LEVEL || level > ZSTD_MAX_LEVEL) {
    throw new ParquetError('BAD_ARGUMENT', `ZSTD: compression level ${level} is outside ${ZSTD_MIN_LEVEL}..22`);
  }
  for (;;) {
    const frame = frameBytes(level);
    const frames = compressFrames(input, level, frame);
    if (frames) return frames;
    if (frame <= MIN_FRAME) {
      throw new ParquetError('UNSUPPORTED', `ZSTD: zstd-codec cannot compress at level ${level} (out of heap)`);
    }
    frameSizeByLevel.set(level, frame >> 1);
  }
}

/** All frames of `input`, or undefined when the module aborted (it is then discarded). */
function compressFrames(input: Uint8Array, level: number, frame: number): Uint8Array | undefined {
  const module = loadZstdModule();
  if (!module) throw new ParquetError('UNSUPPORTED', 'ZSTD: zstd-codec could not be loaded');
  const parts: Uint8Array[] = [];
  let total = 0;
  // An empty page is still one (empty) frame: decoders expect at least one.
  for (let pos = 0; pos < input.length || pos === 0; pos += frame) {
    const part = compressFrame(module, input.subarray(pos, pos + frame), level);
    if (!part) return undefined;
    parts.push(part);
    total += part.length;
    if (input.length === 0) break;
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One frame by ZSTD_compress (which records the content size), or undefined after an abort. */
function compressFrame(module: ZstdModule, input: Uint8Array, level: number): Uint8Array | undefined {
  let codec: ReturnType<typeof newCodec> | undefined;
  try {
    codec = newCodec(module);
    module.cloneToVector(codec.src, input);
    codec.dest.resize(codec.codec.compressBound(input.length), 0);
    const length = codec.codec.compress(codec.dest, codec.src, level);
    if (length < 0) throw new ParquetError('UNSUPPORTED', `ZSTD: compression failed (code ${length})`);
    codec.dest.resize(length, 0);
    return module.cloneAsTypedArray(codec.dest);
  } catch (err) {
    if (err instanceof ParquetError) throw err;
    discardZstdModule();
    codec = undefined; // the aborted heap is gone with the module; nothing to free
    return undefined;
  } finally {
    if (codec) {
      codec.src.delete();
      codec.dest.delete();
      codec.codec.delete();
    }
  }
}

function newCodec(module: ZstdModule) {
  return { codec: new module.ZstdCodec(), src: new module.VectorU8(), dest: new module.VectorU8() };
}
