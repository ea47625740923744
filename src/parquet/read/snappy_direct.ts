// A snappy page made mostly of long literals (incompressible values: random doubles, hashes) decompressed straight
// into the column's output: its literals are copied from the page once, where the snappy kernel would copy them into
// kernel memory and the decoder copy them out again. Pages with many short elements (the usual compressible data)
// are left to the kernel, which decodes them far faster than a walk in JavaScript: the walk gives up as soon as its
// elements average under MIN_BYTES_PER_ELEMENT bytes (judged every PROBE_ELEMENTS elements).
// Format: google/snappy format_description.txt (see assembly/snappy.ts).

/** Elements walked between two judgements of the average element length. */
const PROBE_ELEMENTS = 32;
/** Average uncompressed bytes per element below which the page goes to the kernel instead. */
const MIN_BYTES_PER_ELEMENT = 1024;

/**
 * Decompresses the snappy block `src`, which must declare `size` uncompressed bytes, writing uncompressed bytes
 * [skip, skip + length) to `dest` at `at` (the rest is checked but not written). Returns false, with `dest` in that
 * range partly written, when the block is not literal-dominated or is malformed in any way (a copy reaching before
 * `skip`, a bad offset, a truncated element, a size mismatch): the caller then decodes the page the ordinary way,
 * which rewrites the range and reports what is wrong.
 */
export function snappyLiteralsInto(
  src: Uint8Array,
  size: number,
  skip: number,
  dest: Uint8Array,
  at: number,
  length: number,
): boolean {
  const end = src.byteLength;
  let ip = 0;
  let declared = 0;
  for (let shift = 0; ; shift += 7) {
    if (ip >= end || shift > 28) return false;
    const b = src[ip++]!;
    declared += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  if (declared !== size || skip + length > size) return false;
  const stop = skip + length; // uncompressed positions written to dest: [skip, stop)
  const base = at - skip; // dest index of uncompressed position 0
  let op = 0;
  let elements = 0;
  while (ip < end) {
    // Judged every PROBE_ELEMENTS elements, so that a page turning compressible part-way is handed over too.
    if (++elements % PROBE_ELEMENTS === 0 && op < elements * MIN_BYTES_PER_ELEMENT) return false;
    const tag = src[ip++]!;
    const kind = tag & 3;
    let len: number;
    if (kind === 0) {
      len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (ip + extra > end) return false;
        len = 0;
        for (let i = 0; i < extra; i++) len += src[ip + i]! * 2 ** (8 * i);
        len += 1;
        ip += extra;
      }
      if (ip + len > end || op + len > size) return false;
      const from = Math.max(op, skip);
      const to = Math.min(op + len, stop);
      if (from < to) dest.set(src.subarray(ip + (from - op), ip + (to - op)), base + from);
      ip += len;
      op += len;
      continue;
    }
    let dist: number;
    if (kind === 1) {
      if (ip + 1 > end) return false;
      len = ((tag >>> 2) & 7) + 4;
      dist = ((tag >>> 5) << 8) | src[ip]!;
      ip += 1;
    } else if (kind === 2) {
      if (ip + 2 > end) return false;
      len = (tag >>> 2) + 1;
      dist = src[ip]! | (src[ip + 1]! << 8);
      ip += 2;
    } else {
      if (ip + 4 > end) return false;
      len = (tag >>> 2) + 1;
      dist = (src[ip]! | (src[ip + 1]! << 8) | (src[ip + 2]! << 16) | (src[ip + 3]! << 24)) >>> 0;
      ip += 4;
    }
    // Only copies of bytes that were written to dest can be replayed there.
    if (dist === 0 || op - dist < skip || op + len > size) return false;
    const to = Math.min(op + len, stop);
    // An overlapping copy (dist < len) repeats its pattern: move at most `dist` bytes per step, each already final.
    for (let t = op; t < to; t += dist) {
      const n = Math.min(dist, to - t);
      dest.copyWithin(base + t, base + t - dist, base + t - dist + n);
    }
    op += len;
  }
  return op === size;
}

/** Where the first element of the snappy block `src` lies when it is a literal: its bytes' offset in `src` and its
 *  length (undefined for any other block, or a truncated one). */
export function leadingLiteral(src: Uint8Array): { offset: number; length: number } | undefined {
  let ip = 0;
  while (ip < 5 && ip < src.byteLength && src[ip]! >= 0x80) ip++;
  ip++; // the preamble's last byte
  if (ip >= src.byteLength) return undefined;
  const tag = src[ip++]!;
  if ((tag & 3) !== 0) return undefined;
  let length = (tag >>> 2) + 1;
  if (length > 60) {
    const extra = length - 60;
    if (ip + extra > src.byteLength) return undefined;
    length = 0;
    for (let i = 0; i < extra; i++) length += src[ip + i]! * 2 ** (8 * i);
    length += 1;
    ip += extra;
  }
  return ip + length <= src.byteLength ? { offset: ip, length } : undefined;
}
