// Turns a kernel's negative status into a ParquetError that says what was being decoded.
import { KernelStatus } from '../../kernels/abi.js';
import { ParquetError } from '../errors.js';

/** Returns `result` if it is a success (>= 0), else throws BAD_ENCODING naming `what`. */
export function checkKernel(result: number, what: string): number {
  if (result >= 0) return result;
  const reason =
    result === KernelStatus.Truncated
      ? 'input truncated'
      : result === KernelStatus.Invalid
        ? 'invalid data'
        : result === KernelStatus.Overflow
          ? 'output larger than declared'
          : `status ${result}`;
  throw new ParquetError('BAD_ENCODING', `${what}: ${reason}`);
}
