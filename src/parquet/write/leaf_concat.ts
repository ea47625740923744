// Joins the LeafData of several batches into one chunk's worth (the row group buffer is kept per batch until the
// row group is written, then joined once per column).
import type { LeafData, PhysicalValues } from './leaf_data.js';

type NumericArray = Uint8Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

function concatArrays<T extends NumericArray>(parts: readonly T[], make: (n: number) => T): T {
  if (parts.length === 1) return parts[0] as T;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = make(total);
  let at = 0;
  for (const p of parts) {
    (out as unknown as { set(a: T, at: number): void }).set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte-array values of several pieces as one, with offsets rebased onto the joined data. */
function concatByteArrays(parts: readonly Extract<PhysicalValues, { kind: 'byte_array' }>[]): PhysicalValues {
  let count = 0;
  let bytes = 0;
  for (const p of parts) {
    count += p.offsets.length - 1;
    bytes += (p.offsets[p.offsets.length - 1] as number) - (p.offsets[0] as number);
  }
  const offsets = new Int32Array(count + 1);
  const data = new Uint8Array(bytes);
  let at = 0;
  let pos = 0;
  for (const p of parts) {
    const first = p.offsets[0] as number;
    const last = p.offsets[p.offsets.length - 1] as number;
    data.set(p.data.subarray(first, last), pos);
    const shift = pos - first;
    for (let i = 0; i < p.offsets.length - 1; i++) offsets[at++] = (p.offsets[i] as number) + shift;
    pos += last - first;
  }
  offsets[at] = pos;
  return { kind: 'byte_array', offsets, data };
}

function concatValues(parts: readonly PhysicalValues[]): PhysicalValues {
  const first = parts[0] as PhysicalValues;
  if (parts.length === 1) return first;
  switch (first.kind) {
    case 'byte_array':
      return concatByteArrays(parts as Extract<PhysicalValues, { kind: 'byte_array' }>[]);
    case 'fixed_len_byte_array':
      return {
        kind: first.kind,
        width: first.width,
        data: concatArrays(
          parts.map((p) => p.data as Uint8Array),
          (n) => new Uint8Array(n),
        ),
      };
    case 'boolean':
    case 'int96':
      return {
        kind: first.kind,
        data: concatArrays(
          parts.map((p) => p.data as Uint8Array),
          (n) => new Uint8Array(n),
        ),
      };
    case 'int32':
      return {
        kind: 'int32',
        data: concatArrays(
          parts.map((p) => p.data as Int32Array),
          (n) => new Int32Array(n),
        ),
      };
    case 'int64':
      return {
        kind: 'int64',
        data: concatArrays(
          parts.map((p) => p.data as BigInt64Array),
          (n) => new BigInt64Array(n),
        ),
      };
    case 'float':
      return {
        kind: 'float',
        data: concatArrays(
          parts.map((p) => p.data as Float32Array),
          (n) => new Float32Array(n),
        ),
      };
    case 'double':
      return {
        kind: 'double',
        data: concatArrays(
          parts.map((p) => p.data as Float64Array),
          (n) => new Float64Array(n),
        ),
      };
  }
}

function concatLevels(
  parts: readonly LeafData[],
  pick: (d: LeafData) => Uint8Array | undefined,
): Uint8Array | undefined {
  const levels = parts.map(pick);
  if (levels.some((l) => l === undefined)) return undefined;
  return concatArrays(levels as Uint8Array[], (n) => new Uint8Array(n));
}

/** The pieces of one leaf column, in order, as one LeafData. */
export function concatLeafData(parts: readonly LeafData[]): LeafData {
  if (parts.length === 1) return parts[0] as LeafData;
  let numLevels = 0;
  let numRows = 0;
  for (const p of parts) {
    numLevels += p.numLevels;
    numRows += p.numRows;
  }
  return {
    numLevels,
    numRows,
    defLevels: concatLevels(parts, (d) => d.defLevels),
    repLevels: concatLevels(parts, (d) => d.repLevels),
    values: concatValues(parts.map((p) => p.values)),
  };
}

/** Bytes a LeafData holds (levels and values), for the row group's size limit. */
export function leafDataBytes(data: LeafData): number {
  const v = data.values;
  // Byte arrays may view a larger buffer (an Arrow batch's): count only the bytes their offsets span.
  const values =
    v.kind === 'byte_array'
      ? (v.offsets[v.offsets.length - 1] as number) - (v.offsets[0] as number) + v.offsets.byteLength
      : v.data.byteLength;
  return values + (data.defLevels?.byteLength ?? 0) + (data.repLevels?.byteLength ?? 0);
}
