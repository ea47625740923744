// Where decoded column buffers are allocated. On the calling thread, ordinary ArrayBuffers; in a worker thread of a
// parallel read, SharedArrayBuffers, so that posting the decoded column to the main thread shares its memory
// instead of copying it (structured clone copies ArrayBuffers but shares SharedArrayBuffers: see
// src/scheduler/README.md).

let shared = false;

/** Makes this thread allocate decoded buffers on SharedArrayBuffers (called once by the parallel-read op). */
export function useSharedOutput(): void {
  shared = true;
}

/** A zero-filled Uint8Array of `length` bytes, shared when this thread decodes for another. */
export function outBytes(length: number): Uint8Array {
  return shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
}

/** Node's allocator of memory that is not zero-filled (absent elsewhere: browsers, Deno without Node globals). */
const allocUnfilled = (globalThis as { Buffer?: { allocUnsafeSlow?(size: number): Uint8Array } }).Buffer
  ?.allocUnsafeSlow;

/**
 * A Uint8Array of `length` bytes whose contents are unspecified (not zero-filled where the platform allows it), for
 * an output the decoder writes in full before anyone sees it: zero-filling fresh memory only to overwrite it costs
 * a pass over memory that is not in the cache. Shared output is always zero-filled (SharedArrayBuffer).
 */
export function outBytesUnfilled(length: number): Uint8Array {
  if (shared || !allocUnfilled || length < 4096) return outBytes(length);
  const buffer = allocUnfilled(length).buffer;
  return new Uint8Array(buffer, 0, length);
}

/** An Int32Array of `length` elements whose contents are unspecified, as outBytesUnfilled. */
export function outInt32Unfilled(length: number): Int32Array {
  const bytes = outBytesUnfilled(length * 4);
  return new Int32Array(bytes.buffer, 0, length);
}

/** A zero-filled Int32Array of `length` elements, shared when this thread decodes for another. */
export function outInt32(length: number): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
}

/** A copy of `bytes` in output memory (a plain slice on the calling thread). */
export function outCopy(bytes: Uint8Array): Uint8Array {
  if (!shared) return bytes.slice();
  const out = outBytes(bytes.byteLength);
  out.set(bytes);
  return out;
}
