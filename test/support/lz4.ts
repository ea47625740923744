// LZ4 compressors for tests: blocks via lz4js, and the Hadoop framing parquet-mr's Lz4Codec writes.
import { compressBlock, compressBound } from 'lz4js';

/** Compresses `data` into one LZ4 block (an all-literal block when lz4js finds nothing to compress). */
export function lz4CompressBlock(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(compressBound(data.length) + 16);
  const n = data.length >= 16 ? compressBlock(data, out, 0, data.length, new Uint32Array(65536)) : 0;
  if (n > 0) return out.slice(0, n);
  return lz4LiteralBlock(data);
}

/** An LZ4 block made of a single literal run (valid for any input, including empty). */
export function lz4LiteralBlock(data: Uint8Array): Uint8Array {
  const header: number[] = [];
  if (data.length >= 15) {
    header.push(0xf0);
    let rest = data.length - 15;
    while (rest >= 255) {
      header.push(255);
      rest -= 255;
    }
    header.push(rest);
  } else {
    header.push(data.length << 4);
  }
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

/** Hadoop LZ4 framing: for each chunk of at most `chunkSize` bytes, big-endian u32 decompressed size, big-endian
 *  u32 compressed size, then the block. */
export function hadoopLz4Compress(data: Uint8Array, chunkSize = 256 * 1024): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let off = 0; off < data.length || (off === 0 && data.length === 0); off += chunkSize) {
    const chunk = data.subarray(off, Math.min(data.length, off + chunkSize));
    const block = lz4CompressBlock(chunk);
    const header = new Uint8Array(8);
    const view = new DataView(header.buffer);
    view.setUint32(0, chunk.length);
    view.setUint32(4, block.length);
    parts.push(header, block);
    if (data.length === 0) break;
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
