// Loads build/kernels.wasm synchronously, once per thread (a module instance is per-thread state: each worker
// thread that imports this file gets its own instance and its own linear memory).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KernelExports } from './abi.js';

let cached: KernelExports | undefined;

/** Walks up from this module to the package root (the folder holding build/kernels.wasm). */
function findWasmFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'build', 'kernels.wasm');
    try {
      readFileSync(candidate, { flag: 'r' }).byteLength;
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('build/kernels.wasm not found: run `npm run build:wasm`');
}

/** The kernel exports of this thread's module instance (instantiated on first use). */
export function kernels(): KernelExports {
  if (cached) return cached;
  const bytes = readFileSync(findWasmFile());
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort(_msg: number, _file: number, line: number, column: number): never {
        throw new Error(`wasm kernel aborted at line ${line}:${column}`);
      },
    },
  });
  cached = instance.exports as unknown as KernelExports;
  return cached;
}
