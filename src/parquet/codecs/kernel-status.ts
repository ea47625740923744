// Turns a negative KernelStatus from a decompression kernel into a ParquetError.
import { KernelStatus } from '../../kernels/abi.js';
import { ParquetError } from '../errors.js';

/** A BAD_PAGE error describing why a decompression kernel rejected its input. */
export function kernelFailure(codecName: string, status: number): ParquetError {
  let reason: string;
  if (status === KernelStatus.Truncated) reason = 'compressed data ends in the middle of an element';
  else if (status === KernelStatus.Invalid) reason = 'corrupt data (bad offset or length header)';
  else if (status === KernelStatus.Overflow) reason = 'decompressed data larger than the page header says';
  else reason = `kernel status ${status}`;
  return new ParquetError('BAD_PAGE', `${codecName}: ${reason}`);
}
