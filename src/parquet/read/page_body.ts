// The compressed bytes of one page, wherever they live: in JavaScript memory (a chunk fetched by an async source,
// or decrypted), or already in kernel memory (a local file's column chunk read there by position, issue 16 "one
// copy"). Kernels take a pointer: a body in JavaScript memory is copied in once, a body in kernel memory not at all.
import type { Arena } from '../../kernels/arena.js';
import { CompressionCodec } from '../codecs/codec.js';
import { decompressIntoArena } from '../codecs/index.js';
import { checkUncompressedSize } from '../codecs/limits.js';
import { snappyAtIntoArena } from '../codecs/snappy.js';
import { zstdAtIntoArena } from '../codecs/zstd.js';

/** A page body (or part of one) in JavaScript or kernel memory. */
export class PageBody {
  /** Where a body from JavaScript memory was copied in (it stays there until the page's arena mark is released). */
  private copiedAt = -1;

  private constructor(
    private readonly arena: Arena,
    private readonly bytes: Uint8Array | undefined,
    private readonly at: number,
    readonly length: number,
  ) {}

  /** A body in JavaScript memory. */
  static inMemory(arena: Arena, bytes: Uint8Array): PageBody {
    return new PageBody(arena, bytes, -1, bytes.byteLength);
  }

  /** `length` bytes of kernel memory at `ptr` (they must stay allocated while the body is used). */
  static inArena(arena: Arena, ptr: number, length: number): PageBody {
    return new PageBody(arena, undefined, ptr, length);
  }

  /** True when the bytes are in kernel memory already. */
  get resident(): boolean {
    return this.bytes === undefined;
  }

  /** The bytes; for a resident body a view that is valid only until the arena's next allocation. */
  view(): Uint8Array {
    return this.bytes ?? this.arena.view(Uint8Array, this.at, this.length);
  }

  /** The bytes in kernel memory: their pointer, after copying them in (once) if they were in JavaScript memory. */
  ptr(): number {
    if (!this.bytes) return this.at;
    if (this.copiedAt < 0) this.copiedAt = this.arena.copyIn(this.bytes);
    return this.copiedAt;
  }

  /** Bytes `from` to `to` of the body. */
  subarray(from: number, to = this.length): PageBody {
    if (this.bytes && this.copiedAt < 0) return new PageBody(this.arena, this.bytes.subarray(from, to), -1, to - from);
    // In kernel memory already (read there, or copied in for the checksum): a part of it is too.
    return new PageBody(this.arena, undefined, (this.bytes ? this.copiedAt : this.at) + from, to - from);
  }
}

/**
 * Decompresses a page body into the arena and returns the pointer of its `uncompressedSize` bytes. A resident body
 * is used in place: UNCOMPRESSED costs nothing and SNAPPY reads its input where it lies (a body in JavaScript memory
 * is copied in once, even when its checksum was verified first); a resident ZSTD body is decoded where it lies too
 * (its input copy was 1.5% of the zstd file's read); other codecs go through decompressIntoArena, with memory
 * reserved first so that the view of the body survives their allocations.
 */
export function decompressBody(arena: Arena, codec: number, body: PageBody, uncompressedSize: number): number {
  if (codec === CompressionCodec.UNCOMPRESSED || (codec === CompressionCodec.SNAPPY && body.length > 0)) {
    checkUncompressedSize(codec, body.length, uncompressedSize);
    return codec === CompressionCodec.UNCOMPRESSED
      ? body.ptr()
      : snappyAtIntoArena(arena, body.ptr(), body.length, uncompressedSize);
  }
  if (!body.resident) return decompressIntoArena(arena, codec, body.view(), uncompressedSize);
  if (codec === CompressionCodec.ZSTD && body.length > 0) {
    checkUncompressedSize(codec, body.length, uncompressedSize);
    return zstdAtIntoArena(arena, body.ptr(), body.length, uncompressedSize);
  }
  // Output, input copy and kernel slack: no growth of memory while the view is read.
  arena.reserve(uncompressedSize + body.length + 64);
  return decompressIntoArena(arena, codec, body.view(), uncompressedSize);
}
