// A bump allocator over the kernel module's linear memory. Kernels use the stub runtime (no GC), so the
// TypeScript side decides where inputs and outputs live: it allocates, passes pointers, and resets between pages.
import type { KernelExports } from './abi.js';
import { kernels } from './wasm.js';

const PAGE = 65536;

/** Memory of this thread's kernel instance, handed out by a bump pointer that is reset in bulk. */
export class Arena {
  readonly wasm: KernelExports;
  private readonly base: number;
  private top: number;
  private buffer: ArrayBuffer;
  private u8view: Uint8Array;
  /** Bytes copied between JavaScript memory and linear memory, both ways (the one-copy budget tests read it). */
  bytesCopied = 0;

  constructor(wasm: KernelExports = kernels()) {
    this.wasm = wasm;
    this.base = align(wasm.heapBase(), 16);
    this.top = this.base;
    this.buffer = wasm.memory.buffer;
    this.u8view = new Uint8Array(this.buffer);
  }

  /** Reserves `bytes` (16-byte aligned, so SIMD loads and 8-byte values are aligned) and returns the pointer. */
  alloc(bytes: number): number {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`arena: invalid allocation size ${bytes}`);
    const ptr = this.top;
    const end = align(ptr + bytes, 16);
    this.ensure(end);
    this.top = end;
    return ptr;
  }

  /** Copies `data` into fresh arena memory and returns its pointer. */
  copyIn(data: Uint8Array): number {
    const ptr = this.alloc(data.byteLength);
    this.u8().set(data, ptr);
    this.bytesCopied += data.byteLength;
    return ptr;
  }

  /** Copies `length` bytes at `ptr` into `target` at `offset` (the one copy out of kernel memory), counted. */
  copyOut(ptr: number, length: number, target: Uint8Array, offset = 0): void {
    target.set(this.view(Uint8Array, ptr, length), offset);
    this.bytesCopied += length;
  }

  /** A fresh copy of `length` bytes at `ptr`, counted. */
  sliceOut(ptr: number, length: number): Uint8Array {
    this.bytesCopied += length;
    return this.u8().slice(ptr, ptr + length);
  }

  /**
   * Grows memory now so that `bytes` more can be allocated without growing it again: views taken after this call
   * stay valid through those allocations (growth detaches every view of linear memory, and a copy from a detached
   * view copies nothing).
   */
  reserve(bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`arena: invalid reservation ${bytes}`);
    this.ensure(align(this.top + bytes, 16));
  }

  /** The current top, to hand to `release` later (everything allocated after it is freed at once). */
  mark(): number {
    return this.top;
  }

  /** Frees everything allocated since `mark`. */
  release(mark: number): void {
    this.top = mark;
  }

  /** Frees everything. */
  reset(): void {
    this.top = this.base;
  }

  /** A view of linear memory; re-fetch after any allocation, since growing memory detaches old views. */
  u8(): Uint8Array {
    if (this.buffer !== this.wasm.memory.buffer) this.refresh();
    return this.u8view;
  }

  /** The little-endian u32 at `ptr` (any alignment): the 4-byte length prefixes of Parquet sections. */
  u32At(ptr: number): number {
    const u8 = this.u8();
    return (u8[ptr]! | (u8[ptr + 1]! << 8) | (u8[ptr + 2]! << 16) | (u8[ptr + 3]! << 24)) >>> 0;
  }

  /** A typed view of `count` elements at `ptr` (valid until the next allocation). */
  view<T extends TypedArrayKind>(kind: T, ptr: number, count: number): InstanceType<T> {
    if (this.buffer !== this.wasm.memory.buffer) this.refresh();
    return new kind(this.buffer, ptr, count) as InstanceType<T>;
  }

  private ensure(end: number): void {
    const memory = this.wasm.memory;
    const have = memory.buffer.byteLength;
    if (end <= have) return;
    // Grow at least geometrically so a sequence of pages does not grow memory page by page.
    const need = Math.ceil((end - have) / PAGE);
    const pages = Math.max(need, Math.min(have / PAGE, 16384));
    try {
      memory.grow(pages);
    } catch {
      memory.grow(need);
    }
    this.refresh();
  }

  private refresh(): void {
    this.buffer = this.wasm.memory.buffer;
    this.u8view = new Uint8Array(this.buffer);
  }
}

/** Typed array constructors the arena can view memory as. */
export type TypedArrayKind =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Uint16ArrayConstructor
  | Int16ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

let threadArena: Arena | undefined;

/** The arena of this thread (one kernel instance per thread, one arena per instance). */
export function arena(): Arena {
  threadArena ??= new Arena();
  return threadArena;
}
