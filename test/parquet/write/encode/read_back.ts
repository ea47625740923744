// Decodes what an encoder wrote with the READER's value and level decoders (src/parquet/read/values.ts,
// levels.ts), so the round-trip tests prove that the writer and reader agree on every byte.
import type { Test } from 'tap';
import { arena } from '../../../../src/kernels/arena.js';
import { Type } from '../../../../src/parquet/metadata/enums.js';
import { decodeLevelsV2 } from '../../../../src/parquet/read/levels.js';
import { decodeValues, physicalWidth } from '../../../../src/parquet/read/values.js';
import type { PhysicalValues } from '../../../../src/parquet/write/leaf_data.js';
import { Random } from '../../../kernels/reference/random.js';

const PHYSICAL_TYPE: Record<PhysicalValues['kind'], number> = {
  boolean: Type.BOOLEAN,
  int32: Type.INT32,
  int64: Type.INT64,
  int96: Type.INT96,
  float: Type.FLOAT,
  double: Type.DOUBLE,
  byte_array: Type.BYTE_ARRAY,
  fixed_len_byte_array: Type.FIXED_LEN_BYTE_ARRAY,
};

/** Values in a canonical form for comparison: byte-array offsets rebased to 0 over just the bytes they cover. */
export function canonical(values: PhysicalValues): PhysicalValues {
  if (values.kind !== 'byte_array') return values;
  const base = values.offsets[0]!;
  const offsets = values.offsets.map((o) => o - base);
  return { kind: 'byte_array', offsets, data: values.data.slice(base, values.offsets[values.offsets.length - 1]) };
}

/** A comparable form of any values: their kind, byte-array offsets from 0, and raw bytes (so NaN payloads and
 *  -0 compare by bits). */
