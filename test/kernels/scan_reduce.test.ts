// Whole-column reduction kernels (assembly/scan_reduce.ts) against a plain reference: count, sum in row order,
// min and max (first of equal values, NaN rules of stats.ts), falsy values, through a validity bitmap or a
// dictionary, the state carried from one call to the next.
import t from 'tap';
import { KernelStatus } from '../../src/kernels/abi.js';
import { REDUCE_STATE_BYTES } from '../../src/kernels/abi_scan.js';
import { arena } from '../../src/kernels/arena.js';
import { Random } from './reference/random.js';

type Kind = 'f64' | 'f32' | 'i32' | 'i64';
const ARRAYS = { f64: Float64Array, f32: Float32Array, i32: Int32Array, i64: BigInt64Array } as const;
const KERNELS = { f64: 'reduceFloat64', f32: 'reduceFloat32', i32: 'reduceInt32', i64: 'reduceInt64' } as const;

/** The reference: numericPartial's loop. */
function reference(values: ArrayLike<number | bigint>, valid: (i: number) => boolean, big: boolean) {
  let count = 0;
  let sum = 0;
  let bigSum = 0n;
  let min: number | bigint | undefined;
  let max: number | bigint | undefined;
  let falsy = 0;
  let nan = false;
  for (let i = 0; i < values.length; i++) {
    if (!valid(i)) continue;
    const v = values[i]!;
    count++;
    if (big) bigSum += v as bigint;
    else sum += v as number;
    if (!v) falsy++;
    if (typeof v === 'number' && Number.isNaN(v)) nan = true;
    else {
      if (min === undefined || v < min) min = v;
      if (max === undefined || v > max) max = v;
    }
  }
  return { count, sum: big ? bigSum : sum, min, max, falsy, nan };
}

function valuesOf(random: Random, kind: Kind, n: number, distinct: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = random.below(distinct);
    if (kind === 'f64' || kind === 'f32') {
      out.push(r === 0 ? Number.NaN : r === 1 ? -0 : (r - distinct / 2) / 7.3);
    } else out.push(r - Math.floor(distinct / 2));
  }
  return out;
}

/** Runs the kernel over `pages` (plain with validity, or through a dictionary) and returns its state. */
function run(kind: Kind, pages: { values: number[]; valid?: boolean[]; dict?: number[] }[]) {
  const a = arena();
  const mark = a.mark();
  try {
    const state = a.alloc(REDUCE_STATE_BYTES);
    a.view(Uint8Array, state, REDUCE_STATE_BYTES).fill(0);
    const Array_ = ARRAYS[kind];
    const typed = (xs: number[]) =>
      kind === 'i64' ? BigInt64Array.from(xs.map(BigInt)) : (Array_ as typeof Float64Array).from(xs);
    for (const page of pages) {
      const n = page.values.length;
      let valuesPtr = 0;
      let indicesPtr = 0;
      let dictPtr = 0;
      let validityPtr = 0;
      if (page.dict) {
        indicesPtr = a.copyIn(new Uint8Array(Uint32Array.from(page.values).buffer));
        dictPtr = a.copyIn(new Uint8Array(typed(page.dict).buffer));
      } else valuesPtr = a.copyIn(new Uint8Array(typed(page.values).buffer));
      if (page.valid) {
        const bits = new Uint8Array(Math.ceil(n / 8) + 1);
        page.valid.forEach((v, i) => {
          if (v) bits[i >> 3]! |= 1 << (i & 7);
        });
        validityPtr = a.copyIn(bits);
      }
      const status = a.wasm[KERNELS[kind]](
        valuesPtr,
        validityPtr,
        indicesPtr,
        dictPtr,
        page.dict?.length ?? 0,
        n,
        state,
      );
      if (status !== 0) return { status };
    }
    const f64 = a.view(Float64Array, state, 6);
    const i64 = a.view(BigInt64Array, state, 4);
    const flags = a.view(Int32Array, state + 48, 1)[0]!;
    const big = kind === 'i64';
    const ordered = f64[4]!;
    return {
      status: 0,
      count: f64[0],
      sum: big ? i64[1] : f64[1],
      min: ordered > 0 ? (big ? i64[2] : f64[2]) : undefined,
      max: ordered > 0 ? (big ? i64[3] : f64[3]) : undefined,
      falsy: f64[5],
      nan: (flags & 1) !== 0,
      overflow: (flags & 2) !== 0,
    };
  } finally {
    a.release(mark);
  }
}

const show = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v,
  );

t.test('plain pages with and without nulls, several calls into one state, equal the reference', async (t) => {
  const random = new Random(7);
  for (const kind of ['f64', 'f32', 'i32', 'i64'] as const) {
    for (const distinct of [3, 50, 100000]) {
      const pages = [0, 1, 2].map((p) => {
        const values = valuesOf(random, kind, 500 + random.below(700), distinct).map((v) =>
          kind === 'f32' ? Math.fround(v) : v,
        );
        const valid = p === 1 ? undefined : values.map(() => random.below(4) !== 0);
        return { values, valid };
      });
      const all = pages.flatMap((p) => p.values);
      const validAll = pages.flatMap((p) => p.valid ?? p.values.map(() => true));
      const big = kind === 'i64';
      const ref = reference(big ? all.map(BigInt) : all, (i) => validAll[i]!, big);
      const got = run(kind, pages);
      t.equal(got.status, 0);
      t.equal(show({ ...got, status: undefined, overflow: undefined }), show(ref), `${kind} distinct ${distinct}`);
    }
  }
});

t.test('dictionary pages equal the gathered values; an index past the dictionary is Invalid', async (t) => {
  const random = new Random(11);
  for (const kind of ['f64', 'f32', 'i32', 'i64'] as const) {
    const dict = valuesOf(random, kind, 40, 30).map((v) => (kind === 'f32' ? Math.fround(v) : v));
    const indices = Array.from({ length: 3000 }, () => random.below(dict.length));
    const gathered = indices.map((i) => dict[i]!);
    const big = kind === 'i64';
    const ref = reference(big ? gathered.map(BigInt) : gathered, () => true, big);
    const got = run(kind, [{ values: indices, dict }]);
    t.equal(show({ ...got, status: undefined, overflow: undefined }), show(ref), `${kind} through the dictionary`);
    t.equal(run(kind, [{ values: [0, dict.length], dict }]).status, KernelStatus.Invalid, `${kind} bad index`);
  }
});

t.test('an int64 sum past the i64 range sets the overflow flag', async (t) => {
  const big = 2 ** 62;
  t.equal(run('i64', [{ values: [big, big] }]).overflow, true);
  t.equal(run('i64', [{ values: [big, -big, big] }]).overflow, false);
  t.equal(run('i64', [{ values: [-big, -big, -big] }]).overflow, true);
});
