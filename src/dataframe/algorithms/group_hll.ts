// nuniqueApprox per group: one HyperLogLog sketch (./hyperloglog.ts, same hash, same register rule, so the
// estimates are those of hllEstimate) per group, kept as a fixed_size_binary state column of 2^p bytes per group.
// Sketches merge register-wise by max when partials combine.
import { allocArray } from '../../columnar/alloc.js';
import type { Column } from '../../columnar/types.js';
import { hashColumn, hashOfNull } from './hash.js';
import { hllEstimate } from './hyperloglog.js';

/** Default precision of per-group sketches: 4 KiB per group, 1.6% standard error. */
export const GROUP_HLL_DEFAULT_PRECISION = 12;

/** The state column of `numGroups` sketches of 2^p registers each. */
export function hllStateColumn(registers: Uint8Array, numGroups: number, p: number): Column {
  return { type: { kind: 'fixed_size_binary', byteWidth: 2 ** p }, length: numGroups, nullCount: 0, values: registers };
}

/** Sketches of the non-null values of `column` per group (`ids`), 2^p registers each, back to back. */
export function groupHll(column: Column, ids: Int32Array, numGroups: number, p: number): Uint8Array {
  const m = 2 ** p;
  const registers = allocArray(Uint8Array, numGroups * m);
  const n = column.length;
  if (n === 0) return registers;
  const hashes = hashColumn(column);
  const nullHash = hashOfNull();
  const lanes = new Uint32Array(hashes.buffer, hashes.byteOffset, n * 2);
  const nullLo = Number(nullHash & 0xffffffffn);
  const nullHi = Number(nullHash >> 32n);
  const sentinel = 1 << (p - 1);
  for (let i = 0; i < n; i++) {
    const lo = lanes[2 * i]!;
    const hi = lanes[2 * i + 1]!;
    if (lo === nullLo && hi === nullHi) continue;
    // Register h >> (64 - p); rank = 1 + leading zeros of (h << p) with a sentinel bit (as assembly/hyperloglog.ts).
    const top = ((hi << p) | (lo >>> (32 - p))) >>> 0;
    const rank = top !== 0 ? Math.clz32(top) + 1 : 33 + Math.clz32(((lo << p) | sentinel) >>> 0);
    const r = ids[i]! * m + (hi >>> (32 - p));
    if (rank > registers[r]!) registers[r] = rank;
  }
  return registers;
}

/** Sketches of rows merged into their groups (`ids`): register-wise max. */
export function mergeGroupHll(state: Column, ids: Int32Array, numGroups: number): Column {
  const m = (state.type as { byteWidth: number }).byteWidth;
  const p = Math.log2(m);
  const source = state.values as Uint8Array;
  const out = allocArray(Uint8Array, numGroups * m);
  for (let r = 0; r < ids.length; r++) {
    const to = ids[r]! * m;
    const from = r * m;
    for (let j = 0; j < m; j++) if (source[from + j]! > out[to + j]!) out[to + j] = source[from + j]!;
  }
  return hllStateColumn(out, numGroups, p);
}

/** The estimate of each group's sketch, rounded. */
export function estimateGroupHll(state: Column): BigInt64Array {
  const m = (state.type as { byteWidth: number }).byteWidth;
  const registers = state.values as Uint8Array;
  const out = allocArray(BigInt64Array, state.length);
  for (let g = 0; g < state.length; g++) {
    out[g] = BigInt(Math.round(hllEstimate(registers.subarray(g * m, (g + 1) * m))));
  }
  return out;
}
