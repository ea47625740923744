// zstd-codec (Emscripten build of libzstd): its synchronous module loader, for the writer's compression
// (zstd-compress.ts). Decompression does not use it: the zstdDecompress kernel (assembly/zstd.ts) reads pages.
//
// Why its internal factory and not its public API: the public API instantiates asynchronously and copies through a
// fixed 16 MB heap; building the module ourselves gives synchronous start-up and lets us silence Emscripten's
// print of "OOM" to stdout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
  ZstdCodec: new () => ZstdSimpleCodec;
  VectorU8: new () => ZstdVector;
  cloneToVector(dest: ZstdVector, src: Uint8Array): void;
  cloneAsTypedArray(src: ZstdVector): Uint8Array;
  onRuntimeInitialized?: () => void;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

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
    if (!ready || typeof module.ZstdCodec !== 'function') throw new Error('zstd-codec not ready');
    instance = module as ZstdModule;
  } catch {
    unavailable = true; // compression then reports UNSUPPORTED
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
