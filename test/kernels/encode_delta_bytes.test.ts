import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { arena } from '../../src/kernels/arena.js';
import { deltaByteArraySplitReference } from './reference/encode.js';
import { Random } from './reference/random.js';

/** Sorted-ish strings over a small alphabet, so neighbours share prefixes of every length (0, partial, whole). */
function similarValues(random: Random, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let prev = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const keep = random.below(prev.length + 1);
    const extra = random.below(4) === 0 ? random.below(40) : random.below(4);
    const next = new Uint8Array(keep + extra);
    next.set(prev.subarray(0, keep));
    for (let k = keep; k < next.length; k++) next[k] = 97 + random.below(3);
    out.push(next);
    prev = next;
  }
  return out;
}

function toOffsets(values: readonly Uint8Array[], base: number): { offsets: Int32Array; data: Uint8Array } {
  const offsets = new Int32Array(values.length + 1);
  offsets[0] = base;
  values.forEach((v, i) => {
    offsets[i + 1] = offsets[i]! + v.length;
  });
  const data = new Uint8Array(offsets[values.length]!);
  for (const [i, v] of values.entries()) data.set(v, offsets[i]!);
  return { offsets, data };
}

function split(offsets: Int32Array | undefined, data: Uint8Array, count: number, width: number, cap?: number) {
  const a = arena();
  const m = a.mark();
  try {
    const base = offsets ? offsets[0]! : 0;
    const offsetsPtr = offsets ? a.copyIn(new Uint8Array(offsets.buffer)) : 0;
    const dataPtr = a.copyIn(data.subarray(base));
    const prefixPtr = a.alloc(count * 4);
    const suffixLenPtr = a.alloc(count * 4);
    const suffixCap = cap ?? data.length;
    const suffixPtr = a.alloc(suffixCap);
    const status = a.wasm.deltaByteArraySplit(
      offsetsPtr,
      dataPtr,
      base,
      count,
      width,
      prefixPtr,
      suffixLenPtr,
      suffixPtr,
      suffixCap,
    );
    return {
      status,
      prefixes: Array.from(a.view(Int32Array, prefixPtr, count)),
      suffixLengths: Array.from(a.view(Int32Array, suffixLenPtr, count)),
      suffixes: a.u8().slice(suffixPtr, suffixPtr + Math.max(status, 0)),
    };
  } finally {
    a.release(m);
  }
}

t.test('deltaByteArraySplit matches the reference on byte arrays', async (t) => {
  const random = new Random(41);
  for (const count of [0, 1, 2, 9, 100, 1500]) {
    const values = similarValues(random, count);
    const { offsets, data } = toOffsets(values, random.below(7));
    const expected = deltaByteArraySplitReference(values);
    const got = split(offsets, data, count, 0);
    t.equal(got.status, expected.suffixes.length);
    t.same({ prefixes: got.prefixes, suffixLengths: got.suffixLengths, suffixes: got.suffixes }, expected);
  }
});

t.test('deltaByteArraySplit matches the reference on fixed-width values', async (t) => {
  const random = new Random(42);
  for (const width of [1, 2, 7, 8, 9, 16, 17]) {
    for (const count of [0, 1, 3, 200]) {
      const values = Array.from({ length: count }, () => Uint8Array.from({ length: width }, () => random.below(2)));
      const data = new Uint8Array(count * width);
      for (const [i, v] of values.entries()) data.set(v, i * width);
      const expected = deltaByteArraySplitReference(values);
      const got = split(undefined, data, count, width);
      t.same({ prefixes: got.prefixes, suffixLengths: got.suffixLengths, suffixes: got.suffixes }, expected);
    }
  }
});

t.test('byteArrayLengths', async (t) => {
  const a = arena();
  const m = a.mark();
  const offsetsPtr = a.copyIn(new Uint8Array(Int32Array.from([5, 5, 9, 20]).buffer));
  const outPtr = a.alloc(12);
  t.equal(a.wasm.byteArrayLengths(offsetsPtr, 3, outPtr), 15);
  t.same(a.view(Int32Array, outPtr, 3), Int32Array.from([0, 4, 11]));
  const badPtr = a.copyIn(new Uint8Array(Int32Array.from([5, 4]).buffer));
  t.equal(a.wasm.byteArrayLengths(badPtr, 1, outPtr), KernelStatus.Invalid);
  a.release(m);
});

t.test('deltaByteArraySplit rejects bad offsets and a short output', async (t) => {
  const data = Uint8Array.from([1, 2, 3, 4, 5]);
  t.equal(split(Int32Array.from([0, 3, 2]), data, 2, 0).status, KernelStatus.Invalid, 'offsets going backwards');
  t.equal(split(Int32Array.from([0, 2, 5]), data, 2, 0, 4).status, KernelStatus.Overflow, 'suffixes do not fit');
  t.equal(split(Int32Array.from([0, 2, 5]), data, 2, 0, 5).status, 5, 'exact capacity');
});
