// Runs a block compression kernel (snappy, LZ4) on arena scratch memory and copies the block out.
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';

/** Slack after the input and the output: the kernels move short literals with 16-byte loads and stores. */
const SLACK = 16;

/**
 * Compresses `input` (one buffer, or parts taken as their concatenation, copied straight into the arena) with a kernel `(inPtr, inLen, outPtr) => length | negative status` whose output never passes
 * `maxLength(input.length)` bytes. `name` labels errors.
 */
export function compressWithKernel(
  name: string,
  input: Uint8Array | readonly Uint8Array[],
  maxLength: (n: number) => number,
  kernel: (inPtr: number, inLen: number, outPtr: number) => number,
): Uint8Array {
  const a = arena();
  const mark = a.mark();
  try {
    const parts = input instanceof Uint8Array ? [input] : input;
    let total = 0;
    for (const part of parts) total += part.byteLength;
    const inPtr = a.alloc(total + SLACK);
    const memory = a.u8();
    let at = inPtr;
    for (const part of parts) {
      memory.set(part, at);
      at += part.byteLength;
    }
    const outPtr = a.alloc(maxLength(total) + SLACK);
    const length = kernel(inPtr, total, outPtr);
    if (length < 0) throw new ParquetError('UNSUPPORTED', `${name}: cannot compress ${total} bytes`);
    return a.u8().slice(outPtr, outPtr + length);
  } finally {
    a.release(mark);
  }
}
