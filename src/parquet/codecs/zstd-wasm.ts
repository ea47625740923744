// zstd-codec (Emscripten build of libzstd): its synchronous module loader, shared with zstd-compress.ts, and a
// streaming decoder with a capped output.
//
// Why its internal factory and not its public API: the public Simple API copies input and output into a fixed
// 16 MB heap (abort(OOM) from ~8 MB pages) and its Streaming API collects output into an unbounded buffer. The
// raw ZstdDecompressStreamBinding lets us feed the input in small chunks (heap use: window + chunk) and copy each
// decoded piece straight into the caller's buffer, dropping anything past the page header's size. Building the
// module ourselves also lets us silence Emscripten's print of "OOM" to stdout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface DecompressStream {
  begin(): boolean;
  transform(chunk: Uint8Array, onData: (piece: Uint8Array) => void): boolean;
  end(onData: (piece: Uint8Array) => void): boolean;
  delete(): void;
}

/** libzstd's one-shot compressor (ZSTD_compress into a std::vector); returns the size or a negative error. */
export interface ZstdSimpleCodec {
  compressBound(size: number): number;
  compress(dest: ZstdVector, src: ZstdVector, level: number): number;
  delete(): void;
}

/** A std::vector<uint8_t> in the module's heap. */
export interface ZstdVector {
  resize(size: number, fill: number): void;
  delete(): void;
}

/** The parts of zstd-codec's Emscripten module Tessera uses. */
export interface ZstdModule {
  ZstdDecompressStreamBinding: new () => DecompressStream;
  ZstdCodec: new () => ZstdSimpleCodec;
  VectorU8: new () => ZstdVector;
  cloneToVector(dest: ZstdVector, src: Uint8Array): void;
  cloneAsTypedArray(src: ZstdVector): Uint8Array;
  onRuntimeInitialized?: () => void;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

/** Compressed bytes handed to the module per call: small against its 16 MB heap. */
const INPUT_CHUNK = 256 * 1024;

/** Largest frame window this decoder is given: window + buffers must fit the fixed 16 MB heap with room. */
export const ZSTD_WASM_MAX_WINDOW = 8 << 20;

let instance: ZstdModule | undefined;
let unavailable = false;

/**
 * Builds the module synchronously on first use, so files without ZSTD pages never pay for it (about 13 MB of
 * resident memory and its start-up). Emscripten would fetch and compile its wasm asynchronously; its
 * `instantiateWasm` hook lets us compile the binary it embeds (a base64 data URL in the loader) synchronously,
 * after which the runtime initialises within the factory call.
 */
export function loadZstdModule(): ZstdModule | undefined {
  if (instance || unavailable) return instance;
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve('zstd-codec/lib/zstd-codec-binding-wasm.js');
    const embedded = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(readFileSync(path, 'latin1'));
    if (!embedded) throw new Error('zstd-codec: embedded wasm not found');
    const wasm = new WebAssembly.Module(Buffer.from(embedded[1]!, 'base64'));
    const factory = require(path) as (module: Partial<ZstdModule> & EmscriptenHooks) => void;
    // Embind adds the bindings to this object; it must not hold their names beforehand.
    const module: Partial<ZstdModule> & EmscriptenHooks = { print: () => {}, printErr: () => {} };
    let ready = false;
    module.onRuntimeInitialized = () => {
      ready = true;
    };
    module.instantiateWasm = (imports, receive) => {
      const wasmInstance = new WebAssembly.Instance(wasm, imports);
      receive(wasmInstance);
      return wasmInstance.exports;
    };
    factory(module);
    if (!ready || typeof module.ZstdDecompressStreamBinding !== 'function') throw new Error('zstd-codec not ready');
    instance = module as ZstdModule;
  } catch {
    unavailable = true; // fzstd decodes every page instead
  }
  return instance;
}

/** Drops the module after an Emscripten abort (out of heap), which leaves the instance unusable: the next
 *  `loadZstdModule` builds a fresh one. */
export function discardZstdModule(): void {
  instance = undefined;
}

/** The Emscripten module hooks used to instantiate synchronously. */
interface EmscriptenHooks {
  instantiateWasm?: (
    imports: Record<string, Record<string, unknown>>,
    receive: (instance: WebAssembly.Instance) => void,
  ) => Record<string, unknown>;
}

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
  const module = loadZstdModule();
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
    discardZstdModule();
    stream = undefined;
    return undefined;
  } finally {
    stream?.delete();
  }
  return { written: Math.min(produced, out.length), produced };
}
