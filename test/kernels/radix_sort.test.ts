import t from 'tap';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';

/** Sorts through the kernel; the reference is Float64Array.prototype.sort (numeric, -0 before +0). */
function radixSort(values: Float64Array): Float64Array {
  const a = arena();
  const mark = a.mark();
  try {
    const ptr = a.copyIn(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    a.wasm.radixSortFloat64(ptr, values.length, a.alloc(values.byteLength), a.alloc(8192));
    return a.view(Float64Array, ptr, values.length).slice();
  } finally {
    a.release(mark);
  }
}

const sameBits = (x: Float64Array, y: Float64Array) =>
  Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));

t.test('radixSortFloat64 sorts like Float64Array.sort, bit for bit', async (t) => {
  const random = new Random(41);
  const specials = [
    0,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    1e308,
    -1e308,
  ];
  const makers: [string, () => number][] = [
    ['uniform', () => random.u32() / 2 ** 32],
    ['signed wide', () => (random.u32() - 2 ** 31) * 2 ** (random.below(40) - 20)],
    ['few values', () => random.below(5) - 2],
    ['specials', () => specials[random.below(specials.length)]!],
    [
      'raw bits',
      () => {
        const v = new Float64Array(new BigUint64Array([random.bits(64)]).buffer)[0]!;
        return Number.isNaN(v) ? 0 : v;
      },
    ],
  ];
  for (const [name, make] of makers) {
    for (const n of [0, 1, 2, 3, 100, 5000]) {
      const values = Float64Array.from({ length: n }, make);
      t.ok(sameBits(radixSort(values), values.slice().sort()), `${name} n=${n}`);
    }
  }
  const constant = new Float64Array(1000).fill(3.5);
  t.ok(sameBits(radixSort(constant), constant), 'all equal (every pass skipped)');
});
