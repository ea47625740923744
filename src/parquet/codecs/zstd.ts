// ZSTD pages (RFC 8878). zstd-codec (libzstd in wasm) decodes frames whose window fits its fixed heap; larger
// windows, and any page the wasm instance cannot take, go to fzstd, a pure-JS streaming decoder. Both write into
// one buffer of the page header's size and stop there, so a zip bomb cannot allocate more than the header says.
import { Decompress } from 'fzstd';
import { ParquetError } from '../errors.js';
import { CompressionCodec } from './codec.js';
import { sizeMismatch } from './limits.js';
import { scanZstdFrames } from './zstd-frames.js';
import { ZSTD_WASM_MAX_WINDOW, zstdWasmDecompress } from './zstd-wasm.js';

/** Windows up to this size are accepted even for small pages (writers that stream without a pledged size). */
const MIN_WINDOW_ALLOWANCE = 8 << 20;

/** Decompresses a ZSTD page (one or more frames) to exactly `uncompressedSize` bytes, or throws BAD_PAGE. */
export function zstdDecompress(input: Uint8Array, uncompressedSize: number): Uint8Array {
  const { largestWindow } = scanZstdFrames(input);
  // A decoder reserves the window up front; a window beyond both the page and a modest allowance is a lie.
  if (largestWindow > Math.max(uncompressedSize, MIN_WINDOW_ALLOWANCE)) {
    throw new ParquetError(
      'BAD_PAGE',
      `ZSTD: frame window of ${largestWindow} bytes is implausible for a page of ${uncompressedSize} bytes`,
    );
  }
  const out = new Uint8Array(uncompressedSize);
  if (largestWindow <= ZSTD_WASM_MAX_WINDOW) {
    const result = zstdWasmDecompress(input, out);
    if (result) {
      if (result.produced < 0) throw new ParquetError('BAD_PAGE', 'ZSTD: corrupt data');
      if (result.produced !== uncompressedSize)
        throw sizeMismatch(CompressionCodec.ZSTD, result.produced, uncompressedSize);
      return out;
    }
  }
  return decompressWithFzstd(input, out);
}

function decompressWithFzstd(input: Uint8Array, out: Uint8Array): Uint8Array {
  let produced = 0;
  const decoder = new Decompress((piece) => {
    const room = out.length - produced;
    if (room > 0) out.set(room >= piece.length ? piece : piece.subarray(0, room), produced);
    produced += piece.length;
  });
  try {
    decoder.push(input, true);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ParquetError('BAD_PAGE', `ZSTD: corrupt data (${message})`, {}, { cause: err });
  }
  if (produced !== out.length) throw sizeMismatch(CompressionCodec.ZSTD, produced, out.length);
  return out;
}