export function comparable(values: PhysicalValues): { kind: string; offsets?: number[]; bytes: Buffer } {
  const c = canonical(values);
  if (c.kind === 'byte_array') return { kind: c.kind, offsets: Array.from(c.offsets), bytes: Buffer.from(c.data) };
  const data = c.data;
  return { kind: c.kind, bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}

/** Decodes `count` values of `like`'s kind and width from `encoded` with the reader's decoder for `encoding`. */
export function readBack(encoded: Uint8Array, like: PhysicalValues, encoding: number, count: number): PhysicalValues {
  const a = arena();
  const mark = a.mark();
  try {
    const physicalType = PHYSICAL_TYPE[like.kind];
    const width = physicalWidth(physicalType, like.kind === 'fixed_len_byte_array' ? like.width : 0);
    const ptr = a.copyIn(encoded);
    const dense = decodeValues(a, { physicalType, width }, encoding, ptr, encoded.length, count, 0, undefined);
    const u8 = a.u8();
    switch (like.kind) {
      case 'boolean': {
        const bits = u8.subarray(dense.valuesPtr, dense.valuesPtr + Math.ceil(count / 8));
        return { kind: 'boolean', data: Uint8Array.from({ length: count }, (_, i) => (bits[i >> 3]! >> (i & 7)) & 1) };
      }
      case 'byte_array': {
        const offsets = a.view(Int32Array, dense.offsetsPtr, count + 1).slice();
        return { kind: 'byte_array', offsets, data: u8.slice(dense.bytesPtr, dense.bytesPtr + dense.bytesLength) };
      }
      case 'int32':
        return { kind: 'int32', data: a.view(Int32Array, dense.valuesPtr, count).slice() };
      case 'int64':
        return { kind: 'int64', data: a.view(BigInt64Array, dense.valuesPtr, count).slice() };
      case 'float':
        return { kind: 'float', data: a.view(Float32Array, dense.valuesPtr, count).slice() };
      case 'double':
        return { kind: 'double', data: a.view(Float64Array, dense.valuesPtr, count).slice() };
      case 'int96':
        return { kind: 'int96', data: u8.slice(dense.valuesPtr, dense.valuesPtr + count * 12) };
      case 'fixed_len_byte_array':
        return { kind: like.kind, width: like.width, data: u8.slice(dense.valuesPtr, dense.valuesPtr + count * width) };
    }
  } finally {
    a.release(mark);
  }
}

/** Asserts that two typed arrays hold the same bytes; compares as Buffers because tap's deep comparison of large
 *  arrays is slow, and shows the first difference when they differ. */
export function sameArray(t: Test, got: ArrayBufferView, expected: ArrayBufferView, message: string): void {
  const a = Buffer.from(got.buffer, got.byteOffset, got.byteLength);
  const b = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  if (a.equals(b)) {
    t.pass(message);
    return;
  }
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  t.fail(`${message}: byte lengths ${a.length} vs ${b.length}, first difference at byte ${i}`);
}

/** Decodes `count` levels or indices of `bitWidth` bits with the reader's v2 level decoder (RLE hybrid, no length
 *  prefix; the bit width is passed as the maximum level 2^bitWidth - 1). */
export function readBackRleHybrid(encoded: Uint8Array, bitWidth: number, count: number): Uint32Array {
  const a = arena();
  const mark = a.mark();
  try {
    const ptr = a.copyIn(encoded);
    const maxLevel = bitWidth === 0 ? 0 : 2 ** bitWidth - 1;
    const out = decodeLevelsV2(a, ptr, encoded.length, count, maxLevel);
    return a.view(Uint32Array, out, count).slice();
  } finally {
    a.release(mark);
  }
}

/** Byte arrays for tests: empty, short and long values, shared prefixes, offsets starting past 0 in a larger
 *  buffer (a page that is a slice of its chunk). */
export function randomByteArrays(random: Random, count: number): PhysicalValues & { kind: 'byte_array' } {
  const base = random.below(20);
  const offsets = new Int32Array(count + 1);
  offsets[0] = base;
  const parts: Uint8Array[] = [];
  let prev: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const kind = random.below(6);
    let value: Uint8Array;
    if (kind === 0) value = new Uint8Array(0);
    else if (kind === 1) value = random.bytes(200 + random.below(2000));
    else if (kind === 2)
      value = Uint8Array.from([...prev.subarray(0, random.below(prev.length + 1)), ...random.bytes(3)]);
    else value = random.bytes(random.below(24));
    parts.push(value);
    offsets[i + 1] = offsets[i]! + value.length;
    prev = value;
  }
  const data = new Uint8Array(offsets[count]! + random.below(10));
  data.set(random.bytes(base));
  for (let i = 0; i < count; i++) data.set(parts[i]!, offsets[i]!);
  return { kind: 'byte_array', offsets, data };
}

/** One value set of every physical type, `count` values each, with the type's extremes mixed in. */
export function everyKind(random: Random, count: number): PhysicalValues[] {
  const i32 = Int32Array.from({ length: count }, (_, i) =>
    i % 7 === 0 ? [-(2 ** 31), 2 ** 31 - 1, 0][i % 3]! : random.u32() | 0,
  );
  const i64 = BigInt64Array.from({ length: count }, (_, i) =>
    i % 5 === 0 ? [-(2n ** 63n), 2n ** 63n - 1n, 0n][i % 3]! : BigInt.asIntN(64, random.bits(64)),
  );
  const specials = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const f = (i: number) => (i % 6 === 0 ? specials[i % 5]! : (random.u32() - 2 ** 31) / 1000);
  return [
    { kind: 'boolean', data: Uint8Array.from({ length: count }, () => random.below(2)) },
    { kind: 'int32', data: i32 },
    { kind: 'int64', data: i64 },
    { kind: 'int96', data: random.bytes(count * 12) },
    { kind: 'float', data: Float32Array.from({ length: count }, (_, i) => f(i)) },
    { kind: 'double', data: Float64Array.from({ length: count }, (_, i) => f(i)) },
    randomByteArrays(random, count),
    { kind: 'fixed_len_byte_array', width: 1, data: random.bytes(count) },
    { kind: 'fixed_len_byte_array', width: 16, data: random.bytes(count * 16) },
  ];
}

export { Random };
