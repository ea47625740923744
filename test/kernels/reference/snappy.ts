// Byte-at-a-time snappy block decoder (google/snappy format_description.txt), the reference the
// snappyDecompress kernel is checked against. Same result contract: output length or a negative KernelStatus.
import { KernelStatus } from '../../../src/kernels/abi.js';

/** Decodes a raw snappy block into `out` (capacity out.length); returns the length or a negative status. */
export function snappyDecompressReference(input: Uint8Array, out: Uint8Array): number {
  let ip = 0;
  let expected = 0;
  for (let shift = 0; ; shift += 7) {
    if (shift > 28) return KernelStatus.Invalid;
    if (ip >= input.length) return KernelStatus.Truncated;
    const b = input[ip++]!;
    expected += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  if (expected > 0x7fffffff) return KernelStatus.Invalid;
  if (expected > out.length) return KernelStatus.Overflow;

  let op = 0;
  while (ip < input.length) {
    const tag = input[ip++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (ip + extra > input.length) return KernelStatus.Truncated;
        let value = 0;
        for (let i = 0; i < extra; i++) value += input[ip + i]! * 2 ** (8 * i);
        ip += extra;
        len = value + 1;
      }
      if (ip + len > input.length) return KernelStatus.Truncated;
      if (op + len > expected) return KernelStatus.Overflow;
      for (let i = 0; i < len; i++) out[op++] = input[ip++]!;
      continue;
    }
    let len: number;
    let dist: number;
    if (kind === 1) {
      if (ip + 1 > input.length) return KernelStatus.Truncated;
      len = ((tag >>> 2) & 7) + 4;
      dist = ((tag >>> 5) << 8) | input[ip]!;
      ip += 1;
    } else if (kind === 2) {
      if (ip + 2 > input.length) return KernelStatus.Truncated;
      len = (tag >>> 2) + 1;
      dist = input[ip]! | (input[ip + 1]! << 8);
      ip += 2;
    } else {
      if (ip + 4 > input.length) return KernelStatus.Truncated;
      len = (tag >>> 2) + 1;
      dist = (input[ip]! | (input[ip + 1]! << 8) | (input[ip + 2]! << 16) | (input[ip + 3]! << 24)) >>> 0;
      ip += 4;
    }
    if (dist === 0 || dist > op) return KernelStatus.Invalid;
    if (op + len > expected) return KernelStatus.Overflow;
    for (let i = 0; i < len; i++, op++) out[op] = out[op - dist]!;
  }
  return op === expected ? op : KernelStatus.Truncated;
}
