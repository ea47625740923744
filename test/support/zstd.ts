// A zstd compressor for tests: zstd-codec's streaming compressor fed in 1 MiB chunks (its Simple API runs out of
// heap on large inputs). Streamed frames carry a Window_Descriptor and no content size.
import { ZstdCodec } from 'zstd-codec';

const codec = await new Promise<{
  Streaming: new () => { compressChunks(c: Iterable<Uint8Array>, h?: number, l?: number): Uint8Array | null };
  Simple: new () => {
    compress(data: Uint8Array, level?: number): Uint8Array | null;
    decompress(data: Uint8Array): Uint8Array | null;
    compressUsingDict(data: Uint8Array, dictionary: unknown): Uint8Array | null;
  };
  Dict: { Compression: new (dictionary: Uint8Array, level: number) => unknown };
}>((resolve) => ZstdCodec.run((zstd) => resolve(zstd)));

function* chunksOf(data: Uint8Array, size: number): Generator<Uint8Array> {
  for (let pos = 0; pos < data.length; pos += size) yield data.subarray(pos, pos + size);
}

/** Compresses `data` into one zstd frame at `level`. */
export function zstdCompress(data: Uint8Array, level = 3): Uint8Array {
  const out = new codec.Streaming().compressChunks(chunksOf(data, 1 << 20), 1 << 16, level);
  if (!out) throw new Error('zstd-codec failed to compress');
  return out;
}

/** Offset of the Window_Descriptor byte in a frame produced by zstdCompress (magic, then the descriptor). */
export function windowDescriptorOffset(frame: Uint8Array): number {
  const descriptor = frame[4]!;
  if (descriptor & 0x20) throw new Error('single-segment frame has no window descriptor');
  return 5;
}

/** Compresses `data` in one libzstd call (ZSTD_compress: the frame declares its content size, and the parameters
 *  of `level` shrink to the input, so levels up to 19 fit zstd-codec's 16 MB heap for inputs of a few hundred KB). */
export function zstdCompressSimple(data: Uint8Array, level: number): Uint8Array {
  const out = new codec.Simple().compress(data, level);
  if (!out) throw new Error(`zstd-codec failed to compress ${data.length} bytes at level ${level}`);
  return out;
}

/** libzstd's decoding of a frame that declares its content size (the reference for hand-built frames), or null if
 *  libzstd rejects it. */
export function zstdReferenceDecompress(frame: Uint8Array): Uint8Array | null {
  return new codec.Simple().decompress(frame);
}

/** Compresses `data` with a raw-content dictionary: the frame has no Dictionary_ID but its matches reach into the
 *  dictionary, before the frame's own first byte. */
export function zstdCompressWithRawDictionary(data: Uint8Array, dictionary: Uint8Array): Uint8Array {
  const out = new codec.Simple().compressUsingDict(data, new codec.Dict.Compression(dictionary, 3));
  if (!out) throw new Error('zstd-codec failed to compress with a dictionary');
  return out;
}
