// zstd-codec (Emscripten build of libzstd) as a streaming decoder with a capped output.
//
// Why its internal factory and not its public API: the public Simple API copies input and output into a fixed
// 16 MB heap (abort(OOM) from ~8 MB pages) and its Streaming API collects output into an unbounded buffer. The
// raw ZstdDecompressStreamBinding lets us feed the input in small chunks (heap use: window + chunk) and copy each
// decoded piece straight into the caller's buffer, dropping anything past the page header's size. Building the
// module ourselves also lets us silence Emscripten's print of "OOM" to stdout.
import { createRequire } from 'node:module';

interface DecompressStream {
  begin(): boolean;
  transform(chunk: Uint8Array, onData: (piece: Uint8Array) => void): boolean;
  end(onData: (piece: Uint8Array) => void): boolean;
  delete(): void;
}

interface ZstdModule {
  ZstdDecompressStreamBinding: new () => DecompressStream;
  onRuntimeInitialized?: () => void;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

/** Compressed bytes handed to the module per call: small against its 16 MB heap. */
const INPUT_CHUNK = 256 * 1024;

/** Largest frame window this decoder is given: window + buffers must fit the fixed 16 MB heap with room. */
export const ZSTD_WASM_MAX_WINDOW = 8 << 20;

let instance: ZstdModule | undefined;

function loadModule(): Promise<void> {
  // The Emscripten module object has a `then` method: resolving a promise with it would wait forever, so the
  // promise carries it inside a wrapper.
  return new Promise<{ module?: ZstdModule }>((resolve) => {
    try {
      const require = createRequire(import.meta.url);
      const factory = require('zstd-codec/lib/zstd-codec-binding-wasm.js') as (module: Partial<ZstdModule>) => void;
      // Embind adds the bindings to this object; it must not hold their names beforehand.
      const module: Partial<ZstdModule> = { print: () => {}, printErr: () => {} };
      module.onRuntimeInitialized = () => resolve({ module: module as ZstdModule });
      factory(module);
    } catch {
      resolve({});
    }
  }).then(({ module }) => {
    instance = module;
  });
}

// Instantiation is asynchronous (Emscripten compiles the wasm off-thread); the codecs are synchronous, so this
// module waits for it once at import time.
await loadModule();

/** The outcome of a wasm decode: bytes written (capped) and the total the stream produced. */
export interface ZstdWasmResult {
  written: number;
  produced: number;
}

/**
 * Decodes `input` into `out` with zstd-codec, writing at most out.length bytes (more is counted, not stored).
 * Returns undefined when the module is unavailable or aborted (the caller falls back to another decoder);
 * throws nothing for corrupt data: a stream error yields `produced = -1`.
 */
export function zstdWasmDecompress(input: Uint8Array, out: Uint8Array): ZstdWasmResult | undefined {
  const module = instance;
  if (!module) return undefined;
  let produced = 0;
  const onData = (piece: Uint8Array): void => {
    const room = out.length - produced;
    if (room > 0) out.set(room >= piece.length ? piece : piece.subarray(0, room), produced);
    produced += piece.length;
  };
  let stream: DecompressStream | undefined;
  try {
    stream = new module.ZstdDecompressStreamBinding();
    if (!stream.begin()) return { written: 0, produced: -1 };
    for (let pos = 0; pos < input.length; pos += INPUT_CHUNK) {
      if (!stream.transform(input.subarray(pos, pos + INPUT_CHUNK), onData)) return { written: 0, produced: -1 };
      // Stop feeding a stream that already overran the page: the result is an error either way.
      if (produced > out.length) break;
    }
    if (produced <= out.length && !stream.end(onData)) return { written: 0, produced: -1 };
  } catch {
    // An Emscripten abort (out of heap) leaves the instance unusable: drop it and build a fresh one for later calls.
    instance = undefined;
    stream = undefined;
    void loadModule();
    return undefined;
  } finally {
    stream?.delete();
  }
  return { written: Math.min(produced, out.length), produced };
}
