import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { bigEndianSigned, halfToNumber, minMaxReference } from './reference/min_max.js';
import { Random } from './reference/random.js';

const COUNTS = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 100, 1001];
const cmp = (x: number | bigint, y: number | bigint) => (x < y ? -1 : x > y ? 1 : 0);

t.test('minMaxInt32 and minMaxInt64, signed and unsigned', async (t) => {
  const a = arena();
  const random = new Random(81);
  for (const count of COUNTS) {
    const i32 = Int32Array.from({ length: count }, () => random.u32() | 0);
    const i64 = BigInt64Array.from({ length: count }, () => BigInt.asIntN(64, random.bits(64)));
    for (const unsigned of [0, 1]) {
      const p = a.copyIn(new Uint8Array(i32.buffer));
      const out = a.alloc(32);
      a.wasm.minMaxInt32(p, count, unsigned, out);
      const key32 = (i: number) => (unsigned ? i32[i]! >>> 0 : i32[i]!);
      const [lo, hi] = minMaxReference(count, (i, j) => cmp(key32(i), key32(j)))!;
      t.same([...a.view(Int32Array, out, 2)], [i32[lo], i32[hi]], `int32 ${count} unsigned ${unsigned}`);
      const q = a.copyIn(new Uint8Array(i64.buffer));
      a.wasm.minMaxInt64(q, count, unsigned, out);
      const key64 = (i: number) => (unsigned ? BigInt.asUintN(64, i64[i]!) : i64[i]!);
      const [lo64, hi64] = minMaxReference(count, (i, j) => cmp(key64(i), key64(j)))!;
      t.same([...a.view(BigInt64Array, out, 2)], [i64[lo64], i64[hi64]], `int64 ${count} unsigned ${unsigned}`);
      a.reset();
    }
  }
});

t.test('minMaxFloat32/64 ignore NaN; minMaxFloat16 too', async (t) => {
  const a = arena();
  const random = new Random(82);
  const special = [Number.NaN, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const count of COUNTS) {
    for (const nanShare of [0, 0.5, 1]) {
      const draw = () =>
        random.u32() / 2 ** 32 < nanShare ? Number.NaN : (special[random.below(10)] ?? random.u32() - 2 ** 31);
      const f64 = Float64Array.from({ length: count }, draw);
      const f32 = Float32Array.from({ length: count }, draw);
      const out = a.alloc(32);
      for (const [data, fn, View] of [
        [f64, 'minMaxFloat64', Float64Array],
        [f32, 'minMaxFloat32', Float32Array],
      ] as const) {
        const p = a.copyIn(new Uint8Array(data.buffer));
        const found = a.wasm[fn](p, count, out);
        const expected = minMaxReference(
          count,
          (i, j) => cmp(data[i]!, data[j]!),
          (i) => Number.isNaN(data[i]),
        );
        t.equal(found, expected ? 1 : 0, `${fn} ${count} found`);
        // Zeros of either sign are equal: the caller picks the sign.
        if (expected)
          t.same(
            [...new View(a.view(View, out, 2))].map((x) => x + 0),
            [data[expected[0]]! + 0, data[expected[1]]! + 0],
          );
      }
      const halves = Uint16Array.from({ length: count }, () =>
        random.u32() / 2 ** 32 < nanShare ? 0x7c01 + random.below(0x3fe) : random.u32() & 0xffff,
      );
      const h = a.copyIn(new Uint8Array(halves.buffer));
      const found = a.wasm.minMaxFloat16(h, count, out);
      const expected = minMaxReference(
        count,
        (i, j) => cmp(halfToNumber(halves[i]!), halfToNumber(halves[j]!)),
        (i) => Number.isNaN(halfToNumber(halves[i]!)),
      );
      t.equal(found, expected ? 1 : 0, `float16 ${count} found`);
      if (expected) {
        const [lo, hi] = a.view(Uint16Array, out, 2);
        t.equal(halfToNumber(lo!), halfToNumber(halves[expected[0]]!), `float16 ${count} min`);
        t.equal(halfToNumber(hi!), halfToNumber(halves[expected[1]]!), `float16 ${count} max`);
      }
      a.reset();
    }
  }
});

t.test('minMaxFixedBytes and minMaxByteArray: unsigned and two-complement orders', async (t) => {
  const a = arena();
  const random = new Random(83);
  for (const count of COUNTS) {
    for (const signed of [0, 1]) {
      const width = 1 + random.below(20);
      const fixed = random.bytes(count * width);
      const at = (i: number) => fixed.subarray(i * width, (i + 1) * width);
      const compare = (x: Uint8Array, y: Uint8Array) =>
        signed ? cmp(bigEndianSigned(x), bigEndianSigned(y)) : Buffer.compare(x, y);
      const p = a.copyIn(fixed);
      const out = a.alloc(8);
      a.wasm.minMaxFixedBytes(p, count, width, signed, out);
      t.same(
        [...a.view(Int32Array, out, 2)],
        minMaxReference(count, (i, j) => compare(at(i), at(j))),
        `fixed ${count}`,
      );
      // Byte arrays of random lengths (sign-extended decimals of mixed lengths when signed), offsets from a base.
      const list = Array.from({ length: count }, () => random.bytes(random.below(signed ? 12 : 20) + signed));
      const base = 3;
      const offsets = new Int32Array(count + 1);
      offsets[0] = base;
      list.forEach((v, i) => {
        offsets[i + 1] = offsets[i]! + v.length;
      });
      const offsetsPtr = a.copyIn(new Uint8Array(offsets.buffer));
      const dataPtr = a.copyIn(Buffer.concat(list));
      a.wasm.minMaxByteArray(offsetsPtr, count, dataPtr, base, signed, out);
      const [lo, hi] = a.view(Int32Array, out, 2);
      const expected = minMaxReference(count, (i, j) => compare(list[i]!, list[j]!))!;
      // Equal values may sit at different positions; compare the values.
      t.equal(compare(list[lo!]!, list[expected[0]]!), 0, `byte arrays ${count} signed ${signed} min`);
      t.equal(compare(list[hi!]!, list[expected[1]]!), 0, `byte arrays ${count} signed ${signed} max`);
      a.reset();
    }
  }
});
