// Plain-TypeScript references of the per-group aggregate kernels (assembly/group_aggregate.ts).

/** Whether row i is valid under an LSB bitmap (undefined: every row). */
export function validAt(validity: Uint8Array | undefined, i: number): boolean {
  return !validity || ((validity[i >> 3]! >> (i & 7)) & 1) === 1;
}

/** Per-group sum and non-null count of numbers (or bigints, summed with 64-bit wrap-around). */
export function groupSumsReference(
  values: ArrayLike<number | bigint>,
  validity: Uint8Array | undefined,
  ids: Int32Array,
  numGroups: number,
): { sums: (number | bigint)[]; counts: number[] } {
  const isBig = typeof values[0] === 'bigint' || (values.length > 0 && values instanceof BigInt64Array);
  const sums: (number | bigint)[] = new Array(numGroups).fill(isBig ? 0n : 0);
  const counts: number[] = new Array(numGroups).fill(0);
  for (let i = 0; i < ids.length; i++) {
    if (!validAt(validity, i)) continue;
    const g = ids[i]!;
    const v = values[i]!;
    sums[g] = isBig ? BigInt.asIntN(64, (sums[g] as bigint) + BigInt(v)) : (sums[g] as number) + (v as number);
    counts[g]! += 1;
  }
  return { sums, counts };
}

/** Per-group min and max with DuckDB's float order (NaN greatest); undefined for a group without values. */
export function groupMinMaxReference(
  values: ArrayLike<number | bigint>,
  validity: Uint8Array | undefined,
  ids: Int32Array,
  numGroups: number,
): { mins: (number | bigint | undefined)[]; maxs: (number | bigint | undefined)[] } {
  const less = (a: number | bigint, b: number | bigint): boolean => {
    if (typeof a === 'number' && Number.isNaN(a)) return false;
    if (typeof b === 'number' && Number.isNaN(b)) return true;
    return a < b;
  };
  const mins: (number | bigint | undefined)[] = new Array(numGroups).fill(undefined);
  const maxs: (number | bigint | undefined)[] = new Array(numGroups).fill(undefined);
  for (let i = 0; i < ids.length; i++) {
    if (!validAt(validity, i)) continue;
    const g = ids[i]!;
    const v = values[i]!;
    if (mins[g] === undefined || less(v, mins[g]!)) mins[g] = v;
    if (maxs[g] === undefined || less(maxs[g]!, v)) maxs[g] = v;
  }
  return { mins, maxs };
}
