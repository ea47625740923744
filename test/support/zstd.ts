// A zstd compressor for tests: zstd-codec's streaming compressor fed in 1 MiB chunks (its Simple API runs out of
// heap on large inputs). Streamed frames carry a Window_Descriptor and no content size.
import { ZstdCodec } from 'zstd-codec';

const codec = await new Promise<{
  Streaming: new () => { compressChunks(c: Iterable<Uint8Array>, h?: number, l?: number): Uint8Array | null };
}>((resolve) => ZstdCodec.run((zstd) => resolve({ Streaming: zstd.Streaming })));

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
