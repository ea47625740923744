// Dictionary building one value at a time over a Map of the values' bytes: the reference for the
// assembly/dictionary_build.ts kernels.

/** Distinct values (as byte strings) in first-occurrence order and one index per value; undefined once the
 *  dictionary's PLAIN size (`plainSize` per entry) would pass `maxBytes`. */
export function buildDictionaryReference(
  values: readonly Uint8Array[],
  maxBytes: number,
  plainSize: (value: Uint8Array) => number,
): { indices: Int32Array; dictionary: Uint8Array[] } | undefined {
  const seen = new Map<string, number>();
  const dictionary: Uint8Array[] = [];
  const indices = new Int32Array(values.length);
  let size = 0;
  values.forEach((value, i) => {
    const key = Buffer.from(value).toString('latin1');
    let index = seen.get(key);
    if (index === undefined) {
      size += plainSize(value);
      index = dictionary.length;
      seen.set(key, index);
      dictionary.push(value);
    }
    indices[i] = index;
  });
  // The kernel stops early; the reference decides from the final size, which is the same test.
  return size > maxBytes ? undefined : { indices, dictionary };
}
