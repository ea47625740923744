// Minimal types for the untyped compressors the tests and benchmarks use to make input data.

declare module 'snappyjs' {
  /** Compresses into a raw snappy block. */
  export function compress(input: Uint8Array): Uint8Array;
  /** Decompresses a raw snappy block. */
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}

declare module 'lz4js' {
  /** Compresses [sIndex, sIndex + sLength) of src into dst as an LZ4 block; returns its length (0 if nothing
   *  was compressible). `hashTable` must be a zeroed Uint32Array of 65536 entries. */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
  /** Upper bound of the compressed size of n bytes. */
  export function compressBound(n: number): number;
  /** Decompresses an LZ4 block; returns the end index in dst. */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number;
}

declare module 'zstd-codec' {
  interface ZstdStreaming {
    compressChunks(chunks: Iterable<Uint8Array>, sizeHint?: number, level?: number): Uint8Array | null;
  }
  interface ZstdSimple {
    compress(data: Uint8Array, level?: number): Uint8Array | null;
    decompress(data: Uint8Array): Uint8Array | null;
    compressUsingDict(data: Uint8Array, dictionary: unknown): Uint8Array | null;
  }
  interface ZstdApi {
    Streaming: new () => ZstdStreaming;
    Simple: new () => ZstdSimple;
    Dict: { Compression: new (dictionary: Uint8Array, level: number) => unknown };
  }
  export const ZstdCodec: { run(callback: (zstd: ZstdApi) => void): void };
}
