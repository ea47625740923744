// A column chunk read with its dictionary kept but written without one (or with a writer's fallback to PLAIN pages
// part-way): its plainly decoded values become the dictionary and every row indexes its own value, so that a
// column asked for as a dictionary has the Arrow Dictionary type in every row group.
import type { PhysicalColumn } from './column_output.js';

/** `plain` as indices 0..length-1 into itself. */
export function identityDictionary(plain: PhysicalColumn): PhysicalColumn {
  const indices = new Int32Array(plain.length);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  return {
    length: plain.length,
    nullCount: plain.nullCount,
    validity: plain.validity,
    values: new Uint8Array(indices.buffer),
    dictionary: { ...plain, nullCount: 0, validity: undefined },
  };
}
