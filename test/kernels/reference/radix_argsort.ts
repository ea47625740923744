// Reference for assembly/radix_argsort.ts: a stable argsort by comparison (Array.prototype.sort is stable).

/** `perm` reordered stably so that keys[perm[i]] ascends (keys are unsigned: u32 numbers or u64 bigints). */
export function argsortReference(keys: Uint32Array | BigUint64Array, perm: Uint32Array): Uint32Array {
  const rows = Array.from(perm);
  rows.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return Uint32Array.from(rows);
}
