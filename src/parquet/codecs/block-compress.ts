// Runs a block compression kernel (snappy, LZ4) on arena scratch memory and copies the block out.
import { arena } from '../../kernels/arena.js';
import { ParquetError } from '../errors.js';

/** Slack after the input and the output: the kernels move short literals with 16-byte loads and stores. */
const SLACK = 16;

/**
 * Compresses `input` with a kernel `(inPtr, inLen, outPtr) => length | negative status` whose output never passes
 * `maxLength(input.length)` bytes. `name` labels errors.
 */
export function compressWithKernel(
  name: string,
  input: Uint8Array,
  maxLength: (n: number) => number,
  kernel: (inPtr: number, inLen: number, outPtr: number) => number,
): Uint8Array {
  const a = arena();
  const mark = a.mark();
  try {
    const inPtr = a.alloc(input.length + SLACK);
    a.u8().set(input, inPtr);
    const outPtr = a.alloc(maxLength(input.length) + SLACK);
    const length = kernel(inPtr, input.length, outPtr);
    if (length < 0) throw new ParquetError('UNSUPPORTED', `${name}: cannot compress ${input.length} bytes`);
    return a.u8().slice(outPtr, outPtr + length);
  } finally {
    a.release(mark);
  }
}
