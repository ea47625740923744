// Byte-at-a-time LZ4 block decoder (lz4/doc/lz4_Block_format.md), the reference the lz4BlockDecompress kernel
// is checked against. Same result contract: output length or a negative KernelStatus.
import { KernelStatus } from '../../../src/kernels/abi.js';

/** Decodes an LZ4 block into `out` (capacity out.length); returns the length or a negative status. */
export function lz4BlockDecompressReference(input: Uint8Array, out: Uint8Array): number {
  if (input.length === 0) return KernelStatus.Truncated;
  let ip = 0;
  let op = 0;
  for (;;) {
    if (ip >= input.length) return KernelStatus.Truncated;
    const token = input[ip++]!;
    let litLen = token >>> 4;
    if (litLen === 15) {
      for (;;) {
        if (ip >= input.length) return KernelStatus.Truncated;
        const b = input[ip++]!;
        litLen += b;
        if (litLen > out.length) return KernelStatus.Overflow;
        if (b !== 255) break;
      }
    }
    if (ip + litLen > input.length) return KernelStatus.Truncated;
    if (op + litLen > out.length) return KernelStatus.Overflow;
    for (let i = 0; i < litLen; i++) out[op++] = input[ip++]!;
    if (ip === input.length) return op;

    if (ip + 2 > input.length) return KernelStatus.Truncated;
    const dist = input[ip]! | (input[ip + 1]! << 8);
    ip += 2;
    if (dist === 0 || dist > op) return KernelStatus.Invalid;
    let matchLen = token & 15;
    if (matchLen === 15) {
      for (;;) {
        if (ip >= input.length) return KernelStatus.Truncated;
        const b = input[ip++]!;
        matchLen += b;
        if (matchLen > out.length) return KernelStatus.Overflow;
        if (b !== 255) break;
      }
    }
    matchLen += 4;
    if (op + matchLen > out.length) return KernelStatus.Overflow;
    for (let i = 0; i < matchLen; i++, op++) out[op] = out[op - dist]!;
  }
}
